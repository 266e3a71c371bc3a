"""Register 07 as an Excel workbook: the form's Vietnamese headers, one row per dossier, the same rows as the PDF."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from motcua.dossiers.lifecycle import Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.slips import slip_pdf
from motcua.dossiers.slips.context import REGISTER_COLUMNS, register
from motcua.dossiers.slips.formats import vn_datetime
from motcua.dossiers.slips.register_xlsx import HEADER_ROW, register_xlsx
from tests.dossiers.conftest import at
from tests.dossiers.test_slips import read
from tests.dossiers.transitions_support import reach

pytestmark = pytest.mark.django_db

HEADERS = [
    "TT",
    "Mã hồ sơ",
    "Thủ tục",
    "Người nộp; địa chỉ, điện thoại",
    "Cơ quan chủ trì",
    "Nhận hồ sơ",
    "Hẹn trả",
    "Đã trả",
    "Hình thức trả",
    "Ký nhận",
]


@pytest.fixture
def dossiers(world):
    """One dossier still open, one refused at reception, one whose result was returned at the counter."""
    waiting = world.receive(received_at=at("24/11/2026 08:30"))
    refused = reach(world, Status.REFUSED)
    returned = reach(world, Status.RETURNED)
    return waiting, refused, returned


def _sheet(data: bytes):
    workbook = load_workbook(io.BytesIO(data))
    return workbook, workbook.active


def _rows(sheet) -> list[tuple]:
    return [row for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if any(row)]


def _local(value: datetime | None) -> datetime | None:
    return timezone.localtime(value).replace(tzinfo=None, microsecond=0) if value else None


def test_the_workbook_has_the_forms_headers_and_a_row_per_dossier(world, dossiers):
    waiting, refused, returned = dossiers
    workbook, sheet = _sheet(register_xlsx(dossiers=Dossier.objects.all(), period="Tháng 11/2026"))

    assert workbook.sheetnames == ["Sổ theo dõi hồ sơ"]
    assert sheet["A1"].value == "SỔ THEO DÕI HỒ SƠ"
    assert sheet["A3"].value.startswith("Tháng 11/2026")
    assert [cell.value for cell in sheet[HEADER_ROW]] == HEADERS == [header for _key, header in REGISTER_COLUMNS]
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"

    rows = _rows(sheet)
    ordered = sorted(dossiers, key=lambda d: (d.received_at, d.pk))
    assert [row[0] for row in rows] == [1, 2, 3]
    assert [row[1] for row in rows] == [d.code for d in ordered]
    by_code = {row[1]: row for row in rows}

    row = by_code[returned.code]
    assert row[2] == returned.procedure_version.name
    assert row[3] == "Nguyễn Văn An; 12 Trần Phú, Phường Thành Sen, 0912345678"
    assert row[4] == "UBND Phường Thành Sen"
    assert row[5] == _local(returned.received_at)
    assert row[6] == _local(returned.appointment_at)
    assert returned.returned_at is not None
    assert row[7] == _local(returned.returned_at)
    assert row[8] == "Tại bộ phận tiếp nhận và trả kết quả"
    assert row[9] is None  # signed on paper

    for unreturned in (waiting, refused):
        assert by_code[unreturned.code][7] is None and by_code[unreturned.code][8] is None
    assert by_code[waiting.code][5] == datetime(2026, 11, 24, 8, 30)


def test_time_cells_are_dates_shown_as_on_the_form(world, dossiers):
    _workbook, sheet = _sheet(register_xlsx(dossiers=Dossier.objects.all()))

    received = sheet.cell(row=HEADER_ROW + 1, column=6)
    assert isinstance(received.value, datetime)
    assert received.number_format == "hh:mm dd/mm/yyyy"


def test_pdf_and_workbook_have_the_same_rows(world, dossiers):
    """Both come from the register's own rows: every cell of the workbook prints the same in the PDF."""
    queryset = Dossier.objects.all()
    printed = register(dossiers=queryset)["rows"]
    _workbook, sheet = _sheet(register_xlsx(dossiers=queryset))
    rows = _rows(sheet)
    assert len(rows) == len(printed) == 3

    for cells, row in zip(rows, printed, strict=True):
        assert cells[0] == row["no"] and cells[1] == row["code"] and cells[2] == row["procedure"]
        assert cells[3] == f"{row['applicant']}; {row['contact']}"
        assert cells[4] == row["lead_agency"]
        for index, key in ((5, "received_at"), (6, "appointment_at"), (7, "returned_at")):
            shown = cells[index].strftime("%H:%M %d/%m/%Y") if cells[index] else ""
            assert shown == row[key] == vn_datetime(row["instants"][key])
        assert (cells[8] or "") == row["return_method"]

    text = read(slip_pdf(kind="07", dossiers=queryset), landscape=True)
    for header in HEADERS:
        assert header in text, header
    for row in printed:
        for key in ("code", "received_at", "appointment_at", "returned_at"):
            assert row[key] in text, (key, row[key])


def test_an_empty_register_still_has_its_headers(world):
    _workbook, sheet = _sheet(register_xlsx(dossiers=Dossier.objects.none(), issuer="Bưu cục Thành Sen"))

    assert [cell.value for cell in sheet[HEADER_ROW]] == HEADERS
    assert sheet["A2"].value == "Bưu cục Thành Sen"
    assert _rows(sheet) == []
