"""The guide stage in a real browser: search without accents, open the procedure, read it on a phone."""

from __future__ import annotations

import os
import re

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.e2e

NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


def test_a_citizen_finds_birth_registration_without_accents_and_reads_the_checklist(
    live_server, catalogue, desktop, screenshot
):
    from playwright.sync_api import expect

    page = desktop
    page.goto(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    screenshot(page, "home-desktop")

    page.goto(f"{live_server.url}/thu-tuc/")
    page.get_by_label("Tên hoặc mã thủ tục").fill("dang ky khai sinh")
    page.get_by_label("Tên hoặc mã thủ tục").press("Enter")

    expect(page).to_have_url(re.compile(r"/thu-tuc/\?q=dang\+ky\+khai\+sinh"))
    expect(page.get_by_role("heading", name=re.compile("4 thủ tục"))).to_be_visible()
    link = page.get_by_role("link", name="Đăng ký khai sinh", exact=True)
    expect(link).to_be_visible()
    screenshot(page, "catalogue-desktop")

    link.click()
    expect(page).to_have_url(re.compile(r"/thu-tuc/1\.001193/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký khai sinh")
    checklist = page.locator("table.checklist")
    expect(checklist.locator("tbody tr")).to_have_count(6)
    expect(checklist).to_contain_text("Tờ khai đăng ký khai sinh")
    expect(checklist).to_contain_text("Khi: Trẻ sinh tại cơ sở y tế")
    expect(page.locator("table.fees")).to_contain_text("8.000 ₫")
    expect(page.locator(".facts")).to_contain_text("Trong ngày (trước 15:00)")
    expect(page.get_by_role("button", name="In danh mục hồ sơ")).to_be_visible()
    # The internal process is collapsed until asked for.
    expect(page.locator("table.steps-table")).to_be_hidden()
    page.get_by_text("Quy trình xử lý nội bộ").click()
    expect(page.locator("table.steps-table")).to_be_visible()
    page.get_by_text("Quy trình xử lý nội bộ").click()
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "procedure-desktop")


def test_the_pages_fit_a_375_pixel_phone_without_horizontal_scrolling(live_server, catalogue, phone, screenshot):
    from playwright.sync_api import expect

    page = phone
    for path, name in [
        ("/", "home-phone"),
        ("/thu-tuc/?q=khai+sinh", "catalogue-phone"),
        ("/thu-tuc/1.001193/", "procedure-phone"),
        ("/accounts/login/", None),
        ("/thu-tuc/khong-co/", None),
    ]:
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate(NO_OVERFLOW), f"{path} scrolls sideways at 375 px"
        if name:
            screenshot(page, name)
    # On a phone the checklist rows become cards: the header row is hidden, each row laid out on its own.
    page.goto(f"{live_server.url}/thu-tuc/1.001193/")
    row = page.locator("table.checklist tbody tr").first
    assert page.evaluate("(el) => getComputedStyle(el).display", row.element_handle()) == "grid"
    assert page.locator("table.checklist thead").bounding_box()["width"] <= 1
    expect(row.locator(".checklist__form-kind")).to_have_text("Bản chính")


def test_the_procedure_prints_as_a_short_a4_checklist(live_server, catalogue, desktop):
    page = desktop
    page.goto(f"{live_server.url}/thu-tuc/1.001193/")
    page.emulate_media(media="print")

    assert page.locator(".site-header").is_hidden()
    assert page.locator(".site-footer").is_hidden()
    assert page.locator(".process").is_hidden()
    assert page.locator("th.checklist__tick").is_visible()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, f"the printed checklist takes {pages} pages"


def test_language_switch_and_staff_sign_in(live_server, catalogue, clerk, desktop, screenshot):
    from playwright.sync_api import expect

    page = desktop
    page.goto(f"{live_server.url}/thu-tuc/1.001193/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Dossier components")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/thu-tuc/1\.001193/$"))
    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")

    page.get_by_role("link", name="Đăng nhập cho cán bộ").click()
    page.get_by_label("Tên đăng nhập").fill("lan")
    page.get_by_label("Mật khẩu").fill("wrong password")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_be_visible()

    page.get_by_label("Mật khẩu").fill("correct horse battery")
    page.get_by_role("button", name="Đăng nhập").click()
    # Signing in from the procedure page returns to it.
    expect(page).to_have_url(re.compile(r"/thu-tuc/1\.001193/$"))
    page.get_by_role("link", name="Trang chủ").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Xin chào, Nguyễn Thị Lan")
    expect(page.locator(".role-list")).to_contain_text("Bưu điện phường Thành Sen")
    expect(page.get_by_role("link", name=re.compile("Quản trị"))).to_have_count(2)
    screenshot(page, "home-staff-desktop")
