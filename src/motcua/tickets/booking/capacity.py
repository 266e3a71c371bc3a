"""Which appointment slots a centre offers for a service, and how many places each still has.

**Slots.** A working day (the workdays calendar: weekends, holidays and make-up days) is cut into slots of
``QUEUE_SLOT_MINUTES`` within the centre's office hours (``ReceivingPoint.office_hours``, else
``WORKDAY_HOURS``); a slot that would run past a period's end (the lunch break, closing time) is not offered.
Slots are offered from one hour from now (so the centre can see who is coming) up to ``QUEUE_BOOKING_DAYS``
days ahead.

**Capacity.** A slot can serve ``counters × slot minutes ÷ service minutes`` visitors of a service, where the
counters are the active ones that serve the service's field, open now or not (an appointment is booked days
ahead, before anyone knows who will staff which counter). Only ``QUEUE_APPOINTMENT_SHARE`` of it is offered for
booking, rounded down: the rest is kept for walk-ins, who are most of a centre's visitors and must not find
every place taken by people who booked. Capacity is per service: services that share counters each get their
share, as a kiosk's button does. The places left are the capacity minus the appointments booked or checked
in for that service and slot (cancelled and missed ones free their place).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, QuerySet
from django.utils import timezone

from motcua.agencies.models import ReceivingPoint
from motcua.core.localtime import local_date
from motcua.workdays.calendar import WorkCalendar
from motcua.workdays.hours import clock_time
from motcua.workdays.selectors import work_calendar

from ..models import Appointment, AppointmentStatus, QueueService
from ..services.routing import counters_serving

# A slot starting sooner than this is not offered: the visitor could not get there, the centre could not plan.
NOTICE = timedelta(hours=1)
HOLDING = (AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN)


@dataclass(frozen=True)
class Slot:
    start: datetime
    minutes: int
    capacity: int
    booked: int

    @property
    def remaining(self) -> int:
        return max(self.capacity - self.booked, 0)

    @property
    def is_full(self) -> bool:
        return self.remaining == 0

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)


def point_calendar(point: ReceivingPoint) -> WorkCalendar:
    return work_calendar(hours=point.office_hours or None)


def bookable_services(point: ReceivingPoint) -> QuerySet[QueueService]:
    return QueueService.objects.filter(point=point, is_active=True, appointments=True).order_by("order", "letter")


def bookable_points() -> QuerySet[ReceivingPoint]:
    """Active centres with at least one service bookable online."""
    return (
        ReceivingPoint.objects.filter(is_active=True, queue_services__is_active=True, queue_services__appointments=True)
        .distinct()
        .order_by("name", "code")
    )


def slot_capacity(service: QueueService) -> int:
    """The places offered for booking in one slot of ``service`` (see the module's docstring)."""
    counters = counters_serving(point_id=service.point_id, field_id=service.field_id, open_only=False).count()
    visitors = counters * settings.QUEUE_SLOT_MINUTES / max(service.service_minutes, 1)
    # The small epsilon keeps 0.5 × 6.0 from flooring to 2 through binary rounding.
    return max(0, math.floor(visitors * settings.QUEUE_APPOINTMENT_SHARE + 1e-9))


def booking_days(point: ReceivingPoint, *, at: datetime | None = None) -> list[date]:
    """The working days on which slots may be booked: today up to ``QUEUE_BOOKING_DAYS`` days ahead."""
    today = local_date(at or timezone.now())
    calendar = point_calendar(point)
    days = [today + timedelta(days=offset) for offset in range(settings.QUEUE_BOOKING_DAYS + 1)]
    return [
        day for day in days if calendar.first_year <= day.year <= calendar.last_year and calendar.is_working_day(day)
    ]


def _slot_starts(calendar: WorkCalendar, day: date) -> list[datetime]:
    length = timedelta(minutes=settings.QUEUE_SLOT_MINUTES)
    starts: list[datetime] = []
    for start_us, end_us in calendar.hours.periods:
        start = datetime.combine(day, clock_time(start_us), tzinfo=calendar.tz)
        end = datetime.combine(day, clock_time(end_us), tzinfo=calendar.tz)
        while start + length <= end:
            starts.append(start)
            start += length
    return starts


def day_slots(service: QueueService, day: date, *, at: datetime | None = None) -> list[Slot]:
    """The slots of ``service`` offered on ``day`` with their places; none on a day not offered."""
    at = at or timezone.now()
    point = service.point
    if not (service.is_active and service.appointments) or day not in booking_days(point, at=at):
        return []
    starts = [start for start in _slot_starts(point_calendar(point), day) if start >= at + NOTICE]
    if not starts:
        return []
    booked = dict(
        Appointment.objects.filter(service=service, slot_start__in=starts, status__in=HOLDING)
        .order_by()
        .values_list("slot_start")
        .annotate(n=Count("pk"))
    )
    capacity = slot_capacity(service)
    return [
        Slot(start=start, minutes=settings.QUEUE_SLOT_MINUTES, capacity=capacity, booked=booked.get(start, 0))
        for start in starts
    ]


def slot_find(service: QueueService, start: datetime, *, at: datetime | None = None) -> Slot | None:
    """The offered slot of ``service`` beginning at ``start``, or None when no such slot is offered."""
    if timezone.is_naive(start):
        return None
    day = local_date(start)
    return next((slot for slot in day_slots(service, day, at=at) if slot.start == start), None)
