"""Official slips (Circular 03/2025, Annex I) printed as PDF and read back."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.slips import SlipUnavailable, slip_html, slip_pdf
from motcua.dossiers.slips.formats import vn_datetime, vn_long_date
from tests.dossiers.conftest import at
from tests.dossiers.transitions_support import perform, reach

HEADER = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
APPLICANT = ("Nguyễn Văn An", "042098001234")


def read(pdf: bytes, *, landscape: bool = False) -> str:
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        if landscape:
            width, height = height, width
        assert abs(width - 595.28) < 2 and abs(height - 841.89) < 2, (width, height)
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def assert_common(text: str, dossier: Dossier, title: str) -> None:
    for expected in (*HEADER, title, dossier.code, *APPLICANT):
        assert expected in text, expected
    assert re.search(r"ngày \d\d tháng \d\d năm \d{4}", text)


@pytest.fixture
def dossier(world) -> Dossier:
    return world.receive(received_at=at("25/11/2026 09:00"))


def test_receipt(world, dossier):
    text = read(slip_pdf(kind="01", dossier=dossier))
    assert_common(text, dossier, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
    assert "UBND PHƯỜNG THÀNH SEN" in text and "BƯU ĐIỆN" not in text  # issued for the one-stop, not the post
    assert "Số: 1/GTN" in text  # the form's own number, not the dossier code
    assert "Hà Tĩnh, ngày 25 tháng 11 năm 2026" in text
    assert "09:00 25/11/2026" in text
    assert vn_datetime(dossier.appointment_at) in text
    assert re.search(r"\d\d:\d\d \d\d/\d\d/2026", vn_datetime(dossier.appointment_at))
    for component in dossier.components.all():
        assert component.name in text
    assert "Bản chính" in text
    assert "50.000" in text
    assert dossier.lookup_secret in text
    assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert "5 ngày làm việc" in text


def test_receipt_qr_encodes_the_lookup_text(world, dossier):
    from motcua.dossiers.slips.context import public_lookup_url, qr_data_uri

    html = slip_html(kind="01", dossier=dossier)
    assert f'src="{qr_data_uri(public_lookup_url(dossier))}"' in html
    assert "<link" not in html and "@import" not in html and "url(" not in html  # nothing fetched


def test_slips_are_vietnamese_whatever_the_language(world, dossier, settings):
    from django.utils import translation

    with translation.override("en"):
        html = slip_html(kind="01", dossier=dossier)
        assert translation.get_language() == "en"
    assert "50.000 ₫" in html and "50,000 VND" not in html


def test_supplement_request(world):
    dossier = reach(world, Status.SUPPLEMENT_REQUESTED)
    text = read(slip_pdf(kind="02", dossier=dossier))
    assert_common(text, dossier, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ")
    assert "1. Bản sao giấy khai sinh" in text or "Bản sao giấy khai sinh" in text
    assert "Lý do: Thiếu" in text
    assert re.search(r"\d\d:\d\d \d\d/\d\d/\d{4}", text)
    assert "NGƯỜI HƯỚNG DẪN" in text


def test_supplement_lists_every_item_of_the_latest_request(world):
    from motcua.dossiers.services import transitions as t

    dossier = world.receive()
    dossier = t.dossier_request_supplement(
        dossier=dossier, actor=world.clerk, items=["Ảnh 4x6", "Sổ hộ khẩu bản sao"], reason="Ảnh mờ"
    )
    text = read(slip_pdf(kind="02", dossier=dossier))
    assert "Ảnh 4x6" in text and "Sổ hộ khẩu bản sao" in text and "Ảnh mờ" in text


def test_refusal(world):
    dossier = reach(world, Status.REFUSED)
    text = read(slip_pdf(kind="03", dossier=dossier))
    assert_common(text, dossier, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ")
    assert "Không thuộc thẩm quyền" in text
    assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text


def test_refusal_needs_a_refused_dossier(world, dossier):
    with pytest.raises(SlipUnavailable):
        slip_pdf(kind="03", dossier=dossier)


def test_apology_and_extension(world):
    dossier = reach(world, Status.IN_PROCESS)
    original = vn_datetime(dossier.appointment_at)
    dossier = perform(world, dossier, Action.EXTEND)
    text = read(slip_pdf(kind="04", dossier=dossier))
    assert_common(text, dossier, "PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT")
    assert original in text
    assert vn_datetime(dossier.appointment_at) in text
    assert original != vn_datetime(dossier.appointment_at)
    assert "Cần xác minh thêm" in text
    assert "UBND PHƯỜNG THÀNH SEN" in text  # the late unit issues it
    assert vn_long_date(dossier.received_at).removeprefix("ngày ") in text  # "Ngày … tháng … năm …"


def test_stopped(world):
    dossier = reach(world, Status.STOPPED)
    text = read(slip_pdf(kind="05", dossier=dossier))
    assert_common(text, dossier, "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ")
    assert "Quá hạn bổ sung" in text and "Dừng giải quyết" in text


def test_control_sheet(world):
    dossier = perform(world, reach(world, Status.APPROVED), Action.SEND_RESULT_TO_COUNTER)
    text = read(slip_pdf(kind="06", dossier=dossier))
    assert_common(text, dossier, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ")
    from motcua.dossiers.control import dossier_control_record

    record = dossier_control_record(dossier=dossier)
    assert len(record.rows) >= 3
    for row in record.rows:
        assert row.giver.name in text and row.receiver.name in text
        assert vn_datetime(row.at) in text
    assert "Công an tỉnh" in text  # the co-processing agency
    assert "UBND Phường Thành Sen" in text
    assert "Đúng hạn" in text or "Trước hạn" in text


def test_register(world):
    first = world.receive(received_at=at("24/11/2026 08:30"))
    second = reach(world, Status.REFUSED)
    text = read(slip_pdf(kind="07", dossiers=Dossier.objects.all(), period="Tháng 11/2026"), landscape=True)
    for expected in (*HEADER, "SỔ THEO DÕI HỒ SƠ", first.code, second.code, "Nguyễn Văn An", "24/11/2026"):
        assert expected in text, expected


def test_unknown_kind_and_missing_arguments(world, dossier):
    with pytest.raises(ValueError):
        slip_html(kind="99", dossier=dossier)
    with pytest.raises(ValueError):
        slip_html(kind="07", dossier=dossier)
    with pytest.raises(ValueError):
        slip_html(kind="01")
