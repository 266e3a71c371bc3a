"""Item 21 in a real browser: the 403 page in the site's style and language with the menu, and the public
procedure page on a 375-pixel phone with long, unbreakable content and every section open."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest

from motcua.procedures.models import ComponentForm as F
from motcua.procedures.models import FeeKind, TimeLimitUnit
from tests.e2e.conftest import _publish
from tests.factories import FieldFactory, ProcedureFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.e2e

LONG_WORD = (
    "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=2.000477.000.00.00.H56"
)


def _sign_in(page, live_server, username: str, password: str = "correct horse battery") -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def test_a_page_of_another_role_answers_403_in_vietnamese_with_the_menu(live_server, clerk, desktop, screenshot):
    """GIVEN a postal clerk WHEN they open the agency's inbox THEN a 403 page in the site's style, in Vietnamese,
    with the main menu and their own desk links, says why — not the browser's bare "403 Forbidden"."""
    from playwright.sync_api import expect

    page = desktop
    _sign_in(page, live_server, "lan")
    response = page.goto(f"{live_server.url}/co-quan/")
    assert response is not None and response.status == 403
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bạn không có quyền mở trang này")
    expect(page.locator(".error-page")).to_contain_text("Nguyễn Thị Lan")
    menu = page.get_by_role("navigation", name="Điều hướng chính")
    expect(menu).to_be_visible()
    expect(menu.get_by_role("link", name="Trang chủ")).to_be_visible()
    expect(page.locator(".site-header")).to_be_visible()
    assert "Forbidden" not in page.content()
    screenshot(page, "forbidden-desktop")


@pytest.fixture
def long_procedure(transactional_db):
    field = FieldFactory(code="DD", name="Đất đai, tài nguyên và môi trường")
    return _publish(
        ProcedureFactory(
            national_code="2.000477.000.00.00.H56",
            name="Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng",
            field=field,
        ),
        levels=["province", "commune"],
        competent_authority="Văn phòng Đăng ký đất đai thuộc Sở Nông nghiệp và Môi trường; Chi nhánh Văn phòng",
        time_limit=Decimal("10"),
        time_limit_unit=TimeLimitUnit.WORKING_DAYS,
        result_kind="Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        applicant_requirements=f"Xem chi tiết tại {LONG_WORD}",
        legal_basis=f"Luật Đất đai số 31/2024/QH15.\nNghị định số 101/2024/NĐ-CP.\n{LONG_WORD}",
        components=[
            ("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất", F.ORIGINAL, True, "", "Mẫu số 11/ĐK"),
            ("Hợp đồng chuyển nhượng quyền sử dụng đất đã công chứng", F.CERTIFIED_COPY, True, LONG_WORD, ""),
            ("Giấy chứng nhận đã cấp", F.ORIGINAL, True, "", "GCN-QSDĐ-QSHNO-TSKGLVĐ/2024/0000123456789"),
        ],
        fees=[
            (FeeKind.CHARGE, "Lệ phí cấp Giấy chứng nhận quyền sử dụng đất", 100000, LONG_WORD),
            (FeeKind.FEE, "Phí thẩm định hồ sơ cấp Giấy chứng nhận", 1500000, ""),
        ],
        steps=[
            ("Tiếp nhận hồ sơ và chuyển Văn phòng Đăng ký đất đai", "postal_clerk", "Bộ phận Một cửa", "0.5"),
            ("Kiểm tra hồ sơ, xác nhận nội dung biến động", "agency_specialist", "Văn phòng Đăng ký đất đai", "6"),
            ("Ký duyệt", "agency_leader", "Lãnh đạo Văn phòng Đăng ký đất đai", "3"),
        ],
    )


def test_the_procedure_page_has_no_horizontal_scroll_at_375_px(live_server, long_procedure, phone, screenshot):
    page = phone
    page.goto(f"{live_server.url}/thu-tuc/2.000477.000.00.00.H56/")
    page.locator(".process summary").click()  # the internal process opened, its table too
    assert page.viewport_size["width"] == 375
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > 376)
            .map(el => el.tagName + '.' + el.className).slice(0, 5)"""
    )
    assert width <= 375, f"the page is {width} px wide: {wide}"
    screenshot(page, "procedure-phone-long")


def test_the_catalogue_page_lists_in_vietnamese_order(live_server, catalogue, desktop):
    page = desktop
    page.goto(f"{live_server.url}/thu-tuc/")
    names = page.locator(".result-list a.result__name").all_inner_texts()
    assert names.index("Cấp giấy phép xây dựng nhà ở riêng lẻ") < names.index("Đăng ký khai sinh")
