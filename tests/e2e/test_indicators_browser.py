"""Issue 15's dashboards in a browser on the demo: the one-stop supervisor of Hà Tĩnh opens the service index of
his province for a month with dossiers, sees the charts drawn (Chart.js canvases and the SVG heat map) with no
error in the console, and downloads the monthly report as PDF."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from motcua.core.localtime import local_date
from motcua.dossiers.models import Dossier
from tests.e2e.test_desk_browser import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    call_command("synth_dossiers", "500", province="42", year=local_date().year, stdout=io.StringIO())


def test_the_one_stop_supervisor_sees_the_charts_and_downloads_the_report(demo, live_server, browser, request,
                                                                         screenshot):  # fmt: skip
    latest = Dossier.objects.filter(receiving_point__commune__province_id="42").latest("received_at")
    month = timezone.localtime(latest.received_at).strftime("%Y-%m")
    path = "/chi-so/"
    page = sign_in(browser, live_server, "onestop", path=path, request=request)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.get_by_label("Phạm vi", exact=True).select_option("province:42")
    page.get_by_label("Kỳ", exact=True).select_option(month)
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url(f"**/chi-so/?scope=province%3A42&period={month}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hà Tĩnh")
    for key in ("groups", "provinces", "trend"):
        expect(page.locator(f'.dash__chart:has(canvas[data-chart="{key}"])')).to_have_attribute("data-drawn", "true")
    assert page.locator("canvas[data-chart]").first.bounding_box()["height"] > 50
    expect(page.locator(".dash__chart--heat svg")).to_be_visible()
    page.locator("summary", has_text="Bảng số liệu").first.click()
    expect(page.locator('table[data-table="groups"]')).to_be_visible()
    screenshot(page, "indicators-dashboard")
    postal = page.locator("section[aria-labelledby=dash-postal]")
    postal.scroll_into_view_if_needed()
    expect(postal.locator('table[data-table="postal"]')).to_be_visible()
    screenshot(page, "indicators-dashboard-postal")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(page.url)
    expect(page.locator('.dash__chart:has(canvas[data-chart="groups"])')).to_have_attribute("data-drawn", "true")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing wider than a phone
    screenshot(page, "indicators-dashboard-phone")

    response = page.request.get(f"{live_server.url}/chi-so/bao-cao.pdf?scope=province:42&period={month}")
    assert response.ok and response.body().startswith(b"%PDF")
    assert errors == []
