"""Issue 13's "done when", in a browser on the demo: a visitor takes a ticket at the kiosk, sees it on the display,
the call is spoken, the clerk serves it at the counter and receives the dossier, the visitor rates the service on
the ticket's page, the dossier shows the wait, and the supervisor's figures show the day against 15 minutes."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from motcua.core.localtime import local_date
from motcua.dossiers.models import Dossier
from motcua.tickets.demo import POINT
from motcua.tickets.models import (
    CounterRating,
    DeviceKind,
    QueueDevice,
    Ticket,
    TicketChannel,
    TicketEvent,
    TicketEventKind,
    TicketStatus,
)
from tests.e2e.test_desk_browser import sign_in

pytestmark = pytest.mark.e2e

PROCEDURE = "1.000689"  # Đăng ký nhận cha, mẹ, con (Hộ tịch)
APPLICANT_ID = "042091765432"
TV = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", allow_production=True, stdout=io.StringIO())


def test_a_visitor_is_ticketed_called_served_rated_and_counted(demo, live_server, browser, request, screenshot):
    kiosk_key = QueueDevice.objects.get(point__code=POINT, kind=DeviceKind.KIOSK).key
    display_key = QueueDevice.objects.filter(point__code=POINT, kind=DeviceKind.DISPLAY).first().key

    # --- the kiosk at the door: a civil-status submission, printed ----------------------------------------
    kiosk_context = browser.new_context(locale="vi-VN", viewport=TV)
    kiosk_context.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    kiosk = kiosk_context.new_page()
    request.addfinalizer(kiosk_context.close)
    kiosk.goto(f"{live_server.url}/hang-doi/kiosk/{kiosk_key}/")
    screenshot(kiosk, "queue-kiosk")
    kiosk.locator("button.service-button", has_text="Nộp hồ sơ hộ tịch").click()
    ticket = Ticket.objects.filter(point__code=POINT, channel=TicketChannel.KIOSK).latest("issued_at")
    expect(kiosk.get_by_text(ticket.label, exact=True).first).to_be_visible()
    screenshot(kiosk, "queue-ticket-print")

    # --- the display: the number waits, then is called and spoken ----------------------------------------
    tv_context = browser.new_context(locale="vi-VN", viewport=TV)
    tv = tv_context.new_page()
    request.addfinalizer(tv_context.close)
    tv.goto(f"{live_server.url}/hang-doi/man-hinh/{display_key}/")
    expect(tv.locator("[data-sound-on]")).to_be_visible()

    clerk = sign_in(browser, live_server, "clerk", path="/quay/hang-doi/", request=request)
    counter_one = clerk.locator("label.queue-counter", has_text="Quầy 1").locator("input[type=radio]")
    counter_one.check()
    clerk.get_by_role("button", name="Mở quầy này").click()
    clerk.locator("#queue-call-label").fill(ticket.label.lower())
    clerk.locator("#queue-call-label").press("Enter")
    expect(clerk.locator(".queue-ticket__label")).to_have_text(ticket.label)
    screenshot(clerk, "queue-counter")
    expect(tv.locator("[data-latest-label]")).to_have_text(ticket.label, timeout=10_000)
    expect(tv.locator("[data-latest-counter]")).to_have_text("1")
    expect(tv.locator("[data-latest-sentence]")).to_contain_text("Mời công dân có số thứ tự")
    screenshot(tv, "queue-display")
    # The spoken call: the same sentence as audio made on the server (no network, espeak-ng).
    called = TicketEvent.objects.filter(ticket=ticket, kind=TicketEventKind.CALLED).latest("id")
    feed = tv.request.get(f"{live_server.url}/hang-doi/man-hinh/{display_key}/trang-thai.json?after={called.pk - 1}")
    call = next(event for event in feed.json()["calls"] if event["label"] == ticket.label)
    assert call["sentence"].startswith("Mời công dân có số thứ tự")
    wav = tv.request.get(f"{live_server.url}{call['audio']}")
    assert wav.status == 200 and wav.body()[:4] == b"RIFF"

    # --- the counter: the dossier received while the ticket is served ----------------------------------------
    clerk.locator("a.queue-receive").click()
    clerk.goto(f"{live_server.url}/quay/tiep-nhan/{PROCEDURE}/")
    clerk.locator("#id_applicant_id_number").fill(APPLICANT_ID)
    clerk.locator("#id_applicant_name").fill("Trần Thị Mai")
    clerk.locator("#id_applicant_address").fill("3 Hà Huy Tập, phường Thành Sen")
    clerk.locator("#id_applicant_phone").fill("0912000222")
    for paper in clerk.locator("#checklist input[type=checkbox][name^=received_]").all():
        paper.check()
    with clerk.expect_navigation(url=re.compile(r"/quay/bien-nhan/")):
        clerk.locator("button.receive-confirm").click()
    dossier = Dossier.objects.get(applicant_id_number=APPLICANT_ID)
    assert list(ticket.dossier_links.values_list("dossier__code", flat=True)) == [dossier.code]
    clerk.goto(f"{live_server.url}/quay/hang-doi/")
    clerk.get_by_role("button", name=re.compile("^Xong")).click()
    expect(clerk.locator(".queue-ticket__label")).to_have_count(0)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.DONE

    # --- the visitor rates on the ticket's page (the QR code's address) -----------------------------------------
    phone_context = browser.new_context(locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True)
    phone = phone_context.new_page()
    request.addfinalizer(phone_context.close)
    phone.goto(f"{live_server.url}/hang-doi/ve/{ticket.token}/")
    phone.locator("label.rating__score--satisfied").click()
    phone.locator("input[name=reasons][value=fast]").check()
    phone.get_by_role("button", name="Gửi đánh giá").click()
    rating = CounterRating.objects.get(ticket=ticket)
    assert (rating.score, rating.dossier_id, rating.counter.number) == ("satisfied", dossier.pk, 1)
    assert rating.clerk.username == "clerk"

    # --- the dossier shows the wait; the supervisor's figures show the day against 15 minutes --------------------
    clerk.goto(f"{live_server.url}/ho-so/{dossier.code}/")
    expect(clerk.locator("#queue-wait")).to_contain_text(ticket.label)
    expect(clerk.locator("#queue-wait")).to_contain_text("15 phút")
    supervisor = sign_in(browser, live_server, "supervisor", path="/giam-sat/hang-doi/", request=request)
    expect(supervisor.locator("main")).to_contain_text("15")
    expect(supervisor.locator("main svg").first).to_be_visible()
    yesterday = (local_date() - timedelta(days=1)).strftime("%d/%m/%Y")
    supervisor.goto(f"{live_server.url}/giam-sat/hang-doi/?diem={POINT}&tu={yesterday}&den={yesterday}")
    expect(supervisor.locator("main svg").first).to_be_visible()
    supervisor.locator("main svg").first.scroll_into_view_if_needed()
    screenshot(supervisor, "queue-figures")
