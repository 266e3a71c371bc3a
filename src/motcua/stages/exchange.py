"""The stage catalogue as an Excel workbook: sheets ``stages``, ``steps`` and ``events`` (docs/stages.md,
"The workbook"). An export writes one version; an import makes a new draft, all or nothing: every problem is
listed by sheet, row and column, and nothing is written while one remains."""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction

from motcua.core.errors import ApplicationError
from motcua.procedures.errors import ImportIssue

from . import errors
from .models import REQUIRED_STAGE_CODES, CatalogueVersion, Performer, TimeBasis
from .rules import (
    choice_problems,
    code_problems,
    event_problems,
    indicator_problems,
    slip_problems,
)
from .services import catalogue_draft_create
from .specs import EventSpec, StageSpec, StepSpec, specs_of

STAGES, STEPS, EVENTS = "stages", "steps", "events"
LINES = ("inputs", "outputs", "quality_checks")  # one item per line of the cell
CODES = ("slips", "indicators")  # codes separated by commas
COLUMNS: dict[str, tuple[str, ...]] = {
    STAGES: (
        "code",
        "sort_order",
        "name_vi",
        "name_en",
        "performer",
        "reference_only",
        "time_standard_minutes",
        "time_basis",
        *LINES,
        *CODES,
    ),
    STEPS: ("stage", "order", "actor", "text_vi", "text_en"),
    EVENTS: ("stage", "boundary", "order", "kind", "name"),
}
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000
TRUE, FALSE = {"true", "1", "x", "yes", "có"}, {"false", "0", "", "no", "không"}


# --- export ----------------------------------------------------------------------------------------------------------


def _rows(specs: list[StageSpec]) -> dict[str, list[list[Any]]]:
    rows: dict[str, list[list[Any]]] = {STAGES: [], STEPS: [], EVENTS: []}
    for spec in specs:
        values = {
            "code": spec.code,
            "sort_order": spec.sort_order,
            **{name: getattr(spec, name) for name in StageSpec.VALUE_FIELDS},
            **{name: "\n".join(getattr(spec, name)) for name in LINES},
            **{name: ", ".join(getattr(spec, name)) for name in CODES},
        }
        values["reference_only"] = "true" if spec.reference_only else "false"
        rows[STAGES].append([values[column] for column in COLUMNS[STAGES]])
        rows[STEPS] += [[spec.code, s.order, s.actor, s.text_vi, s.text_en] for s in spec.steps]
        rows[EVENTS] += [[spec.code, e.boundary, e.order, e.kind, e.name] for e in spec.events]
    return rows


