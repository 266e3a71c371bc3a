"""Register 07 (sổ theo dõi hồ sơ) as an Excel workbook: the rows and columns of the printed register.

The rows come from :func:`.context.register`, as the PDF's do, so the two never disagree; only the cells
differ in kind: the three time columns are real dates here (formatted ``hh:mm dd/mm/yyyy``), so an
agency can sort and filter them. Always in Vietnamese, as the slips are.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from ..models import Dossier
from .context import register
from .render import SLIP_TITLES

SHEET_TITLE = "Sổ theo dõi hồ sơ"
DATETIME_FORMAT = "hh:mm dd/mm/yyyy"
# Column widths in characters, by column key; the header's own length decides the others.
WIDTHS = {
    "no": 6,
    "code": 22,
    "procedure": 42,
    "applicant_contact": 42,
    "lead_agency": 30,
    "received_at": 17,
    "appointment_at": 17,
    "returned_at": 17,
    "return_method": 24,
    "signature": 14,
}
HEADER_ROW = 4  # below the title, the issuing unit and the period
WRAPPED = {"procedure", "applicant_contact", "lead_agency", "return_method"}


def _cell(row: dict[str, Any], key: str) -> Any:
    """A row's value for column ``key``: the moment itself for a time column (local, as Excel has no time
    zones), the printed text otherwise."""
    instants: dict[str, datetime | None] = row.get("instants", {})
    if key in instants:
        moment = instants[key]
        return timezone.localtime(moment).replace(tzinfo=None, microsecond=0) if moment else None
    value = row.get(key, "")
    return value if value != "" else None


def register_xlsx(*, dossiers: Iterable[Dossier] | QuerySet[Dossier], **extra: Any) -> bytes:
    """The register of ``dossiers`` as .xlsx bytes; ``extra`` as for the PDF (``period``, ``issuer``, ``at``…)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    data = register(dossiers=dossiers, **extra)
    columns: tuple[tuple[str, str], ...] = data["columns"]
    last = get_column_letter(len(columns))

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE

    title = sheet.cell(row=1, column=1, value=SLIP_TITLES["07"])
    title.font, title.alignment = Font(bold=True, size=14), Alignment(horizontal="center")
    sheet.merge_cells(f"A1:{last}1")
    issuer = " – ".join(x for x in (data["issuer"], data["issuer_sub"]) if x)
    sheet.cell(row=2, column=1, value=issuer or None).alignment = Alignment(horizontal="center")
    sheet.merge_cells(f"A2:{last}2")
    period = " · ".join(x for x in (data["period"], f"Ngày in: {data['printed_on']}") if x)
    sheet.cell(row=3, column=1, value=period).alignment = Alignment(horizontal="center")
    sheet.merge_cells(f"A3:{last}3")

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    thin = Side(style="thin", color="B4C0CD")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for index, (key, header) in enumerate(columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=header)
        cell.font, cell.fill, cell.border = bold, fill, border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(key, max(12, len(header) + 4))
    for row_index, row in enumerate(data["rows"], start=HEADER_ROW + 1):
        for index, (key, _header) in enumerate(columns, start=1):
            cell = sheet.cell(row=row_index, column=index, value=_cell(row, key))
            cell.border = border
            cell.alignment = Alignment(vertical="top", wrap_text=key in WRAPPED)
            if key in row.get("instants", {}):
                cell.number_format = DATETIME_FORMAT

    last_row = HEADER_ROW + max(len(data["rows"]), 1)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{last_row}"
    # Printed as the paper register is: A4 landscape, one page wide, the header row on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.oddFooter.center.text = "Trang &P / &N"
    workbook.properties.title = SLIP_TITLES["07"]
    workbook.properties.creator = "motcua"

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
