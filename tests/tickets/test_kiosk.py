"""The kiosk at the door: a press issues a ticket and shows it for printing; appointments check in with a code;
wrong keys and bad input get a clear answer, never a 500."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.slips.context import qr_data_uri
from motcua.tickets.models import Appointment, AppointmentStatus, Priority, QueueDevice, Ticket, TicketChannel
from motcua.tickets.services import ticket_issue
from tests.tickets.conftest import centre_build

pytestmark = pytest.mark.django_db


def kiosk_url(centre, name="kiosk", *args):
    return reverse(f"tickets:{name}", args=[centre.kiosk.key, *args])


def press(client, centre, letter="A", **data):
    payload = {"service": centre.services[letter].pk, **data}
    return client.post(kiosk_url(centre, "kiosk_issue"), payload)


def test_start_screen_shows_each_active_service_grouped_by_kind_and_the_priorities(client, centre):
    centre.services["D"].is_active = False
    centre.services["D"].save()
    response = client.get(kiosk_url(centre))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    for letter in "ABC":
        assert f'name="service" value="{centre.services[letter].pk}"' in html
    assert f'value="{centre.services["D"].pk}"' not in html
    assert "Nộp hồ sơ hộ tịch" in html and "Nhận kết quả" in html
    assert html.index("Nộp hồ sơ đất đai") < html.index("Nhận kết quả")  # submit group before collect group
    for value in ("elderly", "disabled", "pregnant", "veteran"):
        assert f'name="priority" value="{value}"' in html
    assert reverse("tickets:kiosk_check_in", args=[centre.kiosk.key]) in html
    assert response["Cache-Control"] == "no-store"


def test_a_press_issues_a_kiosk_ticket_and_shows_it_for_printing(client, centre):
    ticket_issue(point=centre.point, service=centre.services["A"], channel=TicketChannel.KIOSK)
    response = press(client, centre, "A")
    ticket = Ticket.objects.order_by("-sequence").first()
    assert response.status_code == 303
    assert response["Location"] == kiosk_url(centre, "kiosk_print", ticket.token)
    assert (ticket.label, ticket.channel, ticket.device, ticket.priority) == ("A002", "kiosk", centre.kiosk, "")
    centre.kiosk.refresh_from_db()
    assert centre.kiosk.last_seen_at == ticket.issued_at

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "data-ticket-number>A002<" in html
    assert "Nộp hồ sơ hộ tịch" in html and centre.point.name in html
    assert re.search(r"Số người chờ trước.*?<dd>1</dd>", html, re.S)
    assert "Quét mã để theo dõi lượt trên điện thoại" in html
    assert timezone.localtime(ticket.issued_at).strftime("%d/%m/%Y %H:%M") in html
    follow = f"http://testserver{reverse('tickets:ticket', args=[ticket.token])}"
    assert f'data-follow-url="{follow}"' in html
    assert f'src="{qr_data_uri(follow)}"' in html  # the QR code encodes the ticket's own page
    assert "tickets/kiosk/print.js" in html
    assert f'data-return-url="{kiosk_url(centre)}"' in html


def test_the_printed_ticket_is_laid_out_for_80_mm_paper():
    css = Path(finders.find("tickets/kiosk/print.css")).read_text(encoding="utf-8")
    assert "@page { size: 80mm auto; margin: 0; }" in css
    script = Path(finders.find("tickets/kiosk/print.js")).read_text(encoding="utf-8")
    assert script.count("window.print()") == 1


def test_priority_chosen_at_the_kiosk_is_recorded_and_printed(client, centre):
    response = press(client, centre, "B", priority="pregnant")
    ticket = Ticket.objects.get()
    assert ticket.priority == Priority.PREGNANT
    assert ticket.rank_at < ticket.issued_at
    assert "Ưu tiên: Phụ nữ có thai" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"priority": "president"}, "Chọn một đối tượng ưu tiên trong danh sách"),
        ({"service": "99999999999999999999999999"}, "Dịch vụ này không có ở đây"),
        ({"service": "abc"}, "Dịch vụ này không có ở đây"),
        ({"service": ""}, "Chọn một dịch vụ"),
    ],
)
def test_bad_presses_are_refused_with_a_bilingual_message(client, centre, data, message):
    response = press(client, centre, "A", **data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'class="kiosk__problem-other"' in html  # the English line under the Vietnamese one
    assert not Ticket.objects.exists()


def test_a_service_of_another_centre_cannot_be_pressed(client, centre):
    other = centre_build(code="TTHCC-KHAC")
    response = client.post(kiosk_url(centre, "kiosk_issue"), {"service": other.services["A"].pk})
    assert response.status_code == 400
    assert not Ticket.objects.exists()


def test_a_nul_byte_is_a_clear_400(client, centre):
    response = press(client, centre, "A", priority="elderly\x00")
    assert response.status_code == 400
    assert not Ticket.objects.exists()


def test_wrong_or_inactive_or_other_kind_of_key_is_404(client, centre):
    assert client.get(reverse("tickets:kiosk", args=["not-a-key"])).status_code == 404
    assert client.get(reverse("tickets:kiosk", args=[centre.displays[0].key])).status_code == 404
    assert client.get(reverse("tickets:kiosk", args=[centre.pad.key])).status_code == 404
    assert client.get(f"/hang-doi/kiosk/{centre.kiosk.pk}/").status_code == 404
    QueueDevice.objects.filter(pk=centre.kiosk.pk).update(is_active=False)
    assert client.get(kiosk_url(centre)).status_code == 404
    assert press(client, centre, "A").status_code == 404
    assert not Ticket.objects.exists()


def test_a_kiosk_prints_only_tickets_of_its_own_centre(client, centre):
    other = centre_build(code="TTHCC-KHAC")
    theirs = ticket_issue(point=other.point, service=other.services["A"], channel=TicketChannel.KIOSK)
    assert client.get(kiosk_url(centre, "kiosk_print", theirs.token)).status_code == 404
    assert client.get(kiosk_url(centre, "kiosk_print", "no-such-token")).status_code == 404


def test_english_is_for_one_visitor_and_the_kiosk_returns_to_vietnamese(client, centre):
    html = client.get(kiosk_url(centre) + "?lang=en").content.decode()
    assert '<html lang="en">' in html and "Touch a service to take your number" in html
    assert f'data-idle-url="{kiosk_url(centre)}" data-idle-seconds="60"' in html  # idle: back to Vietnamese
    response = press(client, centre, "C", lang="en")
    assert response["Location"].endswith("?lang=en")
    printed = client.get(response["Location"]).content.decode()
    assert "Your number" in printed and f'data-return-url="{kiosk_url(centre)}"' in printed
    assert '<html lang="vi">' in client.get(kiosk_url(centre)).content.decode()


def _appointment(centre, **fields):
    return Appointment.objects.create(
        point=centre.point,
        service=centre.services["B"],
        slot_start=fields.pop("slot_start", timezone.now()),
        slot_minutes=30,
        name="Lê Văn A",
        created_at=timezone.now(),
        **fields,
    )


def test_an_appointment_checks_in_at_the_kiosk_with_its_code(client, centre):
    booking = _appointment(centre)
    screen = client.get(kiosk_url(centre, "kiosk_check_in")).content.decode()
    assert 'data-key="A"' in screen and 'data-key="back"' in screen and 'data-key="O"' not in screen
    typed = f" {booking.code[:4].lower()}-{booking.code[4:]} "
    response = client.post(kiosk_url(centre, "kiosk_check_in"), {"code": typed})
    booking.refresh_from_db()
    assert response.status_code == 303
    assert booking.status == AppointmentStatus.CHECKED_IN
    assert booking.ticket.channel == TicketChannel.APPOINTMENT and booking.ticket.device == centre.kiosk
    assert response["Location"] == kiosk_url(centre, "kiosk_print", booking.ticket.token)


@pytest.mark.parametrize(
    ("code", "status", "vietnamese", "english"),
    [
        ("ZZZZZZZZ", 404, "Không có lịch hẹn nào", "No appointment at this centre has that code."),
        ("", 400, "Nhập mã lịch hẹn", "Type the code of your appointment."),
        ("X" * 500, 400, "Mã lịch hẹn có 8 ký tự", "An appointment code has 8 characters."),
    ],
)
def test_a_bad_appointment_code_shows_a_bilingual_error(client, centre, code, status, vietnamese, english):
    response = client.post(kiosk_url(centre, "kiosk_check_in"), {"code": code})
    html = response.content.decode()
    assert response.status_code == status
    assert vietnamese in html and english in html
    assert 'role="alert"' in html
    assert not Ticket.objects.exists()


def test_an_appointment_of_another_day_is_refused_with_its_date(client, centre):
    booking = _appointment(centre, slot_start=timezone.now() + timezone.timedelta(days=2))
    response = client.post(kiosk_url(centre, "kiosk_check_in"), {"code": booking.code})
    assert response.status_code == 409
    assert "This appointment is for" in response.content.decode()


def test_a_kiosk_cannot_flood_the_queue(client, centre, settings):
    settings.QUEUE_KIOSK_TICKETS_PER_MINUTE = 2
    assert press(client, centre, "A").status_code == 303
    assert press(client, centre, "A").status_code == 303
    response = press(client, centre, "A")
    assert response.status_code == 429
    assert "Kiosk này đã cấp 2 số thứ tự trong một phút qua" in response.content.decode()
    assert Ticket.objects.count() == 2
    # The rule is per kiosk: a phone ticket or another kiosk still gets its number.
    assert ticket_issue(point=centre.point, service=centre.services["A"], channel=TicketChannel.PHONE).label == "A003"
