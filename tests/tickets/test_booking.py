"""Appointments booked online: slots and capacity, booking, cancelling, missed ones, e-mails, and the check-in."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from motcua.core.errors import ApplicationError
from motcua.core.localtime import LOCAL_TIME_ZONE
from motcua.dossiers.models import OutboxMessage
from motcua.dossiers.outbox import outbox_dispatch
from motcua.tickets.booking.capacity import booking_days, day_slots, slot_capacity
from motcua.tickets.booking.reminders import AppointmentMail, appointment_reminders_queue
from motcua.tickets.booking.services import appointment_book, appointment_cancel, appointments_mark_missed
from motcua.tickets.models import Appointment, AppointmentStatus, TicketChannel
from motcua.tickets.services import appointment_check_in, call_next, shift_open, ticket_issue

pytestmark = pytest.mark.django_db


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL_TIME_ZONE)


MONDAY = date(2026, 12, 7)
NOW = local(MONDAY - timedelta(days=3), 10)  # the Friday before, 10:00


def book(centre, letter="A", start=None, *, at=NOW, **kwargs):
    fields = {"name": "Nguyễn Văn An", "phone": "0912345678", "email": "an@example.vn", "language": "vi"} | kwargs
    return appointment_book(
        point=centre.point, service=centre.services[letter], slot_start=start or local(MONDAY, 9), at=at, **fields
    )


def test_capacity_follows_the_counters_of_the_field_and_the_settings(centre, settings):
    settings.QUEUE_SLOT_MINUTES, settings.QUEUE_APPOINTMENT_SHARE = 30, 0.5
    # A (civil status, 8 min): counters 1, 3 and the pooled 4 → 3 × 30 ÷ 8 × 0.5 = 5.6 → 5.
    assert slot_capacity(centre.services["A"]) == 5
    # B (land, 15 min): counters 2, 3, 4 → 3 × 30 ÷ 15 × 0.5 = 3. C (any field, 4 min): 4 × 30 ÷ 4 × 0.5 = 15.
    assert slot_capacity(centre.services["B"]) == 3
    assert slot_capacity(centre.services["C"]) == 15
    settings.QUEUE_APPOINTMENT_SHARE = 1.0
    assert slot_capacity(centre.services["B"]) == 6
    centre.counters[3].is_active = False
    centre.counters[3].save()
    assert slot_capacity(centre.services["B"]) == 4
    settings.QUEUE_APPOINTMENT_SHARE = 0
    assert slot_capacity(centre.services["B"]) == 0
    assert all(slot.is_full for slot in day_slots(centre.services["B"], MONDAY, at=NOW))


def test_slots_cut_the_office_hours_and_start_an_hour_from_now(centre, settings):
    settings.QUEUE_SLOT_MINUTES = 30
    slots = day_slots(centre.services["A"], MONDAY, at=NOW)
    starts = [slot.start.astimezone(LOCAL_TIME_ZONE).strftime("%H:%M") for slot in slots]
    # 07:00–11:30 and 13:30–17:00: nothing across the lunch break or past closing.
    assert starts[0] == "07:00" and starts[8] == "11:00" and starts[9] == "13:30" and starts[-1] == "16:30"
    assert len(starts) == 16
    later_today = day_slots(centre.services["A"], MONDAY, at=local(MONDAY, 10, 5))
    # At 10:05 the 11:00 slot is less than an hour away: the afternoon is what is left.
    assert [s.start for s in later_today][:2] == [local(MONDAY, 13, 30), local(MONDAY, 14)]
    centre.point.office_hours = "08:00-10:00"
    centre.point.save()
    assert len(day_slots(centre.services["A"], MONDAY, at=NOW)) == 4


def test_weekends_and_holidays_have_no_slots(centre, settings):
    settings.QUEUE_BOOKING_DAYS = 14
    new_year_eve = local(date(2026, 12, 31), 10)
    days = booking_days(centre.point, at=new_year_eve)
    # 1 January is a public holiday, 2–3 January a weekend.
    assert date(2027, 1, 1) not in days and date(2027, 1, 2) not in days and date(2027, 1, 3) not in days
    assert date(2026, 12, 31) in days and date(2027, 1, 4) in days
    assert day_slots(centre.services["A"], date(2027, 1, 1), at=new_year_eve) == []
    assert day_slots(centre.services["A"], date(2027, 1, 2), at=new_year_eve) == []
    assert max(days) <= date(2026, 12, 31) + timedelta(days=14)


def test_booking_takes_a_place_and_writes_the_confirmation_to_the_outbox(centre):
    appointment = book(centre)
    assert appointment.status == AppointmentStatus.BOOKED and appointment.slot_minutes == 30
    assert appointment.phone == "0912345678" and len(appointment.code) == 8
    message = OutboxMessage.objects.get(topic="email.appointment_confirmed")
    assert message.key == f"appointment:{appointment.code}:confirmed"
    assert message.payload == {"code": appointment.code, "email": "an@example.vn", "language": "vi"}
    slot = next(s for s in day_slots(centre.services["A"], MONDAY, at=NOW) if s.start == local(MONDAY, 9))
    assert slot.booked == 1 and slot.remaining == slot.capacity - 1


def test_no_email_address_no_message(centre):
    book(centre, email="")
    assert not OutboxMessage.objects.filter(topic__startswith="email.").exists()


def test_a_full_slot_is_refused(centre, settings):
    settings.QUEUE_APPOINTMENT_SHARE = 0.5  # B: 3 places a slot
    for _ in range(3):
        book(centre, "B")
    with pytest.raises(ApplicationError) as refused:
        book(centre, "B")
    assert refused.value.code == "booking_slot_full"
    assert refused.value.messages()["vi"] != refused.value.messages()["en"]
    assert Appointment.objects.filter(service=centre.services["B"]).count() == 3


def test_cancelling_frees_the_place_again(centre, settings):
    settings.QUEUE_APPOINTMENT_SHARE = 0.5
    first, *_others = [book(centre, "B") for _ in range(3)]
    cancelled = appointment_cancel(code=first.code.lower(), at=NOW)
    assert cancelled.status == AppointmentStatus.CANCELLED and cancelled.cancelled_at == NOW
    assert book(centre, "B").status == AppointmentStatus.BOOKED
    with pytest.raises(ApplicationError) as again:
        appointment_cancel(code=first.code, at=NOW)
    assert again.value.code == "booking_cancel_closed"


def test_cancelling_after_the_slot_began_is_refused(centre):
    appointment = book(centre)
    with pytest.raises(ApplicationError) as late:
        appointment_cancel(code=appointment.code, at=local(MONDAY, 9, 1))
    assert late.value.code == "booking_cancel_too_late"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"letter": "D"}, "booking_service_not_bookable"),  # guidance: not bookable online
        ({"start": local(MONDAY, 9, 10)}, "booking_slot_not_offered"),  # not a slot boundary
        ({"start": local(MONDAY, 12)}, "booking_slot_not_offered"),  # the lunch break
        ({"start": local(MONDAY + timedelta(days=5), 9)}, "booking_slot_not_offered"),  # a Saturday
        ({"start": local(MONDAY + timedelta(days=60), 9)}, "booking_slot_not_offered"),  # too far ahead
        ({"start": datetime(2026, 12, 7, 9)}, "booking_slot_not_offered"),  # naive
        ({"start": local(MONDAY, 9), "at": local(MONDAY, 8, 30)}, "booking_slot_past"),  # less than an hour
        ({"phone": "0" * 40}, "booking_phone_invalid"),
        ({"phone": "091234567"}, "booking_phone_invalid"),
        ({"phone": "abc\x000912345678"}, "booking_phone_invalid"),
        ({"email": "not-an-address"}, "booking_email_invalid"),
        ({"name": " \x00 "}, "booking_name_missing"),
    ],
)
def test_bad_bookings_are_refused_with_a_bilingual_reason(centre, changes, code):
    changes = dict(changes)
    letter, start, at = changes.pop("letter", "A"), changes.pop("start", None), changes.pop("at", NOW)
    with pytest.raises(ApplicationError) as refused:
        book(centre, letter, start, at=at, **changes)
    assert refused.value.code == code
    messages = refused.value.messages()
    assert messages["vi"] and messages["en"] and messages["vi"] != messages["en"]
    assert not Appointment.objects.exists()


def test_phone_numbers_are_read_as_typed(centre):
    assert book(centre, phone="+84 912 345 678").phone == "+84912345678"
    assert book(centre, phone="0912.345.678").phone == "0912345678"


def test_missed_marking_is_idempotent(centre):
    kept = book(centre, start=local(MONDAY, 9))
    gone = book(centre, start=local(MONDAY, 8))
    checked = book(centre, start=local(MONDAY, 8))
    appointment_check_in(point=centre.point, code=checked.code, at=local(MONDAY, 7, 50))
    # 08:00 slot ends 08:30, + 15 minutes' tolerance: missed from 08:45.
    assert appointments_mark_missed(at=local(MONDAY, 8, 44)) == 0
    assert appointments_mark_missed(at=local(MONDAY, 8, 45)) == 1
    assert appointments_mark_missed(at=local(MONDAY, 8, 50)) == 0
    statuses = {a.pk: a.status for a in Appointment.objects.all()}
    assert statuses == {
        kept.pk: AppointmentStatus.BOOKED,
        gone.pk: AppointmentStatus.MISSED,
        checked.pk: AppointmentStatus.CHECKED_IN,
    }


def test_reminders_are_queued_once_for_tomorrows_appointments(centre):
    tomorrow = book(centre, start=local(MONDAY, 9))
    book(centre, start=local(MONDAY, 10), email="")  # no address: nothing to send
    cancelled = book(centre, start=local(MONDAY, 11))
    appointment_cancel(code=cancelled.code, at=NOW)
    later = book(centre, start=local(MONDAY + timedelta(days=1), 9))
    sunday = local(MONDAY - timedelta(days=1), 18)
    assert appointment_reminders_queue(at=sunday) == 1
    assert appointment_reminders_queue(at=sunday + timedelta(hours=1)) == 0
    reminders = OutboxMessage.objects.filter(topic="email.appointment_reminder")
    assert [m.key for m in reminders] == [f"appointment:{tomorrow.code}:reminder"]
    tomorrow.refresh_from_db()
    later.refresh_from_db()
    assert tomorrow.reminded_at == sunday and later.reminded_at is None


def test_the_reminder_is_sent_once_even_when_delivered_twice(centre):
    appointment = book(centre, language="en")
    appointment_reminders_queue(at=local(MONDAY - timedelta(days=1), 18))
    message = OutboxMessage.objects.get(topic="email.appointment_reminder")
    handler = AppointmentMail()
    handler.handle(message)
    handler.handle(message)  # at least once: a redelivery after a crash
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["an@example.vn"]
    assert sent.subject.startswith("Reminder") and appointment.code in sent.body
    assert "07/12/2026 09:00" in sent.body and "1 Trần Phú" in sent.body
    assert OutboxMessage.objects.filter(key=f"sent:{message.key}", dispatched_at__isnull=False).exists()


def test_the_confirmation_goes_out_through_the_outbox_in_the_visitors_language(centre):
    appointment = book(centre)
    outbox_dispatch()
    outbox_dispatch()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert appointment.code in sent.body and "07/12/2026 09:00" in sent.body
    assert "kiosk" in sent.body and sent.subject != "" and "Reminder" not in sent.subject
    assert f"/dat-lich/xac-nhan/{appointment.code}/" in sent.body


def test_the_daily_command_queues_the_reminders(centre, time_machine):
    book(centre, start=local(MONDAY, 9))
    time_machine.move_to(local(MONDAY - timedelta(days=1), 18), tick=False)
    call_command("appointment_reminders", "--mark-missed")
    assert OutboxMessage.objects.filter(topic="email.appointment_reminder").count() == 1


def test_a_checked_in_booking_is_called_ahead_of_walk_ins(centre, settings):
    settings.QUEUE_APPOINTMENT_AHEAD_MINUTES = 20
    appointment = book(centre, start=local(MONDAY, 9))
    walk_ins = [
        ticket_issue(
            point=centre.point, service=centre.services["A"], channel=TicketChannel.KIOSK, at=local(MONDAY, 8, m)
        )
        for m in (42, 44)
    ]
    ticket = appointment_check_in(point=centre.point, code=appointment.code, at=local(MONDAY, 8, 50))
    assert ticket.channel == TicketChannel.APPOINTMENT
    clerk = centre.clerks[0]
    shift_open(user=clerk, counter=centre.counters[1], at=local(MONDAY, 8))
    order = [call_next(user=clerk, at=local(MONDAY, 8, 55 + i)) for i in range(3)]
    assert order == [ticket, *walk_ins]
