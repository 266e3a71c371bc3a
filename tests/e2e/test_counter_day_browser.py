"""The clerk's and the citizen's day in a real browser, on the demo data (issue 9, items 17 and 19).

1. The clerk finds a dossier on /quay/ by the applicant's name typed without accents, opens it from the list
   of dossiers waiting for a supplement, ticks and scans the paper asked for, and prints the acknowledgement.
2. The applicant looks the dossier up and reads what is missing and why.
"""

from __future__ import annotations

import re

import pytest

from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import Dossier, DossierComponent, DossierEvent
from tests.e2e.test_desk_browser import demo, sign_in  # noqa: F401  (the demo fixture)

pytestmark = pytest.mark.e2e

WAITING_APPLICANT = "042085005555"  # Hoàng Văn Sơn: the demo dossier whose agency asked for a supplement
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def waiting_dossier() -> Dossier:
    return Dossier.objects.get(applicant_id_number=WAITING_APPLICANT, status=Status.SUPPLEMENT_REQUESTED)


def test_the_clerk_finds_a_dossier_and_records_its_supplement_with_a_scan(
    demo,  # noqa: F811
    live_server,
    browser,
    request,
    screenshot,
    tmp_path,
):
    from playwright.sync_api import expect

    dossier = waiting_dossier()
    clerk = sign_in(browser, live_server, "clerk", path="/quay/", request=request)

    # Find it by name without accents, then by the ID number typed with spaces.
    search = clerk.locator("#id_hs")
    search.fill("hoang van son")
    with clerk.expect_navigation():
        search.press("Enter")
    expect(clerk.locator(f'.dossier-results li[data-code="{dossier.code}"]')).to_be_visible()
    clerk.locator("#id_hs").fill("042 085 005 555")
    with clerk.expect_navigation():
        clerk.locator("#id_hs").press("Enter")
    expect(clerk.locator(f'.dossier-results li[data-code="{dossier.code}"]')).to_be_visible()
    screenshot(clerk, "counter-dossier-search")

    # The list of dossiers waiting for a supplement opens the supplement page.
    waiting = clerk.locator(f'#waiting-supplement li[data-code="{dossier.code}"] a')
    with clerk.expect_navigation(url=re.compile(rf"/quay/bo-sung/{re.escape(dossier.code)}/$")):
        waiting.click()
    expect(clerk.locator(".supplement-asked")).to_contain_text("Thiếu giấy tờ")
    rows = clerk.locator("#checklist tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Bản sao hợp đồng thuê địa điểm kinh doanh")

    # Nothing ticked: refused, nothing recorded.
    with clerk.expect_navigation():
        clerk.locator("form.supplement-form button[type=submit]").click()
    expect(clerk.locator("#form-errors")).to_be_visible()
    assert waiting_dossier().pk == dossier.pk

    scan = tmp_path / "hop-dong-thue.pdf"
    scan.write_bytes(PDF)
    clerk.locator("#checklist input[name=received_0]").check()
    clerk.locator("#checklist input[name=scan_0]").set_input_files(str(scan))
    screenshot(clerk, "counter-supplement")
    with clerk.expect_navigation(url=re.compile(r"/da-nhan/$")):
        clerk.locator("form.supplement-form button[type=submit]").click()

    dossier.refresh_from_db()
    assert dossier.status == Status.IN_PROCESS
    event = DossierEvent.objects.get(dossier=dossier, action=Action.RECEIVE_SUPPLEMENT)
    paper = DossierComponent.objects.get(dossier=dossier, supplement_seq=event.seq)
    assert paper.name == "Bản sao hợp đồng thuê địa điểm kinh doanh" and paper.digitized
    assert paper.file.read() == PDF
    expect(clerk.locator("ol.papers")).to_contain_text("Bản sao hợp đồng thuê địa điểm kinh doanh")

    link = clerk.locator("a[data-acknowledgement]")
    acknowledgement = clerk.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert acknowledgement.ok and acknowledgement.headers["content-type"] == "application/pdf"
    from io import BytesIO

    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(acknowledgement.body())).pages)
    assert "BỔ SUNG" in text and dossier.code in text
    screenshot(clerk, "counter-supplement-received")


def test_the_lookup_tells_the_applicant_what_is_missing(demo, live_server, browser, request, screenshot):  # noqa: F811
    from playwright.sync_api import expect

    from tests.e2e.conftest import DESKTOP, _open_page

    dossier = waiting_dossier()
    pages = _open_page(request, browser, viewport=DESKTOP)
    page = next(pages)
    request.addfinalizer(lambda: next(pages, None))

    page.goto(f"{live_server.url}/")
    page.locator("[data-lookup-link] a").click()
    expect(page).to_have_url(re.compile(r"/tra-cuu/$"))
    page.locator("[name=ma]").fill(dossier.code)
    page.locator("[name=k]").fill(dossier.lookup_secret)
    page.locator("[name=k]").press("Enter")
    missing = page.locator("#lookup-missing")
    expect(missing).to_be_visible()
    expect(missing).to_contain_text("Bản sao hợp đồng thuê địa điểm kinh doanh")
    expect(missing).to_contain_text("Thiếu giấy tờ")
    screenshot(page, "lookup-missing")
