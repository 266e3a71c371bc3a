"""Calling at the counter: open a counter, call the next visitor (or a given number), call again, mark absent,
put back, transfer, finish; a visitor's cancellation; the day's end.

"Call next" is safe under many clerks at once: the candidate is read ``FOR UPDATE SKIP LOCKED`` (a clerk never
waits on another's candidate, PostgreSQL) and taken by a conditional ``UPDATE … WHERE status = 'waiting'``, so
two clerks pressing at the same instant never get the same ticket, on any database (tests/tickets, the race).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from motcua.agencies.models import Counter
from motcua.agencies.selectors import user_may_receive_at
from motcua.core.localtime import local_date
from motcua.procedures.models import Field

from .. import errors
from ..models import CounterShift, Ticket, TicketEvent, TicketEventKind, TicketStatus
from .routing import queue_for_counter

TAKE_ATTEMPTS = 8


def label_clean(text: str | None) -> str:
    """A ticket number as typed: letters and digits only, upper case, at most 12 (a NUL byte or a space is no
    part of any number, and never reaches the database)."""
    return "".join(ch for ch in (text or "") if ch.isascii() and ch.isalnum()).upper()[:12]


def _event(ticket: Ticket, kind: TicketEventKind, at: datetime, *, counter=None, user=None, **detail) -> None:
    """``counter``: a Counter or its id (a ticket's ``counter_id``: no query to load the row)."""
    counter_id = counter if counter is None or isinstance(counter, int) else counter.pk
    TicketEvent.objects.create(
        ticket=ticket, point_id=ticket.point_id, kind=kind, at=at, counter_id=counter_id, user=user, detail=detail
    )


# --- shifts -------------------------------------------------------------------------------------------------------


def shift_for(*, user) -> CounterShift | None:
    return (
        CounterShift.objects.select_related("counter__receiving_point")
        .filter(user=user, closed_at__isnull=True)
        .first()
    )


def shift_open(*, user, counter: Counter, at: datetime | None = None) -> CounterShift:
    """``user`` takes ``counter``: their open counter elsewhere is closed; a counter another clerk holds is
    refused (that clerk closes it, or a supervisor does)."""
    at = at or timezone.now()
    if not counter.is_active or not user_may_receive_at(user=user, point=counter.receiving_point):
        raise errors.counter_not_yours(counter=str(counter.number))
    with transaction.atomic():
        current = CounterShift.objects.select_for_update(of=("self",)).filter(user=user, closed_at__isnull=True).first()
        if current is not None and current.counter_id == counter.pk:
            return current
        if current is not None:
            _close(current, at=at, user=user)
        try:
            with transaction.atomic():
                return CounterShift.objects.create(counter=counter, user=user, opened_at=at)
        except IntegrityError:
            raise errors.counter_taken(counter=str(counter.number)) from None


def shift_close(*, user, at: datetime | None = None) -> None:
    at = at or timezone.now()
    with transaction.atomic():
        current = CounterShift.objects.select_for_update(of=("self",)).filter(user=user, closed_at__isnull=True).first()
        if current is not None:
            _close(current, at=at, user=user)


def _close(shift: CounterShift, *, at: datetime, user) -> None:
    """Closing a counter finishes the visitor being served there."""
    for ticket in Ticket.objects.select_for_update(of=("self",)).filter(
        counter_id=shift.counter_id, status=TicketStatus.CALLED
    ):
        _finish(ticket, at=at, user=user)
    shift.closed_at = at
    shift.save(update_fields=["closed_at"])


def _require_shift(user) -> CounterShift:
    shift = shift_for(user=user)
    if shift is None:
        raise errors.not_at_counter()
    return shift


def counter_current(*, counter: Counter) -> Ticket | None:
    """The ticket being served at ``counter``: the last one it called."""
    return Ticket.objects.filter(counter=counter, status=TicketStatus.CALLED).order_by("-last_called_at").first()


# --- calling ------------------------------------------------------------------------------------------------------


def call_next(*, user, at: datetime | None = None) -> Ticket | None:
    """Finish the visitor at the clerk's counter and call the next one it serves; None when nobody waits."""
    at = at or timezone.now()
    shift = _require_shift(user)
    counter = shift.counter
    with transaction.atomic():
        _finish_current(counter, at=at, user=user)
        for _attempt in range(TAKE_ATTEMPTS):
            candidate = (
                queue_for_counter(counter, at=at).select_for_update(skip_locked=True, of=("self",)).only("pk").first()
            )
            if candidate is None:
                return None
            ticket = _take(candidate.pk, counter=counter, user=user, at=at)
            if ticket is not None:
                return ticket
    return None


def call_number(*, user, label: str, at: datetime | None = None) -> Ticket:
    """Call a given waiting number to the clerk's counter (a visitor the clerk can see, a mix-up put right)."""
    at = at or timezone.now()
    shift = _require_shift(user)
    counter = shift.counter
    label = label_clean(label)
    with transaction.atomic():
        found = Ticket.objects.filter(point_id=counter.receiving_point_id, day=local_date(at), label=label).first()
        if found is None:
            raise errors.ticket_not_found(label=label)
        if found.status != TicketStatus.WAITING:
            raise errors.ticket_not_waiting(label=label)
        _finish_current(counter, at=at, user=user)
        ticket = _take(found.pk, counter=counter, user=user, at=at)
        if ticket is None:
            raise errors.ticket_not_waiting(label=label)
        return ticket


def _take(pk: int, *, counter: Counter, user, at: datetime) -> Ticket | None:
    taken = Ticket.objects.filter(pk=pk, status=TicketStatus.WAITING).update(
        status=TicketStatus.CALLED,
        # The first call's time stays: a ticket called again after a transfer keeps the wait it had.
        called_at=Coalesce(F("called_at"), Value(at)),
        last_called_at=at,
        counter=counter,
        clerk=user,
        target_counter=None,
        calls=F("calls") + 1,
    )
    if not taken:
        return None
    ticket = Ticket.objects.select_related("service", "counter").get(pk=pk)
    _event(ticket, TicketEventKind.CALLED, at, counter=counter, user=user, counter_number=counter.number)
    return ticket


def _finish_current(counter: Counter, *, at: datetime, user) -> None:
    for ticket in Ticket.objects.select_for_update(of=("self",)).filter(counter=counter, status=TicketStatus.CALLED):
        _finish(ticket, at=at, user=user)


def _finish(ticket: Ticket, *, at: datetime, user) -> None:
    ticket.status = TicketStatus.DONE
    ticket.finished_at = at
    ticket.save(update_fields=["status", "finished_at"])
    _event(ticket, TicketEventKind.DONE, at, counter=ticket.counter_id, user=user)


def _served_here(*, user, label: str, at: datetime) -> tuple[CounterShift, Ticket]:
    shift = _require_shift(user)
    ticket = (
        Ticket.objects.select_for_update(of=("self",))
        .filter(point_id=shift.counter.receiving_point_id, day=local_date(at), label=label_clean(label))
        .first()
    )
    if ticket is None:
        raise errors.ticket_not_found(label=label_clean(label))
    if ticket.status != TicketStatus.CALLED or ticket.counter_id != shift.counter_id:
        raise errors.ticket_not_called_here(label=ticket.label)
    return shift, ticket


def ticket_recall(*, user, label: str, at: datetime | None = None) -> Ticket:
    """Call the visitor at the counter again (the display and the voice repeat it)."""
    at = at or timezone.now()
    with transaction.atomic():
        shift, ticket = _served_here(user=user, label=label, at=at)
        ticket.calls += 1
        ticket.last_called_at = at
        ticket.save(update_fields=["calls", "last_called_at"])
        _event(
            ticket, TicketEventKind.RECALLED, at, counter=shift.counter, user=user, counter_number=shift.counter.number
        )
        return ticket


def ticket_finish(*, user, label: str, at: datetime | None = None) -> Ticket:
    at = at or timezone.now()
    with transaction.atomic():
        _shift, ticket = _served_here(user=user, label=label, at=at)
        _finish(ticket, at=at, user=user)
        return ticket


def ticket_no_show(*, user, label: str, at: datetime | None = None) -> Ticket:
    """Nobody came after ``QUEUE_NO_SHOW_CALLS`` calls: the ticket leaves the queue (``ticket_requeue`` if they
    come back in time)."""
    at = at or timezone.now()
    with transaction.atomic():
        shift, ticket = _served_here(user=user, label=label, at=at)
        if ticket.calls < settings.QUEUE_NO_SHOW_CALLS:
            raise errors.no_show_too_early(calls=settings.QUEUE_NO_SHOW_CALLS)
        ticket.status = TicketStatus.NO_SHOW
        ticket.finished_at = at
        ticket.save(update_fields=["status", "finished_at"])
        _event(ticket, TicketEventKind.NO_SHOW, at, counter=shift.counter, user=user)
        return ticket


def ticket_requeue(*, user, label: str, at: datetime | None = None) -> Ticket:
    """A visitor marked absent came back within ``QUEUE_REQUEUE_MINUTES``: back in the queue with their place."""
    at = at or timezone.now()
    shift = _require_shift(user)
    with transaction.atomic():
        ticket = (
            Ticket.objects.select_for_update(of=("self",))
            .filter(point_id=shift.counter.receiving_point_id, day=local_date(at), label=label_clean(label))
            .first()
        )
        if ticket is None or ticket.status != TicketStatus.NO_SHOW:
            raise errors.ticket_not_found(label=label_clean(label))
        if ticket.finished_at and at - ticket.finished_at > timedelta(minutes=settings.QUEUE_REQUEUE_MINUTES):
            raise errors.requeue_too_late(label=ticket.label)
        ticket.status = TicketStatus.WAITING
        ticket.finished_at = None
        ticket.save(update_fields=["status", "finished_at"])
        _event(ticket, TicketEventKind.REQUEUED, at, counter=shift.counter, user=user)
        return ticket


def ticket_transfer(
    *, user, label: str, counter: Counter | None = None, field: Field | None = None, at: datetime | None = None
) -> Ticket:
    """Send the visitor at the clerk's counter to another counter, or to a field's counters; they keep their place
    (``rank_at``) and their first call's time, so the wait they already had is counted once."""
    at = at or timezone.now()
    if counter is None and field is None:
        raise errors.transfer_target_missing()
    with transaction.atomic():
        shift, ticket = _served_here(user=user, label=label, at=at)
        if counter is not None and (counter.receiving_point_id != ticket.point_id or not counter.is_active):
            raise errors.transfer_target_unknown()
        ticket.status = TicketStatus.WAITING
        ticket.target_counter = counter
        if field is not None:
            ticket.field = field
        ticket.transfers += 1
        ticket.save(update_fields=["status", "target_counter", "field", "transfers"])
        _event(
            ticket,
            TicketEventKind.TRANSFERRED,
            at,
            counter=shift.counter,
            user=user,
            to_counter=counter.number if counter else None,
            to_field=field.code if field else None,
        )
        return ticket


def ticket_cancel(*, ticket: Ticket, at: datetime | None = None) -> Ticket:
    """The visitor gives up on their phone: the ticket leaves the queue (counted as abandonment)."""
    at = at or timezone.now()
    with transaction.atomic():
        taken = Ticket.objects.filter(pk=ticket.pk, status=TicketStatus.WAITING).update(
            status=TicketStatus.CANCELLED, finished_at=at
        )
        ticket.refresh_from_db()
        if not taken:
            raise errors.ticket_closed(label=ticket.label)
        _event(ticket, TicketEventKind.CANCELLED, at)
        return ticket


def tickets_expire(*, before: datetime | None = None) -> int:
    """Tickets of past days still open: a waiting one is expired (nobody served it), a called one finished at
    its last call. Idempotent; run by Celery beat each night and by the simulation."""
    before_day = local_date(before)
    count = 0
    with transaction.atomic():
        for ticket in Ticket.objects.select_for_update(of=("self",)).filter(
            Q(status=TicketStatus.WAITING) | Q(status=TicketStatus.CALLED), day__lt=before_day
        ):
            if ticket.status == TicketStatus.CALLED:
                _finish(ticket, at=ticket.last_called_at or ticket.issued_at, user=None)
            else:
                ticket.status = TicketStatus.EXPIRED
                ticket.save(update_fields=["status"])
                _event(ticket, TicketEventKind.EXPIRED, before or timezone.now())
            count += 1
    return count
