"""Who is next: the routing rules of the queue (docs/queue.md, "Routing").

- A counter serves the fields it lists; a counter listing none is pooled and serves every field. A ticket of no
  field (guidance, any-field collection) is served by every counter.
- A ticket transferred to a counter is served there only; one transferred to a field, by that field's counters.
- The queue is ordered by ``rank_at``: the issue time, brought forward ``QUEUE_PRIORITY_MINUTES`` for a
  priority visitor, and to ``QUEUE_APPOINTMENT_AHEAD_MINUTES`` before the slot for an appointment checked in on
  time. Brought forward by a bounded time, never to the head for ever: a walk-in who has waited longer than that
  is still served first, so priorities and appointments interleave with walk-ins and nobody starves.
- A transferred ticket keeps its rank: the visitor does not queue again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet

from motcua.agencies.models import Counter
from motcua.core.localtime import local_date

from ..models import Appointment, CounterShift, QueueService, Ticket, TicketStatus


def ticket_rank(*, issued_at: datetime, priority: str = "", appointment: Appointment | None = None) -> datetime:
    rank = issued_at
    if priority:
        rank = issued_at - timedelta(minutes=settings.QUEUE_PRIORITY_MINUTES)
    if appointment is not None:
        ahead = appointment.slot_start - timedelta(minutes=settings.QUEUE_APPOINTMENT_AHEAD_MINUTES)
        late = appointment.slot_start + timedelta(minutes=settings.QUEUE_APPOINTMENT_LATE_MINUTES)
        if issued_at <= late:
            rank = min(rank, ahead)
    return rank


def _field_ids(counter: Counter) -> list[int]:
    cached = getattr(counter, "_queue_field_ids", None)
    if cached is None:
        cached = list(counter.fields.values_list("pk", flat=True))
        counter._queue_field_ids = cached  # type: ignore[attr-defined]
    return cached


def counter_eligibility(counter: Counter) -> Q:
    """The waiting tickets ``counter`` may call."""
    fields = _field_ids(counter)
    by_field = Q(field__isnull=True) | Q(field__in=fields) if fields else Q()
    return Q(target_counter=counter) | (Q(target_counter__isnull=True) & by_field)


def queue_for_counter(counter: Counter, *, at: datetime | None = None) -> QuerySet[Ticket]:
    """The tickets ``counter`` may call, next first."""
    return (
        Ticket.objects.filter(point_id=counter.receiving_point_id, day=local_date(at), status=TicketStatus.WAITING)
        .filter(counter_eligibility(counter))
        .order_by("rank_at", "sequence")
    )


def counters_serving(*, point_id: int, field_id: int | None, open_only: bool = True) -> QuerySet[Counter]:
    """The active counters at the point that serve ``field_id`` (every counter for a ticket of no field); with
    ``open_only``, only those a clerk has open now."""
    counters = Counter.objects.filter(receiving_point_id=point_id, is_active=True)
    if field_id is not None:
        counters = counters.filter(Q(fields__isnull=True) | Q(fields=field_id)).distinct()
    if open_only:
        open_ids = CounterShift.objects.filter(closed_at__isnull=True).values("counter_id")
        counters = counters.filter(pk__in=open_ids)
    return counters


def service_minutes(service: QueueService, *, day: date) -> float:
    """The mean service time of ``service``'s last 30 visitors served on ``day``, else its expected minutes."""
    served = [
        (end - start).total_seconds()
        for start, end in Ticket.objects.filter(service=service, day=day, status=TicketStatus.DONE)
        .order_by("-finished_at")
        .values_list("called_at", "finished_at")[:30]
        if start is not None and end is not None
    ]
    if not served:
        return float(service.service_minutes)
    return sum(served) / 60 / len(served)


@dataclass(frozen=True)
class Estimate:
    ahead: int
    minutes: int
    counters: int


def ticket_estimate(ticket: Ticket) -> Estimate:
    """How many visitors are before ``ticket`` for the same counters, and a wait in whole minutes: those before
    it × the day's mean service time of its service ÷ the counters open for it (at least one)."""
    if ticket.status != TicketStatus.WAITING:
        return Estimate(ahead=0, minutes=0, counters=0)
    before = Ticket.objects.filter(
        point_id=ticket.point_id, day=ticket.day, status=TicketStatus.WAITING, rank_at__lt=ticket.rank_at
    )
    if ticket.target_counter_id is not None:
        before = before.filter(Q(target_counter_id=ticket.target_counter_id) | Q(target_counter__isnull=True))
    elif ticket.field_id is not None:
        before = before.filter(Q(field_id=ticket.field_id) | Q(field__isnull=True))
    ahead = before.count()
    minutes = service_minutes(ticket.service, day=ticket.day)
    counters = (
        1 if ticket.target_counter_id else counters_serving(point_id=ticket.point_id, field_id=ticket.field_id).count()
    )
    return Estimate(ahead=ahead, minutes=math.ceil(ahead * minutes / max(counters, 1)), counters=counters)
