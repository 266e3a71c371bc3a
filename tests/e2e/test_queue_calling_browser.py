"""The display in a browser: a clerk calls, the TV shows the number without reload; the clerk's panel driven by
its buttons and keys. Screenshots of both go to /tmp/shots/calling/ (or $MOTCUA_CALLING_SHOTS)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from motcua.tickets.calling.audio import call_sentence
from motcua.tickets.models import Priority, Ticket, TicketChannel, TicketStatus
from motcua.tickets.services import call_next, shift_open, ticket_issue
from tests.tickets.conftest import centre_build

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("MOTCUA_CALLING_SHOTS", "/tmp/shots/calling"))
TV = {"width": 1920, "height": 1080}
COUNTER_PC = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def issue(centre, letter, **kwargs) -> Ticket:
    return ticket_issue(point=centre.point, service=centre.services[letter], channel=TicketChannel.KIOSK, **kwargs)


def signed_in(browser, live_server, user, **options):
    """A browser context signed in as ``user`` (the session cookie of Django's test client)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="vi-VN", **options)
    host = live_server.url.split("://", 1)[1].split(":")[0]
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "domain": host, "path": "/"}])
    return context


def test_the_display_shows_a_call_without_reload(live_server, browser):
    centre = centre_build()
    issue(centre, "A")
    waiting = issue(centre, "B")
    issue(centre, "C", priority=Priority.ELDERLY)
    context = browser.new_context(locale="vi-VN", viewport=TV)
    page = context.new_page()
    page.goto(f"{live_server.url}/hang-doi/man-hinh/{centre.displays[0].key}/")
    expect(page.locator("[data-sound-on]")).to_have_text("🔊 Bấm để bật âm thanh")
    expect(page.locator("[data-waiting]")).to_contain_text(waiting.label)

    clerk = centre.clerks[0]
    shift_open(user=clerk, counter=centre.counters[3])
    called = call_next(user=clerk)
    expect(page.locator("[data-latest-label]")).to_have_text(called.label, timeout=10_000)
    expect(page.locator("[data-latest-counter]")).to_have_text("3")
    expect(page.locator("[data-latest-sentence]")).to_have_text(call_sentence(label=called.label, counter_number=3))
    page.locator("[data-sound-on]").click()
    expect(page.locator("[data-sound-on]")).to_be_hidden()
    second_clerk = centre.clerks[1]
    shift_open(user=second_clerk, counter=centre.counters[2])
    has_vi_voice = page.evaluate("speechSynthesis.getVoices().some((v) => v.lang.toLowerCase().startsWith('vi'))")
    if not has_vi_voice and shutil.which("espeak-ng"):
        # No Vietnamese voice in this browser: the call is played from the server's espeak-ng WAV.
        with page.expect_response(lambda r: r.url.endswith(".wav"), timeout=10_000) as spoken:
            second = call_next(user=second_clerk)
        assert spoken.value.status == 200
        assert spoken.value.headers["content-type"] == "audio/wav"
    else:
        second = call_next(user=second_clerk)
    expect(page.locator("[data-latest-label]")).to_have_text(second.label, timeout=10_000)
    expect(page.locator("[data-serving]")).to_contain_text(called.label)
    shot(page, "display-1920x1080")
    context.close()


def test_the_clerk_calls_with_the_button_and_the_keys(live_server, browser):
    centre = centre_build()
    first, second, third = issue(centre, "A"), issue(centre, "A", priority=Priority.ELDERLY), issue(centre, "C")
    clerk = centre.clerks[0]
    context = signed_in(browser, live_server, clerk, viewport=COUNTER_PC)
    page = context.new_page()
    page.goto(f"{live_server.url}/quay/hang-doi/")
    shot(page, "queue-open-1366x768")
    page.get_by_label("Quầy 1").first.check()
    page.get_by_role("button", name="Mở quầy này").click()
    expect(page.locator("#queue-panel")).to_contain_text("Đã mở quầy 1")
    page.get_by_role("button", name="Gọi số tiếp theo").click()
    # The elderly visitor is brought forward (QUEUE_PRIORITY_MINUTES), ahead of the one who came a moment before.
    expect(page.locator("[data-serving]")).to_have_text(second.label)
    expect(page.get_by_role("link", name="Tiếp nhận hồ sơ")).to_be_visible()
    page.get_by_role("button", name="Gọi lại").click()
    expect(page.locator("#queue-panel")).to_contain_text("lần 2")
    shot(page, "queue-serving-1366x768")
    page.keyboard.press("F2")
    expect(page.locator("[data-serving]")).to_have_text(first.label)
    page.get_by_label("Gọi số…").fill(third.label.lower())
    page.get_by_role("button", name="Gọi", exact=True).click()
    expect(page.locator("[data-serving]")).to_have_text(third.label)
    page.get_by_label("Gọi số…").fill("Z999")
    page.get_by_role("button", name="Gọi", exact=True).click()
    expect(page.locator("#queue-call-error")).to_be_visible()
    assert Ticket.objects.get(pk=second.pk).status == TicketStatus.DONE
    context.close()

    phone = signed_in(browser, live_server, clerk, viewport=PHONE, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(f"{live_server.url}/quay/hang-doi/")
    expect(page.locator("[data-serving]")).to_have_text(third.label)
    shot(page, "queue-phone-390x844")
    phone.close()
