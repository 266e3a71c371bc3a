"""The desk in a real browser, on the demo data of `make run`: each role does its part of a dossier's path.

1. The clerk finds the procedure without accents, receives a dossier (a missing paper is refused beside the
   checklist with nothing typed lost; a double-clicked confirm makes one dossier), prints the receipt and
   hands the batch over to the commune.
2. The specialist asks for a supplement; the clerk records it; the specialist completes the step; the leader
   approves with the signed result; the specialist sends it to the counter; the clerk returns it to the
   person who collects it, identity checked.
3. A late dossier: the specialist finds it overdue, apologises with a new appointment and prints slip 04.
4. A stale page: an action from a page opened before someone else acted is refused with a clear message.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from motcua.dossiers.lifecycle import Status
from motcua.dossiers.models import Dossier, DossierEvent
from tests.signed_results import _pki_dir, pki, signed_result  # noqa: F401 - fixtures

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.e2e

PASSWORD = "motcua-demo"
PROCEDURE = "1.000689"  # Đăng ký nhận cha, mẹ, con: specialist, then leader
APPLICANT_ID = "042091123456"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", allow_production=True, stdout=io.StringIO())


def sign_in(browser, live_server, username: str, *, path: str, request):
    """A new browser context signed in as ``username``, on ``path``. Failure screenshots as the other pages."""
    from tests.e2e.conftest import DESKTOP, _open_page

    pages = _open_page(request, browser, viewport=DESKTOP)
    page = next(pages)
    request.addfinalizer(lambda: next(pages, None))
    page.goto(f"{live_server.url}/accounts/login/?next={path}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(re.escape(path) + "$"))
    return page


def act(page, action: str, **fields: str) -> None:
    """Open the action's form on the dossier page, fill it, submit it, and wait for the page to come back."""
    details = page.locator(f"details#action-{action}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    form = page.locator(f'form[data-action="{action}"]')
    for name, value in fields.items():
        field = form.locator(f'[name="{name}"]')
        if field.get_attribute("type") == "checkbox":
            field.check()
        elif field.get_attribute("type") == "file":
            field.set_input_files(value)
        else:
            field.fill(value)
    # The form posts with htmx and swaps the page's main part (a plain POST without JavaScript).
    with page.expect_response(lambda response: f"/hanh-dong/{action}/" in response.url):
        form.locator("button[type=submit]").click()
    # A locator, not wait_for_function: the Content-Security-Policy forbids the page to eval a string.
    from playwright.sync_api import expect

    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-settling")).to_have_count(0)


def status_of(code: str) -> str:
    return Dossier.objects.get(code=code).status


@pytest.mark.usefixtures("pki")
def test_a_dossier_goes_from_the_counter_through_the_agency_and_back(
    demo, live_server, browser, request, screenshot, tmp_path
):
    from playwright.sync_api import expect

    # --- the counter: find, check, receive --------------------------------------------------------------
    clerk = sign_in(browser, live_server, "clerk", path="/quay/", request=request)
    search = clerk.get_by_role("searchbox", name="Tìm thủ tục")
    search.fill("nhan cha me con")
    clerk.get_by_role("link", name=re.compile("Đăng ký nhận cha, mẹ, con")).first.click()
    expect(clerk).to_have_url(re.compile(rf"/quay/thu-tuc/{re.escape(PROCEDURE)}/$"))
    screenshot(clerk, "counter-guidance")
    clerk.get_by_role("link", name=re.compile("Tiếp nhận hồ sơ")).first.click()
    expect(clerk).to_have_url(re.compile(rf"/quay/tiep-nhan/{re.escape(PROCEDURE)}/$"))

    clerk.locator("#id_applicant_id_number").fill(APPLICANT_ID)
    clerk.locator("#id_applicant_name").fill("Phan Thị Thanh Hương")
    clerk.locator("#id_applicant_address").fill("25 Nguyễn Du, phường Thành Sen")
    clerk.locator("#id_applicant_phone").fill("0912000111")
    papers = clerk.locator("#checklist input[type=checkbox][name^=received_]")
    expect(papers).not_to_have_count(0)
    for index in range(papers.count() - 1):  # one mandatory paper is missing
        papers.nth(index).check()
    screenshot(clerk, "counter-reception")
    with clerk.expect_navigation():
        clerk.locator("button.receive-confirm").click()
    expect(clerk.locator("#checklist .errorlist").first).to_be_visible()
    expect(clerk.locator("#id_applicant_name")).to_have_value("Phan Thị Thanh Hương")
    assert not Dossier.objects.filter(applicant_id_number=APPLICANT_ID).exists()

    clerk.locator("#checklist input[type=checkbox][name^=received_]").last.check()
    with clerk.expect_navigation(url=re.compile(r"/quay/bien-nhan/")):
        clerk.locator("button.receive-confirm").dblclick()
    received = Dossier.objects.filter(applicant_id_number=APPLICANT_ID)
    assert received.count() == 1, "a double-clicked confirm must receive one dossier"
    code = received.get().code
    expect(clerk.locator("#receipt-title")).to_have_text(code)
    expect(clerk.locator(".receipt-due")).to_have_text(re.compile(r"\d\d:\d\d \d\d/\d\d/\d{4}"))
    screenshot(clerk, "counter-receipt-page")
    receipt = clerk.request.get(f"{live_server.url}/ho-so/{code}/phieu/01.pdf")
    assert receipt.ok and receipt.headers["content-type"] == "application/pdf"
    _save_pdf_picture(receipt.body(), "receipt", tmp_path)

    clerk.goto(f"{live_server.url}/quay/")
    screenshot(clerk, "counter")
    clerk.goto(f"{live_server.url}/quay/ban-giao/")
    batch = clerk.locator("form.handover-batch").filter(
        has=clerk.locator(f'input[name=dossiers][value="{received.get().pk}"]')
    )
    with clerk.expect_navigation(url=re.compile(r"/quay/ban-giao/BG-")):
        batch.locator("button[type=submit]").click()
    expect(clerk.get_by_text(code)).to_be_visible()
    assert status_of(code) == Status.IN_PROCESS

    # --- the agency: supplement, step, approval ---------------------------------------------------------
    specialist = sign_in(browser, live_server, "specialist", path="/co-quan/", request=request)
    specialist.locator('.inbox-tabs a[data-tab="new"]').click()
    expect(specialist.locator(f'tr[data-code="{code}"]')).to_be_visible()
    screenshot(specialist, "inbox")
    specialist.locator(f'tr[data-code="{code}"] a.inbox-code').click()
    expect(specialist.locator("#dossier-body")).to_have_attribute("data-code", code)
    screenshot(specialist, "dossier-page")
    act(
        specialist,
        "request_supplement",
        items="Bản sao giấy khai sinh của con\nẢnh chụp kết quả giám định ADN",
        reason="Hồ sơ thiếu giấy tờ chứng minh quan hệ cha, con",
    )
    expect(specialist.locator("#dossier-body")).to_have_attribute("data-status", Status.SUPPLEMENT_REQUESTED)
    expect(specialist.locator('#slips a[data-slip="02"]')).to_be_visible()

    # Recording the supplement ticks the papers asked for, on the counter's own page.
    clerk.goto(f"{live_server.url}/ho-so/{code}/")
    clerk.locator("details#action-receive_supplement summary").click()
    with clerk.expect_navigation(url=re.compile(rf"/quay/bo-sung/{re.escape(code)}/$")):
        clerk.locator("a[data-supplement-link]").click()
    for tick in clerk.locator("#checklist input[type=checkbox][name^=received_]").all():
        tick.check()
    clerk.locator("#id_note").fill("Đã nhận đủ hai giấy tờ bổ sung")
    with clerk.expect_navigation(url=re.compile(r"/da-nhan/$")):
        clerk.locator("form.supplement-form button[type=submit]").click()
    assert status_of(code) == Status.IN_PROCESS

    specialist.goto(f"{live_server.url}/ho-so/{code}/")
    act(specialist, "complete_step", note="Hồ sơ hợp lệ, đề nghị lãnh đạo ký")

    leader = sign_in(browser, live_server, "leader", path=f"/ho-so/{code}/", request=request)
    signed = tmp_path / "quyet-dinh.pdf"
    signed.write_bytes(signed_result(Dossier.objects.get(code=code).lead_agency))  # signed by the agency
    act(leader, "approve", result_reference="58/QĐ-UBND", result_file=str(signed), note="Đồng ý")
    expect(leader.locator("#dossier-body")).to_have_attribute("data-status", Status.APPROVED)
    expect(leader.locator("#result a.result-open")).to_be_visible()

    specialist.goto(f"{live_server.url}/ho-so/{code}/")
    act(specialist, "send_result_to_counter")
    assert status_of(code) == Status.RESULT_AT_COUNTER

    # --- the counter: return the result -----------------------------------------------------------------
    clerk.goto(f"{live_server.url}/quay/tra-ket-qua/")
    clerk.locator("#id_q").fill(code)
    with clerk.expect_navigation(url=re.compile(rf"/quay/tra-ket-qua/{re.escape(code)}/")):
        clerk.locator("#id_q").press("Enter")
    clerk.locator("#id_collector_name").fill("Phan Thị Thanh Hương")
    clerk.locator("#id_collector_id_number").fill(APPLICANT_ID)
    clerk.locator("#id_identity_checked").check()
    with clerk.expect_navigation():
        clerk.locator("form.panel button[type=submit]").last.click()
    assert status_of(code) == Status.RETURNED
    returned = DossierEvent.objects.get(dossier__code=code, action="return_result")
    assert returned.payload["collector_id_number"] == APPLICANT_ID and returned.payload["identity_checked"] is True
    actions = list(DossierEvent.objects.filter(dossier__code=code).order_by("seq").values_list("action", flat=True))
    assert actions == [
        "receive",
        "transfer",
        "request_supplement",
        "receive_supplement",
        "complete_step",
        "approve",
        "send_result_to_counter",
        "return_result",
    ]


def test_a_late_dossier_gets_its_apology_and_a_new_appointment(demo, live_server, browser, request, screenshot):
    from playwright.sync_api import expect
    from pypdf import PdfReader

    specialist = sign_in(browser, live_server, "specialist", path="/co-quan/", request=request)
    specialist.locator('.inbox-tabs a[data-tab="overdue"]').click()
    late = specialist.locator("tr[data-code]").first
    expect(late.locator(".status--overdue")).to_be_visible()
    code = late.get_attribute("data-code")
    late.locator("a.inbox-code").click()
    expect(specialist.locator("#apology-banner")).to_be_visible()
    screenshot(specialist, "dossier-late")
    dossier = Dossier.objects.get(code=code)
    from django.utils import timezone

    new = timezone.localtime(dossier.appointment_at) + timezone.timedelta(days=14)
    act(specialist, "extend", new_appointment=new.strftime("%Y-%m-%dT%H:%M"), reason="Cần xác minh thêm tại địa phương")
    dossier.refresh_from_db()
    assert dossier.extension_reason == "Cần xác minh thêm tại địa phương"
    assert timezone.localdate(dossier.appointment_at) >= new.date()
    link = specialist.locator('#slips a[data-slip="04"]')
    expect(link).to_be_visible()
    pdf = specialist.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert pdf.ok
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "XIN LỖI" in text.upper() and code in text
    assert timezone.localtime(dossier.appointment_at).strftime("%d/%m/%Y") in text


def test_an_action_from_a_stale_page_is_refused_with_a_clear_message(demo, live_server, browser, request):
    from playwright.sync_api import expect

    dossier = Dossier.objects.filter(status=Status.IN_PROCESS, extension_reason="").order_by("received_at").last()
    first = sign_in(browser, live_server, "specialist", path=f"/ho-so/{dossier.code}/", request=request)
    second = first.context.new_page()
    second.goto(f"{live_server.url}/ho-so/{dossier.code}/")
    act(first, "request_supplement", items="Bản sao CCCD", reason="Thiếu giấy tờ")
    second.locator("details#action-complete_step summary").click()
    form = second.locator('form[data-action="complete_step"]')
    form.locator('[name="note"]').fill("Hồ sơ hợp lệ")
    form.locator("button[type=submit]").click()
    expect(second.get_by_text(re.compile("đã thay đổi kể từ khi trang này được mở|không được phép"))).to_be_visible()
    assert status_of(dossier.code) == Status.SUPPLEMENT_REQUESTED
    assert not DossierEvent.objects.filter(dossier=dossier, action="complete_step", note="Hồ sơ hợp lệ").exists()


def _save_pdf_picture(pdf: bytes, name: str, tmp_path: Path) -> None:
    """The first page of a PDF as PNG beside the screenshots (the README shows the receipt)."""
    from tests.e2e.conftest import SCREENSHOTS

    if not shutil.which("pdftoppm"):
        return
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-singlefile", str(source), str(SCREENSHOTS / name)], check=True, timeout=60
    )


