"""Tables → procedure specs, with every problem located at its sheet, row and column. No database here.

The whole file is read before anything is judged, and every rule runs even when another already failed, so
a person fixes the file in one pass. A procedure becomes a spec only when all its rows are clean.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from motcua.core.errors import ApplicationError

from ..errors import ImportIssue
from ..specs import ComponentSpec, FeeSpec, ProcedureSpec, StepSpec
from ..validators import SpecIssue, check_component, check_fee, check_procedure, check_step, check_structure
from . import errors
from .columns import COMPONENTS, FEES, PROCEDURES, SHEET_ORDER, SHEETS, STEPS, parse_cell
from .tables import Table, Tables

PART_SHEETS: dict[str, tuple[type, Callable[..., Any]]] = {
    COMPONENTS: (ComponentSpec, check_component),
    FEES: (FeeSpec, check_fee),
    STEPS: (StepSpec, check_step),
}


@dataclass
class ParsedRow:
    number: int
    values: dict[str, Any]
    failed: set[str] = field(default_factory=set)

    @property
    def clean(self) -> bool:
        return not self.failed


@dataclass
class ProcedureRows:
    """Where each piece of a procedure came from, to point at rows when a rule across them fails."""

    procedure: ParsedRow
    parts: dict[str, list[ParsedRow]] = field(default_factory=lambda: defaultdict(list))


@dataclass
class ParsedCatalogue:
    specs: list[ProcedureSpec]
    field_names: dict[str, str]
    rows: dict[str, ProcedureRows]
    issues: list[ImportIssue]


class _Parser:
    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.issues: list[ImportIssue] = []

    def add(self, error: ApplicationError, sheet: str, row: int | None, column: str = "") -> None:
        self.issues.append(ImportIssue.of(error, sheet=sheet, row=row, column=column))

    def readable(self, name: str) -> Table | None:
        """The table if its sheet and required columns are present; otherwise say what is missing."""
        table = self.tables.get(name)
        if table is None:
            self.add(errors.sheet_missing(sheet=name), name, None)
            return None
        ok = True
        seen = set()
        for header in table.headers:
            if header and header in seen:
                self.add(errors.column_duplicate(column=header), name, 1, header)
                ok = False
            seen.add(header)
        for column in SHEETS[name]:
            if column.required and column.name not in seen:
                self.add(errors.column_missing(column=column.name), name, 1, column.name)
                ok = False
        return table if ok else None

    def parse_rows(self, name: str, table: Table) -> list[ParsedRow]:
        rows = []
        for number, raw in table.rows:
            row = ParsedRow(number, {})
            for column in SHEETS[name]:
                try:
                    row.values[column.name] = parse_cell(column, raw.get(column.name))
                except ApplicationError as error:
                    self.add(error, name, number, column.name)
                    row.values[column.name] = column.placeholder
                    row.failed.add(column.name)
            rows.append(row)
        return rows

    def add_row_issues(self, issues: list[SpecIssue], sheet: str, row: ParsedRow) -> None:
        """Report rule issues on one row, leaving out columns whose cell already could not be read."""
        unreadable = set(row.failed)
        for issue in issues:
            if issue.field not in unreadable:
                self.add(issue.error, sheet, row.number, issue.field)
                row.failed.add(issue.field)

    def fail(self, error: ApplicationError, sheet: str, row: ParsedRow, column: str) -> None:
        self.add(error, sheet, row.number, column)
        row.failed.add(column)


def _procedure_spec(values: dict[str, Any], parts: dict[str, Any] | None = None) -> ProcedureSpec:
    fields = {key: value for key, value in values.items() if key != "field_name"}
    return ProcedureSpec(**fields, **(parts or {}))


def _part_spec(sheet: str, values: dict[str, Any]) -> Any:
    spec_class = PART_SHEETS[sheet][0]
    return spec_class(**{key: value for key, value in values.items() if key not in ("national_code", "order")})


def _check_order(parser: _Parser, sheet: str, row: ParsedRow, orders: dict[tuple[str, int], int]) -> None:
    code, order = row.values["national_code"], row.values["order"]
    if order < 1:
        parser.fail(errors.order_invalid(), sheet, row, "order")
    elif (code, order) in orders:
        parser.fail(errors.order_duplicate(order=order, code=code, row=orders[(code, order)]), sheet, row, "order")
    else:
        orders[(code, order)] = row.number


def _read_procedures(parser: _Parser, rows: list[ParsedRow]) -> tuple[dict[str, ProcedureRows], dict[str, str]]:
    """Procedure rows by code, and the field names the file gives (one name per field code)."""
    procedures: dict[str, ProcedureRows] = {}
    field_names: dict[str, str] = {}
    field_name_rows: dict[str, int] = {}
    for row in rows:
        code = row.values["national_code"]
        if code in procedures:
            error = errors.procedure_duplicate(code=code, row=procedures[code].procedure.number)
            parser.add(error, PROCEDURES, row.number, "national_code")
            continue
        if code:
            procedures[code] = ProcedureRows(row)
        field_code, field_name = row.values["field_code"], row.values["field_name"]
        if field_name and field_names.setdefault(field_code, field_name) != field_name:
            error = errors.field_name_conflict(code=field_code, row=field_name_rows[field_code])
            parser.fail(error, PROCEDURES, row, "field_name")
        field_name_rows.setdefault(field_code, row.number)
        parser.add_row_issues(check_procedure(_procedure_spec(row.values)), PROCEDURES, row)
    return procedures, field_names


def _read_parts(
    parser: _Parser, sheet: str, rows: list[ParsedRow], procedures: dict[str, ProcedureRows], *, check_references: bool
) -> None:
    """Check each row of a part sheet and attach it to its procedure."""
    orders: dict[tuple[str, int], int] = {}
    check = PART_SHEETS[sheet][1]
    for row in rows:
        code = row.values["national_code"]
        if check_references and code and code not in procedures:
            parser.fail(errors.procedure_reference_unknown(code=code), sheet, row, "national_code")
        if "order" not in row.failed:
            _check_order(parser, sheet, row, orders)
        parser.add_row_issues(check(_part_spec(sheet, row.values), 0), sheet, row)
        if code in procedures:
            procedures[code].parts[sheet].append(row)


def _assemble(parser: _Parser, source: ProcedureRows) -> ProcedureSpec | None:
    """The spec of a procedure whose rows are all clean, if it also passes the rules across its rows."""
    for sheet in PART_SHEETS:
        source.parts[sheet].sort(key=lambda r: r.values["order"])
    if not (source.procedure.clean and all(r.clean for part in source.parts.values() for r in part)):
        return None
    parts = {sheet: tuple(_part_spec(sheet, r.values) for r in source.parts[sheet]) for sheet in PART_SHEETS}
    spec = _procedure_spec(source.procedure.values, parts)
    structure = check_structure(spec)
    for issue in structure:
        row = source.procedure if issue.index is None else source.parts[issue.part][issue.index]
        sheet = PROCEDURES if issue.index is None else issue.part
        parser.add(issue.error, sheet, row.number, issue.field)
    return None if structure else spec


def parse_catalogue(tables: Tables) -> ParsedCatalogue:
    """Read the four sheets into specs; ``issues`` lists every problem in sheet, row and column order."""
    parser = _Parser(tables)
    readable = {name: parser.readable(name) for name in SHEET_ORDER}
    parsed = {name: parser.parse_rows(name, table) if table else [] for name, table in readable.items()}
    procedures, field_names = _read_procedures(parser, parsed[PROCEDURES])
    for sheet in PART_SHEETS:
        # Without a readable procedures sheet every reference would dangle: say it once, by the sheet's issue.
        _read_parts(parser, sheet, parsed[sheet], procedures, check_references=readable[PROCEDURES] is not None)
    specs = [spec for spec in (_assemble(parser, source) for source in procedures.values()) if spec is not None]
    return ParsedCatalogue(specs=specs, field_names=field_names, rows=procedures, issues=sort_issues(parser.issues))


def sort_issues(issues: list[ImportIssue]) -> list[ImportIssue]:
    """File order: sheet, row, then column as the sheet lays them out."""
    sheet_index = {name: index for index, name in enumerate(SHEET_ORDER)}
    column_index = {(name, c.name): index for name in SHEET_ORDER for index, c in enumerate(SHEETS[name])}

    def key(issue: ImportIssue) -> tuple:
        return (
            sheet_index.get(issue.sheet, -1),
            issue.row or 0,
            column_index.get((issue.sheet, issue.column), len(column_index)),
        )

    return sorted(issues, key=key)
