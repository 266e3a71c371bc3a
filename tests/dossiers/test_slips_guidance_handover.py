"""The counter's papers printed like the slips: the guidance slip, the hand-over list, slips 02 and 03 printed
before any dossier exists, and the receipt's QR code opening the public lookup."""

from __future__ import annotations

import base64
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from motcua.dossiers.models import Dossier
from motcua.dossiers.services.handover import dossier_handover
from motcua.dossiers.slips import SLIP_KINDS, SlipDraft, slip_html, slip_pdf
from motcua.dossiers.slips.context import PUBLIC_LOOKUP_PATH, public_lookup_url
from motcua.dossiers.slips.formats import vn_datetime
from tests.dossiers.conftest import at
from tests.dossiers.test_slips import HEADER, read
from tests.dossiers.test_slips_papers import CENTRE, commune_centre


def assert_header(text: str) -> None:
    for expected in HEADER:
        assert expected in text, expected
    assert re.search(r"ngày \d\d tháng \d\d năm \d{4}", text)


def test_guidance_slip_lists_the_checklist_fees_time_limit_and_return(world):
    version = world.version
    commune_centre(world)
    text = read(slip_pdf(kind="guidance", version=version, point=world.office, official="Nguyễn Thị Lan"))
    assert_header(text)
    assert "PHIẾU HƯỚNG DẪN THỰC HIỆN THỦ TỤC HÀNH CHÍNH" in text
    assert "UBND PHƯỜNG THÀNH SEN" in text and CENTRE.upper() in text  # the one-stop unit under its parent
    assert "BƯU ĐIỆN TỈNH" not in text
    assert "Hà Tĩnh, ngày" in text
    assert version.name in text and version.procedure.national_code in text
    assert "Tờ khai" in text and "Bắt buộc" in text
    assert "Giấy ủy quyền" in text and "Nếu có: Nếu ủy quyền" in text
    assert "Bản chính" in text
    assert "5 ngày làm việc" in text
    assert "Lệ phí" in text and "50.000 ₫" in text
    assert version.result_kind in text
    assert "Qua dịch vụ bưu chính công ích đến địa chỉ của người nộp" in text  # postal return offered
    assert "NGƯỜI HƯỚNG DẪN" in text and "Nguyễn Thị Lan" in text


def test_guidance_slip_says_when_the_result_does_not_come_by_post(world):
    from tests.factories import published_procedure

    version = published_procedure(postal_return=False)
    text = read(slip_pdf(kind="guidance", version=version))
    assert "không trả kết quả qua dịch vụ bưu chính công ích" in text
    assert version.competent_authority.upper() in text  # no point: the competent agency issues it


def test_handover_list(world):
    first = world.receive(received_at=at("25/11/2026 08:30"))
    second = world.receive(received_at=at("25/11/2026 09:15"))
    handover = dossier_handover(
        point=world.office,
        agency=world.committee,
        dossiers=[second, first],
        actor=world.clerk,
        now=at("25/11/2026 10:00"),
    )
    text = read(slip_pdf(kind="handover", handover=handover))
    assert_header(text)
    assert "BIÊN BẢN BÀN GIAO HỒ SƠ" in text
    assert f"Số: {handover.number}" in text
    assert "Hà Tĩnh, ngày 25 tháng 11 năm 2026" in text
    assert "10:00 25/11/2026" in text
    assert "Bưu cục Thành Sen" in text and str(world.clerk) in text
    assert "UBND Phường Thành Sen" in text
    assert text.index(first.code) < text.index(second.code)  # in the order received
    assert vn_datetime(first.appointment_at) in text
    assert "Nguyễn Văn An" in text
    assert "2 hồ sơ" in text
    assert "BÊN GIAO" in text and "BÊN NHẬN" in text


def _draft(world, **fields) -> SlipDraft:
    values = {
        "version": world.version,
        "point": world.office,
        "applicant_name": "Trần Thị Bích",
        "applicant_kind": "citizen",
        "applicant_id_number": "042199004321",
        "applicant_address": "5 Nguyễn Du, Phường Thành Sen",
        "applicant_phone": "0987654321",
        "official": "Nguyễn Thị Lan",
        "at": at("25/11/2026 14:20"),
    }
    values.update(fields)
    return SlipDraft(**values)


def test_supplement_slip_before_any_dossier_exists(world):
    commune_centre(world)
    draft = _draft(world, items=("Tờ khai (Bản chính, 1)", "Ảnh 4x6"), reasons="Thiếu tờ khai")
    text = read(slip_pdf(kind="02", draft=draft))
    assert_header(text)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    for expected in ("Trần Thị Bích", "042199004321", "5 Nguyễn Du", "0987654321", "Tờ khai (Bản chính, 1)", "Ảnh 4x6"):
        assert expected in text, expected
    assert "Lý do: Thiếu tờ khai" in text
    assert "14:20 25/11/2026" in text
    assert world.version.name in text
    assert f"Sau khi xem xét, {CENTRE} đề nghị" in text and "Nguyễn Thị Lan" in text
    assert "Mã hồ sơ" not in text  # nothing is registered
    assert "Số: ……/PYCBS" in text  # the form's number is written by hand
    assert Dossier.objects.count() == 0


def test_refusal_slip_before_any_dossier_exists(world):
    draft = _draft(world, reasons="Không thuộc thẩm quyền\nHồ sơ giả mạo")
    text = read(slip_pdf(kind="03", draft=draft))
    assert_header(text)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Trần Thị Bích" in text and "042199004321" in text
    assert "Không thuộc thẩm quyền" in text and "Hồ sơ giả mạo" in text
    assert "NGƯỜI NỘP HỒ SƠ" in text and "Nguyễn Thị Lan" in text
    assert "Mã hồ sơ" not in text


def test_a_draft_with_blanks_leaves_dotted_lines_to_write_on(world):
    text = read(slip_pdf(kind="03", draft=_draft(world, applicant_name="", applicant_id_number="", reasons="X")))
    assert "Ông/Bà/Tổ chức: …" in text


def test_drafts_only_for_slips_02_and_03(world):
    with pytest.raises(ValueError):
        slip_html(kind="01", draft=_draft(world))
    with pytest.raises(ValueError):
        slip_html(kind="guidance")
    with pytest.raises(ValueError):
        slip_html(kind="handover")


def test_the_per_dossier_kinds_are_unchanged():
    assert SLIP_KINDS == ("01", "02", "03", "04", "05", "06", "07")


def test_receipt_qr_opens_the_public_lookup_with_code_and_secret(world, settings):
    settings.PUBLIC_BASE_URL = "https://motcua.example.vn/"
    dossier = world.receive()
    url = public_lookup_url(dossier)
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == "https://motcua.example.vn"
    assert parts.path == PUBLIC_LOOKUP_PATH == reverse("portal:lookup")
    assert parse_qs(parts.query) == {"ma": [dossier.code], "k": [dossier.lookup_secret]}

    html = slip_html(kind="01", dossier=dossier)
    qr = re.search(r'<img src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert qr is not None
    from motcua.dossiers.slips.context import qr_data_uri

    assert f"data:image/svg+xml;base64,{qr.group(1)}" == qr_data_uri(url)
    assert base64.b64decode(qr.group(1)).startswith(b"<?xml") or b"<svg" in base64.b64decode(qr.group(1))
    text = read(slip_pdf(kind="01", dossier=dossier))
    assert dossier.lookup_secret in text and "motcua.example.vn/tra-cuu/" in text
