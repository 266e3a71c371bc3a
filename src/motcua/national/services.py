"""Writes of the national exchange (docs/national-portal.md, "Push" and "Pull").

Push, at least once and in order: :func:`delivery_record` turns an outbox message into a :class:`Delivery` (one per
message key, so a redelivered message changes nothing); :func:`delivery_push_due` sends what is due, oldest status
of each dossier first, and a status is sent only once every earlier status of its dossier has been accepted. A
failure for now (the portal down, a 5xx) waits ``NATIONAL_PORTAL_BACKOFF_SECONDS`` doubled at each attempt; a
refusal (a malformed record) waits for staff, who retry it from the supervision page (:func:`delivery_retry`),
after which the record is rebuilt from the dossier. The portal keeps each status once: every request carries the
delivery's idempotency key.

Pull: :func:`motcua.national.pull.filing_pull` (re-exported here) stores the dossiers filed on the national portal
as :class:`IncomingFiling` rows, once each, and hands each to the online inbox.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from motcua.dossiers.lifecycle import NATIONAL_STATUS_CODE
from motcua.dossiers.models import Dossier, DossierEvent

from .adapters import Adapter, adapter_for
from .errors import delivery_already_accepted
from .models import Delivery, DeliveryStatus
from .pull import filing_pull, filing_take
from .record import national_record
from .selectors import delivery_blocked, delivery_list_due

ERROR_LENGTH = 2000

__all__ = ["delivery_backoff", "delivery_push_due", "delivery_record", "delivery_retry", "filing_pull", "filing_take"]


def delivery_backoff(*, attempts: int) -> timedelta:
    """The wait after ``attempts`` failed attempts: the base doubled each time, capped."""
    base = settings.NATIONAL_PORTAL_BACKOFF_SECONDS
    seconds = min(base * 2 ** min(max(attempts - 1, 0), 30), settings.NATIONAL_PORTAL_BACKOFF_MAX_SECONDS)
    return timedelta(seconds=seconds)


@transaction.atomic
def delivery_record(*, message_key: str, payload: dict[str, Any]) -> Delivery | None:
    """The delivery of one ``dossier.*`` outbox message, created once; ``None`` for a message naming no dossier."""
    existing = Delivery.objects.filter(message_key=message_key).first()
    if existing is not None:
        return existing
    dossier = Dossier.objects.filter(code=str(payload.get("code", ""))).first()
    seq = payload.get("seq")
    event = DossierEvent.objects.filter(dossier=dossier, seq=seq).first() if dossier and isinstance(seq, int) else None
    if dossier is None or event is None:
        return None
    delivery, _ = Delivery.objects.get_or_create(
        message_key=message_key,
        defaults={
            "dossier": dossier,
            "seq": event.seq,
            "action": event.action,
            "national_status": NATIONAL_STATUS_CODE[event.to_status],
            "record": national_record(dossier=dossier, event=event),
            "idempotency_key": secrets.token_hex(16),
            "next_attempt_at": timezone.now(),
        },
    )
    return delivery


@dataclass(frozen=True)
class PushReport:
    accepted: int = 0
    rejected: int = 0
    failed: int = 0


def _attempt(*, delivery: Delivery, adapter: Adapter, now: datetime) -> str:
    """Send one delivery under its row lock; returns what became of it (``""``: not sent, no longer due)."""
    with transaction.atomic():
        locked = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if locked.status != DeliveryStatus.PENDING or locked.next_attempt_at > now or delivery_blocked(delivery=locked):
            return ""
        outcome = adapter.send(record=locked.record, idempotency_key=locked.idempotency_key)
        locked.attempts += 1
        if outcome.accepted:
            locked.status, locked.accepted_at, locked.last_error = DeliveryStatus.ACCEPTED, now, ""
        elif outcome.permanent:
            locked.status, locked.last_error = DeliveryStatus.REJECTED, outcome.reason[:ERROR_LENGTH]
        else:
            locked.next_attempt_at = now + delivery_backoff(attempts=locked.attempts)
            locked.last_error = outcome.reason[:ERROR_LENGTH]
        locked.save(update_fields=["status", "accepted_at", "last_error", "attempts", "next_attempt_at"])
        return locked.status if outcome.accepted or outcome.permanent else "failed"


def delivery_push_due(*, now: datetime | None = None, adapter: Adapter | None = None, limit: int = 500) -> PushReport:
    """Send the deliveries due at ``now``, in order per dossier, until nothing more is due (an accepted status
    lets the dossier's next one go in the same run). A dossier whose portal call fails is left for this run."""
    now = now or timezone.now()
    adapter = adapter or adapter_for()
    counts = {"accepted": 0, "rejected": 0, "failed": 0}
    held: set[int] = set()
    while sum(counts.values()) < limit:
        due = [d for d in delivery_list_due(now=now).exclude(dossier_id__in=held)[:100]]
        if not due:
            break
        for delivery in due:
            if delivery.dossier_id in held:
                continue
            result = _attempt(delivery=delivery, adapter=adapter, now=now)
            if result != DeliveryStatus.ACCEPTED:
                held.add(delivery.dossier_id)
            if result:
                counts[result] += 1
    return PushReport(**counts)


@transaction.atomic
def delivery_retry(*, delivery: Delivery, now: datetime | None = None) -> Delivery:
    """Staff's retry: make it due at once, and rebuild its record and those of the dossier's later statuses still
    waiting behind it from the dossier as it is now (a cause fixed since shows in all of them)."""
    locked = Delivery.objects.select_for_update().select_related("dossier").get(pk=delivery.pk)
    if locked.status == DeliveryStatus.ACCEPTED:
        raise delivery_already_accepted()
    waiting = Delivery.objects.select_for_update().filter(dossier=locked.dossier, seq__gt=locked.seq)
    for row in [locked, *waiting.exclude(status=DeliveryStatus.ACCEPTED).order_by("seq")]:
        event = DossierEvent.objects.get(dossier=locked.dossier, seq=row.seq)
        row.record = national_record(dossier=locked.dossier, event=event)
        row.save(update_fields=["record"])
    locked.status = DeliveryStatus.PENDING
    locked.next_attempt_at = now or timezone.now()
    locked.save(update_fields=["status", "next_attempt_at"])
    return locked
