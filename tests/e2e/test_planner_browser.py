"""The planner in a real browser, on the demo data of `make run`: the Hà Tĩnh planner opens his province, sees
each commune's staffing meeting the wait target, the cost comparison and the citizens' savings, opens a commune
hour by hour, changes the arrival peak (a new version), compares two scenarios, and downloads the province's
plan as Excel and its report as PDF; on a phone the wide tables scroll inside their box."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from motcua.localities.models import Commune
from motcua.planner.demo import BASELINE, HA_TINH, POSTAL
from motcua.planner.models import Scenario
from motcua.planner.scenarios import scenario_result
from motcua.planner.selectors import scenario_latest_version
from tests.e2e.conftest import DESKTOP
from tests.e2e.test_desk_browser import sign_in

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", allow_production=True, stdout=io.StringIO())


def test_the_ha_tinh_planner_plans_compares_and_downloads(browser, live_server, demo, request, screenshot):
    from openpyxl import load_workbook

    postal = Scenario.objects.get(province_id=HA_TINH, name=POSTAL)
    baseline = Scenario.objects.get(province_id=HA_TINH, name=BASELINE)
    province_path = f"/ke-hoach/tinh/{HA_TINH}/"
    page = sign_in(browser, live_server, "planner", path=province_path, request=request)

    # The province: every commune, each meeting the target in its worst hour, the comparison and the savings.
    page.get_by_role("heading", name="Hà Tĩnh", level=1).wait_for()
    communes = Commune.objects.filter(province_id=HA_TINH).count()
    assert page.locator("table[data-table=communes] tbody tr").count() == communes
    summary = scenario_result(version=scenario_latest_version(scenario=postal), province=HA_TINH)
    assert page.locator("#pick-scenario").input_value() == str(postal.pk)
    assert page.locator("table[data-table=communes] .num--alert").count() == 0
    assert page.locator("table[data-table=communes] .ok").count() == communes
    freed = summary["figures"]["civil_freed_fte"]
    assert page.locator('[data-figure="freed"]').inner_text().replace(".", "").startswith(str(int(freed)))
    page.get_by_role("heading", name="Lợi ích của người dân").wait_for()
    assert page.locator("svg.chart--heatmap").count() == 2
    page.set_viewport_size({"width": 1280, "height": 2000})  # the comparison, savings and staff by hour
    screenshot(page, "planner-province")
    page.set_viewport_size(DESKTOP)

    # A commune, hour by hour: every open hour meets the target.
    page.locator("table[data-table=communes] tbody tr th a").first.click()
    page.get_by_role("heading", name="Chỉ tiêu thời gian chờ theo từng giờ (mục tiêu 80 %)").wait_for()
    hours = page.locator("table[data-table=hours] tbody tr")
    assert hours.count() > 0
    assert page.locator("table[data-table=hours] .num--alert").count() == 0

    # Change the arrival peak: the weeks before Tết at 1,8 ×, applied. The save makes version 2.
    page.goto(f"{live_server.url}/ke-hoach/kich-ban/{postal.pk}/sua/")
    page.locator('[name="profile.peaks.tet.multiplier"]').fill("1,8")
    page.locator('[name="profile.peaks.tet.active"]').check()
    page.locator("#id_note").fill("Cao điểm Tết")
    page.get_by_role("button", name="Lưu thành phiên bản mới").click()
    page.wait_for_url(re.compile(rf"/ke-hoach/tinh/{HA_TINH}/\?scenario={postal.pk}&version=2$"))
    page.get_by_text("Đã lưu phiên bản 2.").wait_for()
    assert page.locator("#pick-version").input_value() == "2"
    peak = scenario_result(version=scenario_latest_version(scenario=postal), province=HA_TINH)["figures"]
    assert peak["counter_visits_week"] > summary["figures"]["counter_visits_week"]

    # Compare today's model with the postal model.
    page.goto(f"{live_server.url}/ke-hoach/kich-ban/so-sanh/")
    page.locator("#cmp-a").select_option(str(baseline.pk))
    page.locator("#cmp-b").select_option(str(postal.pk))
    page.get_by_role("button", name="So sánh").last.click()
    page.locator("table[data-table=compare]").wait_for()
    header = page.locator("table[data-table=compare] thead").text_content()
    assert BASELINE in header and POSTAL in header
    assert page.locator('table[data-table=compare-inputs] tr[data-key="service.postal_share"]').count() == 1
    page.set_viewport_size({"width": 1280, "height": 1500})
    screenshot(page, "planner-compare")
    page.set_viewport_size(DESKTOP)

    # The downloads: the plan as a workbook with one row per commune, the report as a PDF.
    page.goto(f"{live_server.url}{province_path}")
    with page.expect_download() as download_info:
        page.locator('a[data-download="xlsx"]').click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()), read_only=True)
    assert sum(1 for _row in workbook["communes"].iter_rows(min_row=2)) == communes
    pdf_url = page.locator('a[data-download="pdf"]').get_attribute("href")
    pdf = page.request.get(f"{live_server.url}{pdf_url}")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")


def test_on_a_phone_the_province_page_fits_and_its_tables_scroll(browser, live_server, demo, request):
    from tests.e2e.conftest import PHONE, _open_page

    pages = _open_page(request, browser, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=1)
    page = next(pages)
    request.addfinalizer(lambda: next(pages, None))
    path = f"/ke-hoach/tinh/{HA_TINH}/"
    page.goto(f"{live_server.url}/accounts/login/?next={path}")
    page.get_by_label("Tên đăng nhập").fill("planner")
    page.get_by_label("Mật khẩu").fill("motcua-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(re.escape(path) + "$"))
    box = page.locator("table[data-table=communes]").locator("xpath=..")
    widths = box.evaluate("element => [element.scrollWidth, element.clientWidth]")
    assert widths[0] > widths[1]  # the table is wider than the phone and scrolls inside its box
    page_width = page.locator("html").evaluate("element => element.scrollWidth")
    assert page_width <= PHONE["width"]  # nothing pushes the page sideways
