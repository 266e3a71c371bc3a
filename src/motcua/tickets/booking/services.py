"""Booking, cancelling and closing appointments (docs/queue.md, "Appointments").

**No overbooking.** Two visitors may press "book" for the last place of a slot at the same instant. Counting
the slot's appointments and inserting one is a read-then-write, so ``appointment_book`` first takes a row lock
on the service (``SELECT … FOR UPDATE`` on its ``QueueService``): every booking of that service waits for the
one before it to commit, then counts what that one wrote. The lock is per service rather than per (service,
slot) because a slot has no row of its own to lock; bookings of one service come a few a minute at most, so
they queue for milliseconds. Other services, the kiosk and the calling never take this lock. SQLite
serialises writers anyway; the PostgreSQL race test (tests/tickets/test_booking_race.py) proves the lock.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from motcua.agencies.models import ReceivingPoint
from motcua.dossiers.outbox import outbox_kick

from ..models import Appointment, AppointmentStatus, QueueService
from ..models.appointment import appointment_code_clean
from . import errors
from .capacity import NOTICE, slot_find
from .reminders import appointment_confirmation_queue

# A Vietnamese mobile number: 10 digits starting with 0, or +84 and the 9 digits after the 0.
PHONE = re.compile(r"^(?:0\d{9}|\+84\d{9})$")
LANGUAGES = ("vi", "en")
NAME_MAX = 150


def phone_normalise(value: str) -> str:
    """``0912 345 678``, ``0912.345.678`` and ``+84 912 345 678`` as typed → digits; refuse anything else."""
    phone = re.sub(r"[\s.\-()]", "", value or "")
    if not PHONE.match(phone):
        raise errors.phone_invalid()
    return phone


def email_normalise(value: str) -> str:
    email = (value or "").strip()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        raise errors.email_invalid() from None
    return email


def name_normalise(value: str) -> str:
    # Control characters (NUL and the like) become spaces: a name is printable text.
    printable = "".join(ch if ch.isprintable() else " " for ch in (value or ""))
    name = " ".join(printable.split())[:NAME_MAX]
    if not name or not any(ch.isalpha() for ch in name):
        raise errors.name_missing()
    return name


def service_check_bookable(*, point: ReceivingPoint, service: QueueService) -> None:
    if service.point_id != point.pk or not point.is_active or not service.is_active or not service.appointments:
        raise errors.service_not_bookable()


@transaction.atomic
def appointment_book(
    *,
    point: ReceivingPoint,
    service: QueueService,
    slot_start: datetime,
    name: str,
    phone: str,
    email: str = "",
    language: str = "vi",
    at: datetime | None = None,
) -> Appointment:
    """Book one place of the slot of ``service`` beginning at ``slot_start``; the confirmation e-mail (when an
    address is given) goes through the outbox with the booking."""
    at = at or timezone.now()
    name, phone, email = name_normalise(name), phone_normalise(phone), email_normalise(email)
    service_check_bookable(point=point, service=service)
    if timezone.is_aware(slot_start) and slot_start < at + NOTICE:
        raise errors.slot_past()
    # The lock that serialises bookings of this service (module docstring), taken before counting.
    service = QueueService.objects.select_for_update().select_related("point").get(pk=service.pk)
    slot = slot_find(service, slot_start, at=at)
    if slot is None:
        raise errors.slot_not_offered()
    if slot.is_full:
        raise errors.slot_full()
    appointment = Appointment.objects.create(
        point=point,
        service=service,
        slot_start=slot.start,
        slot_minutes=slot.minutes,
        name=name,
        phone=phone,
        email=email,
        language=language if language in LANGUAGES else "vi",
        created_at=at,
    )
    if appointment_confirmation_queue(appointment):
        outbox_kick()
    return appointment


@transaction.atomic
def appointment_cancel(*, code: str, at: datetime | None = None) -> Appointment:
    """Cancel a booked appointment before its slot begins: its place is offered again at once."""
    at = at or timezone.now()
    appointment = Appointment.objects.select_for_update().filter(code=appointment_code_clean(code)).first()
    if appointment is None:
        raise errors.appointment_not_found()
    if appointment.status != AppointmentStatus.BOOKED:
        raise errors.cancel_closed(status=str(AppointmentStatus(appointment.status).label))
    if at >= appointment.slot_start:
        raise errors.cancel_too_late()
    appointment.status = AppointmentStatus.CANCELLED
    appointment.cancelled_at = at
    appointment.save(update_fields=["status", "cancelled_at"])
    return appointment


def appointments_mark_missed(*, at: datetime | None = None) -> int:
    """Booked appointments not checked in by the end of their slot plus ``QUEUE_APPOINTMENT_LATE_MINUTES`` become
    missed. Returns how many changed; a second run changes none (only ``booked`` ones are touched)."""
    at = at or timezone.now()
    late = timedelta(minutes=settings.QUEUE_APPOINTMENT_LATE_MINUTES)
    candidates = Appointment.objects.filter(status=AppointmentStatus.BOOKED, slot_start__lt=at - late)
    missed = [
        pk
        for pk, start, minutes in candidates.values_list("pk", "slot_start", "slot_minutes")
        if start + timedelta(minutes=minutes) + late <= at
    ]
    # The status in the filter again: a check-in between the read and the write keeps its appointment.
    return Appointment.objects.filter(pk__in=missed, status=AppointmentStatus.BOOKED).update(
        status=AppointmentStatus.MISSED
    )
