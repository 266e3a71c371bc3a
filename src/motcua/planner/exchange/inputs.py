"""A scenario's inputs as an Excel workbook (docs/planner.md, "The inputs workbook").

Sheets: ``inputs`` (every number but the tables below, one row per dotted key, with its label, unit and source),
``input_provinces`` (one row per province), ``input_fields`` (one row per field of procedures) and
``input_communes`` (measured communes that replace the estimate; may be empty). An import reads them back
into a new version of a scenario: every problem is listed by sheet, row and column, and nothing is written
while one remains.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO, Any

from django.db import transaction

from motcua.core.errors import ApplicationError
from motcua.procedures.errors import ImportIssue

from .. import errors
from ..checks import inputs_problems
from ..defaults import default_inputs, input_fields
from ..inputs import ScenarioInputs, inputs_type_problems, unflatten
from ..models import Scenario, ScenarioVersion

PROVINCES, FIELDS, COMMUNES, INPUTS = "input_provinces", "input_fields", "input_communes", "inputs"
#: Sheet → (the collection of the inputs it holds, its columns: the code first).
TABLE_SHEETS: dict[str, tuple[str, tuple[str, ...]]] = {
    PROVINCES: ("provinces", ("code", "name", "population", "area_km2", "communes", "as_of", "source")),
    FIELDS: ("fields", ("code", "name_vi", "name_en", "dossiers_per_1000", "reception_factor")),
    COMMUNES: ("communes", ("code", "population", "area_km2", "source")),
}
INPUT_COLUMNS = ("key", "value", "unit", "label_vi", "label_en", "source", "as_of")
SHEET_ORDER = (INPUTS, PROVINCES, FIELDS, COMMUNES)
MAX_FILE_BYTES = 5 * 1024 * 1024
Location = tuple[str, int | None, str]


# --- export -------------------------------------------------------------------------------------------------


def inputs_rows(inputs: ScenarioInputs, sources: dict[str, str] | None = None) -> dict[str, list[list[Any]]]:
    """The workbook's sheets as rows (header first); ``sources`` overrides a key's default source."""
    sources = sources or {}
    data = inputs.to_dict()
    rows: dict[str, list[list[Any]]] = {INPUTS: [list(INPUT_COLUMNS)]}
    for sheet, (collection, columns) in TABLE_SHEETS.items():
        rows[sheet] = [list(columns)]
        for code, item in data.pop(collection).items():
            rows[sheet].append([code, *(item[column] for column in columns[1:])])
    tables = {collection for collection, _ in TABLE_SHEETS.values()}
    for row in input_fields(inputs, sources):
        if row.key.split(".")[0] in tables:
            continue
        shown = ", ".join(str(part) for part in row.value) if isinstance(row.value, list) else row.value
        rows[INPUTS].append([row.key, shown, row.unit, row.label_vi, row.label_en, row.source, row.as_of])
    return rows


def write_sheets(workbook: Any, rows: dict[str, list[list[Any]]]) -> None:
    """Append ``rows`` as sheets of an openpyxl write-only workbook, headers bold and frozen."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    bold = Font(bold=True)
    for name, sheet_rows in rows.items():
        sheet = workbook.create_sheet(title=name)
        sheet.freeze_panes = "A2"
        header, *body = sheet_rows
        cells = []
        for text in header:
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)
        for row in body:
            sheet.append(row)


