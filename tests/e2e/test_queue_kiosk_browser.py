"""The kiosk in a real browser: press a service, see the number on the print page (``window.print`` stubbed), then
open the ticket's page by its QR address on a phone."""

from __future__ import annotations

import os
import re

import pytest

from tests.tickets.conftest import centre_build

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.e2e

PRINT_STUB = "window.__printed = 0; window.print = function () { window.__printed += 1; };"


@pytest.fixture
def queue_centre(transactional_db):
    return centre_build()


def test_a_visitor_takes_a_number_at_the_kiosk_and_follows_it_on_a_phone(live_server, queue_centre, browser):
    from playwright.sync_api import expect

    kiosk = browser.new_context(locale="vi-VN", viewport={"width": 1920, "height": 1080}, has_touch=True)
    try:
        page = kiosk.new_page()
        page.add_init_script(PRINT_STUB)
        page.goto(f"{live_server.url}/hang-doi/kiosk/{queue_centre.kiosk.key}/")
        page.get_by_role("radio", name="Người cao tuổi").check()
        page.get_by_role("button", name=re.compile("Nộp hồ sơ hộ tịch")).click()
        page.wait_for_url(re.compile(r"/in/"))
        expect(page.locator("[data-ticket-number]")).to_have_text("A001")
        expect(page.get_by_text("Quét mã để theo dõi lượt trên điện thoại")).to_be_visible()
        page.wait_for_function("window.__printed === 1")
        follow_url = page.locator("img.slip__qr").get_attribute("data-follow-url")
        assert follow_url and follow_url.startswith(f"{live_server.url}/hang-doi/ve/")
    finally:
        kiosk.close()

    phone = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = phone.new_page()
        page.goto(follow_url)
        expect(page.locator(".queue-ticket__number")).to_have_text("A001")
        expect(page.get_by_text("Đang chờ đến lượt")).to_be_visible()
        expect(page.get_by_text("Hủy số thứ tự của tôi").or_(page.get_by_text("Huỷ số thứ tự của tôi"))).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        phone.close()
