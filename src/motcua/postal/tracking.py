"""Carrier events into the database: once each, under a lock on their order, through the delivery state machine.

:func:`tracking_event_ingest` is the one entry for the webhook, ``carrier_tick`` and ``carrier_poll``:

* the order is found by tracking number **and** carrier, among delivery orders; an unknown order is
  refused and nothing is stored (a carrier cannot create rows by inventing tracking numbers);
* an event dated in the future, or before its order was created, beyond the clock tolerance
  (``POSTAL_EVENT_CLOCK_TOLERANCE_SECONDS``) is refused and nothing is stored (``refused``): it cannot be
  true, and an event dated far ahead would otherwise make every later true event stale;
* the event is stored once per ``(carrier, event_id)`` (the database constraint decides under
  concurrency); a duplicate is acknowledged and changes nothing;
* in the same transaction, with the order's row locked (``SELECT … FOR UPDATE``; SQLite serialises
  writers anyway), ``delivery_apply`` moves the order; the event is marked ``applied``, or kept with
  ``applied=False`` when the state machine finds it stale or not allowed now (``stale``), or refuses it
  with an ``ApplicationError`` (``rejected``: e.g. a delivery with no postman to answer for it; the
  state machine's own changes are undone by a savepoint, the event stays stored);
* **out of order**: an event that arrives before its predecessor (``delivered`` before
  ``out_for_delivery``) is kept unapplied; each time an event applies, the order's unapplied events
  newer than its ``last_event_at`` are tried again, oldest first, so the order catches up when the
  missing event arrives. Events older than ``last_event_at`` stay unapplied for good (stale).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.core.errors import ApplicationError

from .carriers.base import CarrierEvent
from .models import OrderKind, PostalOrder, TrackingEvent


class Outcome(enum.StrEnum):
    APPLIED = "applied"
    STALE = "stale"  # stored, not applied (out of order, or not allowed in the order's state)
    REJECTED = "rejected"  # stored, not applied: the state machine raised (e.g. no postman answerable)
    DUPLICATE = "duplicate"  # already stored: nothing changed
    UNKNOWN_ORDER = "unknown_order"  # no such order for this carrier: nothing stored
    REFUSED = "refused"  # dated in the future or before its order existed (beyond the clock tolerance): nothing stored


@dataclass(frozen=True)
class IngestResult:
    outcome: Outcome
    event_pk: int | None = None
    caught_up: int = 0  # earlier-arrived events applied after this one
    error_code: str = ""  # for REJECTED: the ApplicationError's code


def _delivery_apply() -> Callable[..., bool]:
    # Imported late: the delivery state machine is a service (a layer above), written separately.
    from .services.delivery import delivery_apply

    return delivery_apply


def tracking_event_ingest(*, carrier: str, event: CarrierEvent) -> IngestResult:
    """Store ``event`` reported by ``carrier`` (a code) and apply it to its order. See the module docstring."""
    with transaction.atomic():
        order = (
            PostalOrder.objects.select_for_update()
            .filter(tracking_number=event.tracking_number, carrier=carrier, kind=OrderKind.DELIVERY)
            .first()
        )
        if order is None:
            return IngestResult(Outcome.UNKNOWN_ORDER)
        refusal = event_time_refusal(at=event.at, order_created_at=order.created_at)
        if refusal:
            return IngestResult(Outcome.REFUSED, error_code=refusal)
        if TrackingEvent.objects.filter(carrier=carrier, event_id=event.event_id).exists():
            return IngestResult(Outcome.DUPLICATE)
        try:
            with transaction.atomic():  # a savepoint: the same event id raced in for another order
                stored = TrackingEvent.objects.create(
                    order=order,
                    carrier=carrier,
                    event_id=event.event_id,
                    kind=event.kind,
                    at=event.at,
                    payload=event.details,
                )
        except IntegrityError:
            return IngestResult(Outcome.DUPLICATE)
        try:
            applied = _apply(order=order, kind=event.kind, at=event.at, details=event.details)
        except ApplicationError as exc:
            return IngestResult(Outcome.REJECTED, stored.pk, error_code=exc.code)
        if not applied:
            return IngestResult(Outcome.STALE, stored.pk)
        stored.applied = True
        stored.save(update_fields=["applied"])
        return IngestResult(Outcome.APPLIED, stored.pk, caught_up=_catch_up(order))


def event_time_refusal(*, at: datetime, order_created_at: datetime, now: datetime | None = None) -> str:
    """Why an event dated ``at`` cannot be true, as a code; empty when it can.

    A carrier cannot report what has not happened yet, nor handle an order before it existed. Both bounds
    allow ``POSTAL_EVENT_CLOCK_TOLERANCE_SECONDS`` for the carrier's clock (docs/security.md).
    """
    tolerance = timedelta(seconds=settings.POSTAL_EVENT_CLOCK_TOLERANCE_SECONDS)
    if at > (now or timezone.now()) + tolerance:
        return "postal_event_in_future"
    if at < order_created_at - tolerance:
        return "postal_event_before_order"
    return ""


def _apply(*, order: PostalOrder, kind: str, at: datetime, details: dict[str, Any]) -> bool:
    """One event through the state machine. ``delivery_apply`` is atomic (a savepoint here), so a refusal
    (``ApplicationError``) undoes only what it did, never the stored event."""
    if not _delivery_apply()(order=order, kind=kind, at=at, details=details or None, actor=None):
        return False
    # The state machine works on its own locked copy and stores last_event_at; catching up reads ours.
    if order.last_event_at is None or order.last_event_at < at:
        order.last_event_at = at
    return True


def _catch_up(order: PostalOrder) -> int:
    """Apply the order's waiting events that have become applicable, oldest first; return how many."""
    applied = 0
    progress = True
    while progress:
        progress = False
        waiting = TrackingEvent.objects.filter(order=order, applied=False)
        if order.last_event_at is not None:
            waiting = waiting.filter(at__gt=order.last_event_at)
        for waiting_event in waiting.order_by("at", "pk"):
            try:
                applied_now = _apply(
                    order=order, kind=waiting_event.kind, at=waiting_event.at, details=waiting_event.payload
                )
            except ApplicationError:
                continue
            if applied_now:
                waiting_event.applied = True
                waiting_event.save(update_fields=["applied"])
                applied += 1
                progress = True
                break  # last_event_at moved: re-read what is still newer
    return applied
