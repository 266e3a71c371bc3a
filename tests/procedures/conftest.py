"""Helpers for the catalogue tests: specs as spreadsheet rows, and workbooks or CSV archives built from rows."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import Workbook

from motcua.procedures.exchange import SHEET_ORDER, SHEETS, specs_to_tables
from motcua.procedures.exchange.columns import cell_value
from motcua.procedures.models import Field
from tests.factories import FieldFactory

FIELD_NAMES = {"HT": "Hộ tịch"}


@pytest.fixture
def civil_status(db) -> Field:
    return FieldFactory(code="HT", name="Hộ tịch")


def sheets_of(*specs, field_names=None) -> dict[str, list[list]]:
    """The specs as the rows of each sheet (a header row first), ready to edit cell by cell."""
    tables = specs_to_tables(specs, FIELD_NAMES if field_names is None else field_names)
    sheets = {}
    for name in SHEET_ORDER:
        columns = SHEETS[name]
        rows = [[column.name for column in columns]]
        for _number, values in tables[name].rows:
            rows.append([cell_value(column, values[column.name]) for column in columns])
        sheets[name] = rows
    return sheets


def set_cell(sheets: dict[str, list[list]], sheet: str, row: int, column: str, value) -> None:
    """Change one cell, addressed as in Excel: ``row`` 1 is the header."""
    header = sheets[sheet][0]
    sheets[sheet][row - 1][header.index(column)] = value


def xlsx_of(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_zip_of(sheets: dict[str, list[list]], *, delimiter: str = ",", encoding: str = "utf-8-sig") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, rows in sheets.items():
            text = io.StringIO()
            writer = csv.writer(text, delimiter=delimiter)
            for row in rows:
                writer.writerow(["" if cell is None else cell for cell in row])
            archive.writestr(f"{name}.csv", text.getvalue().encode(encoding))
    return buffer.getvalue()