def inputs_workbook(inputs: ScenarioInputs, sources: dict[str, str] | None = None) -> bytes:
    """``inputs`` as an .xlsx workbook that :func:`scenario_inputs_import` reads back."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    write_sheets(workbook, inputs_rows(inputs, sources))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- import -------------------------------------------------------------------------------------------------


def _sheet_rows(workbook: Any, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    rows = workbook[name].iter_rows(values_only=True)
    header = [str(cell).strip().lower() if cell is not None else "" for cell in next(rows, ())]
    for number, cells in enumerate(rows, start=2):
        values = {column: cell for column, cell in zip(header, cells, strict=False) if column}
        if any(value is not None and str(value).strip() for value in values.values()):
            yield number, values


def _text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def inputs_read_workbook(file: IO[bytes] | bytes) -> ScenarioInputs:
    """The inputs of a workbook, checked in full; raises ``InputsImportRejected`` listing every problem."""
    from openpyxl import load_workbook

    data = file if isinstance(file, bytes) else file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise errors.inputs_import_rejected([ImportIssue.of(errors.inputs_file_unreadable())])
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a file that is not a workbook
        raise errors.inputs_import_rejected([ImportIssue.of(errors.inputs_file_unreadable())]) from None
    issues: list[ImportIssue] = []
    flat: dict[str, Any] = {}
    where: dict[str, Location] = {}
    for sheet in SHEET_ORDER:
        if sheet not in workbook.sheetnames:
            if sheet != COMMUNES:
                issues.append(ImportIssue.of(errors.inputs_sheet_missing(sheet=sheet), sheet=sheet))
            continue
        if sheet == INPUTS:
            for number, values in _sheet_rows(workbook, sheet):
                key = str(_text(values.get("key")) or "")
                flat[key] = _text(values.get("value"))
                where[f"inputs.{key}"] = (sheet, number, "value")
            continue
        collection, columns = TABLE_SHEETS[sheet]
        for number, values in _sheet_rows(workbook, sheet):
            code = str(_text(values.get("code")) or "")
            for column in columns[1:]:
                key = f"{collection}.{code}.{column}"
                flat[key] = _text(values.get(column))
                where[f"inputs.{key}"] = (sheet, number, column)
            where[f"inputs.{collection}.{code}"] = (sheet, number, "code")
    workbook.close()
    if issues:
        raise errors.inputs_import_rejected(issues)
    data_tree = unflatten(flat)
    for collection, _ in TABLE_SHEETS.values():
        data_tree.setdefault(collection, {})
    inputs, problems = inputs_type_problems(data_tree)
    if inputs is not None:
        problems = inputs_problems(inputs)
    else:
        problems += _rule_problems_besides(flat, problems)
    if problems:
        raise errors.inputs_import_rejected([_issue(problem, where) for problem in problems])
    assert inputs is not None
    return inputs


def _rule_problems_besides(flat: dict[str, Any], unreadable: list[ApplicationError]) -> list[ApplicationError]:
    """The rules' problems of the other cells, with the default in each unreadable one, so that one import
    lists every problem at once."""
    keys = {problem.field.removeprefix("inputs.") for problem in unreadable}
    defaults = default_inputs().flat()
    kept = {key: defaults.get(key, value) if key in keys else value for key, value in flat.items()}
    tree = unflatten(kept)
    for collection, _ in TABLE_SHEETS.values():
        tree.setdefault(collection, {})
    rest, _ = inputs_type_problems(tree)
    if rest is None:
        return []
    return [problem for problem in inputs_problems(rest) if problem.field.removeprefix("inputs.") not in keys]


def _issue(problem: ApplicationError, where: dict[str, Location]) -> ImportIssue:
    """The problem where a person finds it: the cell of its key, or of the nearest key above it."""
    key = problem.field
    while key and key not in where:
        key = key.rpartition(".")[0]
    sheet, row, column = where.get(key, ("", None, ""))
    return ImportIssue.of(problem, sheet=sheet, row=row, column=column)


@transaction.atomic
def scenario_inputs_import(file: IO[bytes] | bytes, *, actor, scenario: Scenario, note: str = "") -> ScenarioVersion:
    """A new version of ``scenario`` with the workbook's inputs; nothing changes if any problem is found."""
    from ..scenarios import scenario_version_save

    inputs = inputs_read_workbook(file)
    return scenario_version_save(actor=actor, scenario=scenario, inputs=inputs, note=note or "Excel import")