def catalogue_export_xlsx(version: CatalogueVersion) -> bytes:
    """``version`` as an .xlsx workbook: bold, frozen headers; list cells one item per line."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold, fill, wrap = (
        Font(bold=True),
        PatternFill("solid", fgColor="DDEBF7"),
        Alignment(wrap_text=True, vertical="top"),
    )
    for name, rows in _rows(specs_of(version)).items():
        sheet = workbook.create_sheet(name)
        sheet.append(list(COLUMNS[name]))
        for cell in sheet[1]:
            cell.font, cell.fill = bold, fill
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                cell.number_format = "@"  # text: "01" stays "01"
                cell.alignment = wrap
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = 40 if column[0].value in LINES else 18
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- import ----------------------------------------------------------------------------------------------------------


@dataclass
class _Sheet:
    name: str
    rows: list[tuple[int, dict[str, Any]]]


def _read(data: bytes) -> dict[str, _Sheet]:
    from openpyxl import load_workbook

    if len(data) > MAX_FILE_BYTES:
        raise errors.import_rejected([ImportIssue.of(errors.file_unreadable(reason="> 5 MB"))])
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        issue = ImportIssue.of(errors.file_unreadable(reason=str(error) or type(error).__name__))
        raise errors.import_rejected([issue]) from error
    try:
        titles = {title.strip().lower(): title for title in workbook.sheetnames}
        missing = [name for name in COLUMNS if name not in titles]
        if missing:
            raise errors.import_rejected(
                [ImportIssue.of(errors.sheet_missing(sheet=name), sheet=name) for name in missing]
            )
        sheets = {}
        for name in COLUMNS:
            raw = workbook[titles[name]].iter_rows(values_only=True)
            headers = [str(cell).strip().lower() if cell is not None else "" for cell in next(raw, ())]
            rows = []
            for number, cells in enumerate(raw, start=2):
                if number > MAX_ROWS:
                    break
                values = {header: cell for header, cell in zip(headers, cells, strict=False) if header}
                if any(value is not None and str(value).strip() for value in values.values()):
                    rows.append((number, values))
            sheets[name] = _Sheet(name, rows)
        return sheets
    finally:
        workbook.close()


class _Issues:
    def __init__(self) -> None:
        self.items: list[ImportIssue] = []

    def add(self, found: list[ApplicationError], *, sheet: str, row: int | None, column: str) -> None:
        self.items += [ImportIssue.of(error, sheet=sheet, row=row, column=column) for error in found]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _int(value: Any, issues: _Issues, *, sheet: str, row: int, column: str) -> int:
    text = _text(value)
    if text.isdigit():
        return int(text)
    issues.add([errors.bad_number(value=text, field=column)], sheet=sheet, row=row, column=column)
    return 0


def _required(values: dict[str, Any], issues: _Issues, *, sheet: str, row: int, column: str) -> str:
    text = _text(values.get(column))
    if not text:
        issues.add([errors.required(field=column)], sheet=sheet, row=row, column=column)
    return text


def _codes(value: Any, *, pad: bool = False) -> tuple[str, ...]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = _text(value)
    items = [item.strip() for item in str(value or "").replace(";", ",").split(",") if item.strip()]
    # Excel turns a typed 01 into the number 1: slips are two digits.
    return tuple(f"{int(item):02d}" if pad and item.isdigit() else item for item in items)


def _lines(value: Any) -> tuple[str, ...]:
    return tuple(line.strip() for line in str(value or "").splitlines() if line.strip())


def _stage(number: int, values: dict[str, Any], issues: _Issues) -> StageSpec:
    def add(found: list[ApplicationError], column: str) -> None:
        issues.add(found, sheet=STAGES, row=number, column=column)

    code = _required(values, issues, sheet=STAGES, row=number, column="code")
    if code:
        add(code_problems(code), "code")
    performer = _text(values.get("performer"))
    add(choice_problems(performer, Performer.values, field="performer"), "performer")
    basis = _text(values.get("time_basis")) or "dossier"
    add(choice_problems(basis, TimeBasis.values, field="time_basis"), "time_basis")
    flag = _text(values.get("reference_only")).lower()
    if flag not in TRUE | FALSE:
        add([errors.bad_choice(value=flag, choices=("true", "false"), field="reference_only")], "reference_only")
    slips, indicators = _codes(values.get("slips"), pad=True), _codes(values.get("indicators"))
    add(slip_problems(slips), "slips")
    add(indicator_problems(indicators), "indicators")
    return StageSpec(
        code=code,
        sort_order=_int(values.get("sort_order"), issues, sheet=STAGES, row=number, column="sort_order"),
        name_vi=_required(values, issues, sheet=STAGES, row=number, column="name_vi"),
        name_en=_required(values, issues, sheet=STAGES, row=number, column="name_en"),
        performer=performer,
        reference_only=flag in TRUE and flag != "",
        time_standard_minutes=_int(
            values.get("time_standard_minutes"), issues, sheet=STAGES, row=number, column="time_standard_minutes"
        ),
        time_basis=basis,
        inputs=_lines(values.get("inputs")),
        outputs=_lines(values.get("outputs")),
        quality_checks=_lines(values.get("quality_checks")),
        slips=slips,
        indicators=indicators,
    )


def _parse(sheets: dict[str, _Sheet]) -> tuple[list[StageSpec], list[ImportIssue]]:
    issues = _Issues()
    stages: dict[str, tuple[int, StageSpec]] = {}
    codes = Counter(_text(values.get("code")) for _number, values in sheets[STAGES].rows)
    orders: set[int] = set()
    for number, values in sheets[STAGES].rows:
        spec = _stage(number, values, issues)
        if codes[spec.code] > 1:
            issues.add([errors.duplicate_code(code=spec.code)], sheet=STAGES, row=number, column="code")
        if spec.sort_order in orders:
            issues.add([errors.duplicate_order(order=spec.sort_order)], sheet=STAGES, row=number, column="sort_order")
        orders.add(spec.sort_order)
        stages.setdefault(spec.code, (number, spec))
    steps: dict[str, list[StepSpec]] = defaultdict(list)
    for number, values in sheets[STEPS].rows:
        where: dict[str, Any] = {"sheet": STEPS, "row": number}
        code = _required(values, issues, column="stage", **where)
        if code and code not in stages:
            issues.add([errors.step_of_unknown_stage(code=code)], column="stage", **where)
        actor = _text(values.get("actor"))
        issues.add(choice_problems(actor, Performer.values, field="actor"), column="actor", **where)
        order = _int(values.get("order"), issues, column="order", **where)
        if order in {s.order for s in steps[code]}:
            issues.add([errors.duplicate_order(order=order)], column="order", **where)
        text_vi = _required(values, issues, column="text_vi", **where)
        text_en = _required(values, issues, column="text_en", **where)
        steps[code].append(StepSpec(order=order, text_vi=text_vi, text_en=text_en, actor=actor))
    events: dict[str, list[EventSpec]] = defaultdict(list)
    for number, values in sheets[EVENTS].rows:
        where = {"sheet": EVENTS, "row": number}
        code = _required(values, issues, column="stage", **where)
        if code and code not in stages:
            issues.add([errors.step_of_unknown_stage(code=code)], column="stage", **where)
        event = EventSpec(
            boundary=_text(values.get("boundary")),
            order=_int(values.get("order"), issues, column="order", **where),
            kind=_text(values.get("kind")),
            name=_text(values.get("name")),
        )
        for error in event_problems(event):
            issues.add([error], column=error.field or "name", **where)
        if any((e.boundary, e.order) == (event.boundary, event.order) for e in events[code]):
            issues.add([errors.duplicate_order(order=event.order)], column="order", **where)
        events[code].append(event)
    for code in stages:
        if code and not steps.get(code):
            issues.add([errors.no_steps(code=code)], sheet=STEPS, row=None, column="stage")
    missing = [code for code in REQUIRED_STAGE_CODES if code not in stages]
    if missing:
        issues.add([errors.stages_missing(codes=missing)], sheet=STAGES, row=None, column="code")
    specs = [
        replace(
            spec,
            steps=tuple(sorted(steps[code], key=lambda s: s.order)),
            events=tuple(sorted(events[code], key=lambda e: (e.boundary != "start", e.order))),
        )
        for code, (_number, spec) in stages.items()
    ]
    return sorted(specs, key=lambda s: s.sort_order), issues.items


def catalogue_import_specs(data: bytes) -> list[StageSpec]:
    """The workbook's stages as specs, or :class:`~.errors.StagesImportRejected` listing every problem."""
    specs, issues = _parse(_read(data))
    if issues:
        raise errors.import_rejected(issues)
    return specs


@transaction.atomic
def catalogue_import_xlsx(data: bytes, *, actor: Any = None, note: str = "") -> CatalogueVersion:
    """A new draft version from the workbook ``data``; nothing is written when any row is wrong."""
    specs = catalogue_import_specs(data)
    return catalogue_draft_create(specs=specs, note=note or "imported from a workbook", actor=actor)
