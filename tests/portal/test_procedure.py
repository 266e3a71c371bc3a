"""One procedure as a guide: /thu-tuc/<code>/."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from motcua.procedures.models import Component, ComponentForm, Fee, FeeKind, TimeLimitUnit
from motcua.procedures.services import procedure_version_publish
from tests.factories import ProcedureFactory, ProcedureVersionFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page as text, tags removed and spaces collapsed, to assert on what a reader sees."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", body)


def test_the_procedure_url_is_named(birth_registration):
    assert reverse("portal:procedure", args=["1.001193"]) == "/thu-tuc/1.001193/"


def test_the_guide_shows_the_procedure_in_vietnamese(client, birth_registration):
    response = client.get("/thu-tuc/1.001193/")

    assert response.status_code == 200
    page = text(response)
    assert "<title>Đăng ký khai sinh (1.001193) · Một cửa</title>" in response.content.decode()
    assert '<html lang="vi">' in response.content.decode()
    for expected in (
        "Đăng ký khai sinh",
        "1.001193",
        "Hộ tịch",
        "Cấp xã",
        "Ủy ban nhân dân cấp xã",
        "Thời hạn giải quyết",
        "3 ngày làm việc",
        "Giấy khai sinh",
        "Luật Hộ tịch năm 2014",
    ):
        assert expected in page, expected


def test_the_checklist_is_a_numbered_table_of_components(client, birth_registration):
    page = text(client.get("/thu-tuc/1.001193/"))

    assert "Thành phần hồ sơ" in page
    assert "1 Tờ khai đăng ký khai sinh Bản chính 1 Bắt buộc" in page
    assert "2 Giấy chứng sinh Bản chính hoặc bản sao chứng thực 1 Khi: Nếu sinh tại cơ sở y tế" in page


def test_fees_are_shown_in_vnd(client, birth_registration):
    page = text(client.get("/thu-tuc/1.001193/"))

    assert "Phí, lệ phí" in page
    assert "Lệ phí Lệ phí 8.000 ₫" in page


def test_fees_in_english_use_the_english_money_format(client, birth_registration):
    client.cookies["django_language"] = "en"

    page = text(client.get("/thu-tuc/1.001193/"))

    assert "8,000 VND" in page
    assert "3 working days" in page
    assert "Dossier components" in page


def test_a_procedure_without_fees_says_no_fee(client, business_licence):
    page = text(client.get("/thu-tuc/2.001610/"))

    assert "Không thu phí" in page
    assert "15 ngày (kể cả ngày nghỉ)" in page
    assert "Cấp tỉnh" in page


def test_how_to_submit_and_how_the_result_returns(client, birth_registration):
    page = text(client.get("/thu-tuc/1.001193/"))

    assert "Trực tiếp tại Bộ phận Một cửa hoặc bưu cục tiếp nhận" in page
    assert "Qua dịch vụ bưu chính công ích" in page
    assert "Cách nhận kết quả" in page


def test_the_process_steps_are_listed_in_a_collapsible_section(client, birth_registration):
    body = client.get("/thu-tuc/1.001193/").content.decode()

    assert "<details>" in body
    assert "Quy trình xử lý nội bộ" in body
    assert "Tiếp nhận" in body
    assert "0,5 ngày làm việc" in body


def test_a_print_button_is_offered(client, birth_registration):
    body = client.get("/thu-tuc/1.001193/").content.decode()

    assert "data-print" in body
    assert "In danh mục hồ sơ" in body
    assert 'media="print"' in body


def test_a_same_day_procedure_says_within_the_day(client):
    version = ProcedureVersionFactory(
        procedure=ProcedureFactory(national_code="2.000635", name="Cấp bản sao trích lục hộ tịch"),
        time_limit=1,
        time_limit_unit=TimeLimitUnit.WORKING_DAYS,
        same_day_cutoff=True,
        parts=False,
    )
    Component.objects.create(
        version=version, order=1, name="Tờ khai", form=ComponentForm.ORIGINAL, form_template="Mẫu TK-01"
    )
    Fee.objects.create(version=version, order=1, kind=FeeKind.FEE, description="Phí cấp bản sao", amount=8000)
    Fee.objects.create(
        version=version,
        order=2,
        kind=FeeKind.CHARGE,
        description="Lệ phí",
        amount=0,
        exemptions="Miễn cho người thuộc hộ nghèo",
    )
    procedure_version_publish(version=version)

    page = text(client.get("/thu-tuc/2.000635/"))

    assert "Trong ngày (trước 15:00)" in page
    assert "Mẫu TK-01" in page
    assert "Miễn cho người thuộc hộ nghèo" in page
    assert "Miễn phí" in page


def test_an_unknown_code_is_a_404_in_the_site_layout(client, birth_registration):
    response = client.get("/thu-tuc/9.999999/")

    assert response.status_code == 404
    body = response.content.decode()
    assert "Không tìm thấy trang" in body
    assert "Một cửa" in body
    assert 'action="/thu-tuc/"' in body
