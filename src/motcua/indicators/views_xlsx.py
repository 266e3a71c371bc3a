"""Every table of the dashboard as one Excel workbook, one sheet per table, numbers as numbers (a rate as a
share formatted as a percentage, money as whole đồng), so a province can sort, filter and chart them again."""

from __future__ import annotations

import io
import re

from .views_figures import Table

NUMBER_FORMATS = {"int": "#,##0", "rate": "0.0%", "points": "0.00", "vnd": '#,##0 "₫"'}
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_title(title: str) -> str:
    """Excel's rules for a sheet name: at most 31 characters, none of []:*?/\\."""
    return _SHEET_FORBIDDEN.sub(" ", title)[:31]


def dashboard_workbook(*, heading: str, tables: list[Table]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(sheet_title(table.title))
        sheet.append([heading])
        sheet["A1"].font = Font(bold=True)
        sheet.append(list(table.headers))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(row)
        for index, kind in enumerate(table.kinds, start=1):
            letter = get_column_letter(index)
            if kind in NUMBER_FORMATS:
                for (cell,) in sheet.iter_rows(min_row=3, min_col=index, max_col=index):
                    cell.number_format = NUMBER_FORMATS[kind]
            longest = max([len(str(table.headers[index - 1])), *(len(str(r[index - 1] or "")) for r in table.rows)])
            sheet.column_dimensions[letter].width = min(60, max(8, longest + 2))
        sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
