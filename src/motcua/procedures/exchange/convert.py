"""Specs → tables: the rows an export writes, and the rows the demo catalogue feeds to the import."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..specs import ProcedureSpec, part_values
from .columns import COMPONENTS, FEES, PROCEDURES, SHEET_ORDER, SHEETS, STEPS, eform_cell
from .tables import Table, Tables


def specs_to_tables(specs: Iterable[ProcedureSpec], field_names: Mapping[str, str]) -> Tables:
    """One procedures row per spec and one row per part, in the order of ``specs`` and of their parts."""
    tables = {name: Table(name=name, headers=[column.name for column in SHEETS[name]]) for name in SHEET_ORDER}

    def append(sheet: str, values: dict) -> None:
        table = tables[sheet]
        table.rows.append((len(table.rows) + 2, {column.name: values.get(column.name) for column in SHEETS[sheet]}))

    for spec in specs:
        append(
            PROCEDURES,
            {
                "national_code": spec.national_code,
                "field_code": spec.field_code,
                "field_name": field_names.get(spec.field_code, ""),
                **{name: getattr(spec, name) for name in ProcedureSpec.VERSION_FIELDS},
                "eform_fields": eform_cell(spec.eform_fields),
            },
        )
        for sheet, parts in ((COMPONENTS, spec.components), (FEES, spec.fees), (STEPS, spec.steps)):
            for order, part in enumerate(parts, start=1):
                append(sheet, {"national_code": spec.national_code, "order": order, **part_values(part)})  # type: ignore[arg-type]
    return tables