def test_a_clerk_digitizes_a_batch_and_each_paper_gets_its_signed_copy(
    demo, live_server, browser, request, screenshot, tmp_path, settings
):
    from playwright.sync_api import expect

    from motcua.agencies.models import ReceivingPoint
    from motcua.documents.models import Document
    from motcua.documents.pki import ensure_unit, point_unit
    from tests.documents.pipeline_samples import page as scanned_page
    from tests.documents.scans import scanned_separator

    if shutil.which("tesseract") is None:
        pytest.skip("Tesseract is not installed")
    settings.DIGITIZATION_PKI_DIR = tmp_path / "pki"
    settings.DIGITIZATION_SIGNING_P12 = ""
    settings.DIGITIZATION_TRUST_ROOTS = []
    dossier = Dossier.objects.filter(status=Status.RECEIVED).order_by("received_at").first()
    held_before = Document.objects.filter(owner_id_number=dossier.applicant_id_number).count()  # the demo's own
    ensure_unit(point_unit(ReceivingPoint.objects.get(pk=dossier.receiving_point_id)))
    papers = list(dossier.components.order_by("id"))
    assert len(papers) == 2
    sheets = [
        scanned_page([papers[0].name.upper()[:30], f"Họ và tên: {dossier.applicant_name}"]),
        scanned_separator(angle=1.0).resize((820, 1160)),
        scanned_page(["CĂN CƯỚC CÔNG DÂN", f"Số: {dossier.applicant_id_number}"]),
    ]
    batch = tmp_path / "lo-quet.pdf"
    first, *rest = [sheet.convert("L") for sheet in sheets]
    first.save(batch, format="PDF", resolution=200, save_all=True, append_images=rest)

    clerk = sign_in(browser, live_server, "clerk", path=f"/ho-so/{dossier.code}/", request=request)
    form = clerk.locator("form").filter(has=clerk.locator('input[name=paper][value="batch"]'))
    form.locator("input[type=file]").set_input_files(str(batch))
    with clerk.expect_navigation(url=re.compile(r"/so-hoa/[0-9a-f-]+/$"), timeout=120_000):
        form.locator("button[type=submit]").click()
    expect(clerk.locator("#job.job--done")).to_be_visible(timeout=120_000)
    expect(clerk.locator(".job-pages")).to_contain_text("3")
    screenshot(clerk, "digitization-done")

    clerk.get_by_role("link", name=re.compile("Quay lại hồ sơ")).click()
    links = clerk.locator("#components a.component-document")
    expect(links).to_have_count(2)
    links.first.click()
    expect(clerk.locator("#verification li.ok").first).to_be_visible()
    expect(clerk.locator("#verification")).to_contain_text("Toàn vẹn")
    screenshot(clerk, "document")
    assert Document.objects.filter(owner_id_number=dossier.applicant_id_number).count() == held_before + 2
