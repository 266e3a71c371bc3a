"""The booking pages: a visitor books on a phone, sees the confirmation, cancels; bad input never makes a 500;
the counter sees the day's appointments of its own points only."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from motcua.core.localtime import LOCAL_TIME_ZONE
from motcua.tickets.booking.services import appointment_book
from motcua.tickets.models import Appointment, AppointmentStatus
from tests.factories import UserFactory
from tests.tickets.conftest import centre_build

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=LOCAL_TIME_ZONE)  # a Friday
MONDAY = date(2026, 12, 7)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    cache.clear()
    time_machine.move_to(NOW, tick=False)


def point_url(centre) -> str:
    return reverse("tickets:booking_point", args=[centre.point.code])


def form(centre, **changes) -> dict[str, str]:
    return {
        "dv": str(centre.services["A"].pk),
        "ngay": "2026-12-07",
        "slot": "2026-12-07T09:00",
        "name": "Trần Thị Bình",
        "phone": "0987 654 321",
        "email": "binh@example.vn",
        "website": "",
    } | changes


def test_centres_are_listed_and_found_by_name_or_address(client, centre):
    closed = centre_build(code="TTHCC-KHAC")
    closed.point.queue_services.update(appointments=False)
    page = client.get(reverse("tickets:booking_centres"))
    assert page.status_code == 200
    assert f'data-point="{centre.point.code}"' in page.text and "TTHCC-KHAC" not in page.text
    assert f'data-point="{centre.point.code}"' in client.get(reverse("tickets:booking_centres"), {"q": "tran phu"}).text
    assert "data-point=" not in client.get(reverse("tickets:booking_centres"), {"q": "không có\x00"}).text


def test_a_visitor_books_sees_the_confirmation_and_cancels(client, centre):
    services = client.get(point_url(centre))
    assert "Nộp hồ sơ hộ tịch" in services.text and "Hướng dẫn" not in services.text  # D is not bookable
    days = client.get(point_url(centre), {"dv": centre.services["A"].pk})
    assert "ngay=2026-12-07" in days.text and "ngay=2026-12-05" not in days.text  # Saturday
    slots = client.get(point_url(centre), {"dv": centre.services["A"].pk, "ngay": "2026-12-07"})
    assert 'data-slot="2026-12-07T09:00"' in slots.text and 'data-slot="2026-12-07T12:00"' not in slots.text
    booked = client.post(point_url(centre), form(centre))
    assert booked.status_code == 302
    appointment = Appointment.objects.get()
    assert booked["Location"] == reverse("tickets:booking_confirmation", args=[appointment.code])
    assert appointment.phone == "0987654321" and appointment.language == "vi"
    page = client.get(booked["Location"])
    assert page.status_code == 200
    assert f"data-code>{appointment.code}<" in page.text
    assert "data:image/svg+xml;base64," in page.text
    assert "07/12/2026 09:00" in page.text and "1 Trần Phú" in page.text
    assert "Mang theo mã này đến kiosk để lấy số ưu tiên." in page.text
    assert "data-print" in page.text
    cancelled = client.post(reverse("tickets:booking_cancel", args=[appointment.code]))
    assert cancelled.status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    again = client.post(reverse("tickets:booking_cancel", args=[appointment.code]))
    assert again.status_code == 400 and "Không thể hủy lịch hẹn này" in again.text


def test_a_full_slot_is_shown_disabled_and_refused(client, centre, settings):
    settings.QUEUE_APPOINTMENT_SHARE = 0.2  # A: 3 × 30 ÷ 8 × 0.2 = 2.25 → 2 places
    for phone in ("0911111111", "0922222222"):
        appointment_book(
            point=centre.point,
            service=centre.services["A"],
            slot_start=datetime(2026, 12, 7, 9, tzinfo=LOCAL_TIME_ZONE),
            name="Lê An",
            phone=phone,
        )
    slots = client.get(point_url(centre), {"dv": centre.services["A"].pk, "ngay": "2026-12-07"}).text
    tag = re.search(r'<label class="bk-slot bk-slot--full" data-slot="2026-12-07T09:00">\s*<input[^>]*>', slots)
    assert tag is not None and "disabled" in tag.group(0)
    refused = client.post(point_url(centre), form(centre))
    assert refused.status_code == 409 and "Khung giờ này vừa hết chỗ" in refused.text
    assert Appointment.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"phone": "0" * 40}, "Nhập số điện thoại di động Việt Nam"),
        ({"slot": "99999-12-07T09:00"}, "Khung giờ này không mở đặt lịch"),
        ({"slot": "2026-12-07T09:10"}, "Khung giờ này không mở đặt lịch"),
        ({"slot": "2026-12-05T09:00"}, "Khung giờ này không mở đặt lịch"),
        ({"ngay": "99999-01-01"}, "Ngày này không mở đặt lịch"),
        ({"ngay": "2026-12-05"}, "Ngày này không mở đặt lịch"),
        ({"dv": "9" * 30}, "không đặt lịch trực tuyến được"),
        ({"dv": str(10**6)}, "không đặt lịch trực tuyến được"),
        ({"email": "khong-phai-thu"}, "Nhập địa chỉ thư điện tử hợp lệ"),
        ({"name": ""}, "Nhập họ và tên"),
    ],
)
def test_bad_input_gets_a_clear_message_never_a_500(client, centre, changes, expected):
    response = client.post(point_url(centre), form(centre, **changes))
    assert 400 <= response.status_code < 500
    assert expected in response.text
    assert not Appointment.objects.exists()


def test_a_nul_byte_is_refused_with_a_bad_request(client, centre):
    response = client.post(point_url(centre), form(centre, name="Trần\x00Bình"))
    assert response.status_code == 400
    assert not Appointment.objects.exists()


def test_errors_read_in_english_too(client, centre):
    client.cookies["django_language"] = "en"
    response = client.post(point_url(centre), form(centre, phone="0" * 40))
    assert response.status_code == 400 and "Enter a Vietnamese mobile number" in response.text


def test_unknown_codes_and_centres_are_not_found(client, centre):
    assert client.get(reverse("tickets:booking_confirmation", args=["ZZZZZZZZ"])).status_code == 404
    assert client.post(reverse("tickets:booking_cancel", args=["ZZZZZZZZ"])).status_code == 404
    assert client.get(reverse("tickets:booking_point", args=["KHONG-CO"])).status_code == 404
    assert client.get(reverse("tickets:booking_confirmation", args=["x" * 500])).status_code == 404


def test_robots_and_floods_are_refused(client, centre, settings):
    robot = client.post(point_url(centre), form(centre, website="http://spam.example"))
    assert robot.status_code == 400 and not Appointment.objects.exists()
    for i in range(4):
        assert client.post(point_url(centre), form(centre, phone=f"091234567{i}")).status_code == 302
    blocked = client.post(point_url(centre), form(centre, phone="0912345679"))
    assert blocked.status_code == 429
    assert Appointment.objects.count() == 4


def test_the_counter_sees_the_days_appointments_of_its_points_only(client, centre):
    other = centre_build(code="TTHCC-KHAC")
    mine = appointment_book(
        point=centre.point,
        service=centre.services["B"],
        slot_start=datetime(2026, 12, 7, 9, tzinfo=LOCAL_TIME_ZONE),
        name="Phạm Văn Cường",
        phone="0911111111",
    )
    appointment_book(
        point=other.point,
        service=other.services["B"],
        slot_start=datetime(2026, 12, 7, 9, tzinfo=LOCAL_TIME_ZONE),
        name="Người khác",
        phone="0922222222",
    )
    url = reverse("tickets:booking_staff_list")
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(UserFactory(username="no-role"))
    assert client.get(url).status_code == 403
    client.force_login(centre.clerks[0])
    today = client.get(url)
    assert today.status_code == 200 and "data-appointment" not in today.text
    monday = client.get(url, {"ngay": "2026-12-07"})
    assert f'data-appointment="{mine.code}"' in monday.text and "Người khác" not in monday.text
    assert client.get(url, {"diem": other.point.code}).status_code == 404
    bad = client.get(url, {"ngay": "99999-99-99"})
    assert bad.status_code == 400 and "Ngày này không mở đặt lịch" in bad.text
    client.force_login(centre.supervisor)
    assert f'data-appointment="{mine.code}"' in client.get(url, {"ngay": "2026-12-07"}).text
