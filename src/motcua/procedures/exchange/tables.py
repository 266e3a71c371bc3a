"""Files ⇄ tables: an Excel workbook or a .zip of CSV files read into plain rows, and written back.

A table is a sheet's header and its non-empty rows, each with the row number a person sees in Excel (the
header is row 1). Nothing here knows what a procedure is; :mod:`.parse` gives the rows their meaning.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation

from motcua.core.errors import ApplicationError

from ..errors import ImportIssue, ImportRejected
from . import errors
from .columns import SHEET_ORDER, SHEETS, cell_text, cell_value

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # a zip bomb stops here, before anything is decompressed
MAX_ROWS = 200_000
# A fixed timestamp keeps the .zip byte-for-byte identical for identical data.
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)


@dataclass
class Table:
    name: str
    headers: list[str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


Tables = dict[str, Table]


def _reject(error: ApplicationError) -> ImportRejected:
    """A file that cannot be read at all: its one problem."""
    return ImportRejected([ImportIssue.of(error)])


def _table(name: str, raw_rows: Any) -> Table:
    rows = iter(raw_rows)
    header_cells = next(rows, ())
    headers = [str(cell).strip().lower() if cell is not None else "" for cell in header_cells]
    table = Table(name=name, headers=headers)
    for number, cells in enumerate(rows, start=2):
        if number > MAX_ROWS:
            raise _reject(errors.sheet_too_long(sheet=name, max=MAX_ROWS))
        values = {header: cell for header, cell in zip(headers, cells, strict=False) if header}
        if any(value is not None and str(value).strip() for value in values.values()):
            table.rows.append((number, values))
    return table


def _read_xlsx(data: bytes) -> Tables:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise _reject(errors.file_unreadable(reason=str(error) or type(error).__name__)) from error
    try:
        sheets = {title.strip().lower(): title for title in workbook.sheetnames}
        return {
            name: _table(name, workbook[sheets[name]].iter_rows(values_only=True))
            for name in SHEET_ORDER
            if name in sheets
        }
    finally:
        workbook.close()


def _csv_rows(name: str, payload: bytes) -> list[list[Any]]:
    try:
        text = payload.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _reject(errors.csv_not_utf8(file=f"{name}.csv")) from None
    first_line = text.split("\n", 1)[0]
    # Excel set to Vietnamese writes ";" between values; the headers never contain either separator.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return [
            [cell if cell != "" else None for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    except csv.Error as error:
        raise _reject(errors.csv_malformed(file=f"{name}.csv", reason=str(error))) from error


def _read_csv_zip(archive: zipfile.ZipFile) -> Tables:
    members = {
        info.filename.rsplit("/", 1)[-1].lower(): info
        for info in archive.infolist()
        if not info.is_dir() and info.filename.lower().endswith(".csv") and "__macosx" not in info.filename.lower()
    }
    if not members:
        raise _reject(errors.file_not_recognised())
    tables = {}
    for name in SHEET_ORDER:
        info = members.get(f"{name}.csv")
        if info is not None:
            tables[name] = _table(name, _csv_rows(name, archive.read(info)))
    return tables


def read_tables(data: bytes) -> Tables:
    """The four sheets found in an .xlsx workbook or a .zip of CSV files (absent sheets are left out).

    Raises :class:`ImportRejected` for a file that is neither, is damaged, or is too large.
    """
    if len(data) > MAX_FILE_BYTES:
        raise _reject(errors.file_too_large(max_mb=MAX_FILE_BYTES // (1024 * 1024)))
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise _reject(errors.file_not_recognised())
    try:
        with zipfile.ZipFile(buffer) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise _reject(errors.file_too_large(max_mb=MAX_UNPACKED_BYTES // (1024 * 1024)))
            names = set(archive.namelist())
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return _read_xlsx(data)
            return _read_csv_zip(archive)
    except zipfile.BadZipFile as error:
        raise _reject(errors.file_unreadable(reason=str(error))) from error


# --- writing ---------------------------------------------------------------------------------------------------------


def tables_to_csv_zip(tables: Tables) -> bytes:
    """A .zip of ``procedures.csv``, ``components.csv``, ``fees.csv``, ``steps.csv``: UTF-8 with BOM, for Excel."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in SHEET_ORDER:
            columns = SHEETS[name]
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow([column.name for column in columns])
            for _number, values in tables[name].rows:
                writer.writerow([cell_text(column, values.get(column.name)) for column in columns])
            info = zipfile.ZipInfo(f"{name}.csv", date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.getvalue().encode("utf-8-sig"))
    return buffer.getvalue()


def _help(column: Any) -> str:
    with translation.override("vi"):
        vi = str(column.help)
    with translation.override("en"):
        en = str(column.help)
    return vi if vi == en else f"{vi}\n—\n{en}"


def tables_to_xlsx(tables: Tables) -> bytes:
    """An .xlsx workbook with the four sheets (a comment on each header explains the column) and a guide sheet."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for name in SHEET_ORDER:
        sheet = workbook.create_sheet(name)
        columns = SHEETS[name]
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=index, value=column.name)
            cell.font, cell.fill = bold, fill
            cell.comment = Comment(_help(column), "motcua", width=320, height=140)
            sheet.column_dimensions[get_column_letter(index)].width = max(14, min(48, len(column.name) + 6))
        for row_index, (_number, values) in enumerate(tables[name].rows, start=2):
            for index, column in enumerate(columns, start=1):
                sheet.cell(row=row_index, column=index, value=cell_value(column, values.get(column.name)))
        sheet.freeze_panes = "A2"
    guide = workbook.create_sheet("guide")
    guide.append(["sheet", "column", "required", "mô tả (vi)", "description (en)"])
    for cell in guide[1]:
        cell.font = bold
    for name in SHEET_ORDER:
        for column in SHEETS[name]:
            with translation.override("vi"):
                vi = str(column.help)
            with translation.override("en"):
                en = str(column.help)
            guide.append([name, column.name, "x" if column.required else "", vi, en])
    for letter, width in zip("ABCDE", (14, 24, 10, 70, 70), strict=True):
        guide.column_dimensions[letter].width = width
        for cell in guide[letter]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
