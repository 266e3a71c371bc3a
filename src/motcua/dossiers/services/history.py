"""What every transition writes besides the dossier: a history event, an audit event, an outbox message."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Max
from django.utils import timezone

from motcua.audit.services import audit_event_append

from ..lifecycle import NATIONAL_STATUS_CODE
from ..models import Dossier, DossierEvent, OutboxMessage
from ..outbox import outbox_kick


def dossier_event_record(
    *,
    dossier: Dossier,
    action: str,
    actor: Any,
    from_status: str,
    agency: Any = None,
    note: str = "",
    payload: dict[str, Any] | None = None,
    at: datetime | None = None,
    seq: int | None = None,
) -> DossierEvent:
    """Append to the history, the audit chain and the outbox, in the caller's transaction.

    ``seq`` may be given when the caller knows it (1 at reception); otherwise it follows the last event.
    """
    if seq is None:
        seq = (DossierEvent.objects.filter(dossier=dossier).aggregate(last=Max("seq"))["last"] or 0) + 1
    details = payload or {}
    event = DossierEvent.objects.create(
        dossier=dossier,
        seq=seq,
        at=at or timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        from_status=from_status,
        to_status=dossier.status,
        agency=agency,
        note=note,
        payload=details,
    )
    audit_event_append(
        action=f"dossier.{action}",
        actor=actor,
        object_type="dossiers.dossier",
        object_id=dossier.code,
        payload={"from": from_status, "to": dossier.status, "seq": seq, **details},
    )
    if dossier.receiving_point.is_training:
        # Practice in the training sandbox reaches no consumer: not the national exchange, not the post, not
        # the data store (docs/training.md, "The sandbox").
        return event
    # Delivered once the transaction commits (in-process without a broker, else by a worker); the
    # periodic sweep catches whatever this misses.
    outbox_kick()
    OutboxMessage.objects.create(
        key=f"dossier:{dossier.pk}:{seq}",
        topic=f"dossier.{action}",
        payload={
            "code": dossier.code,
            "seq": seq,
            "status": dossier.status,
            "national_status": NATIONAL_STATUS_CODE[dossier.status],
            "at": timezone.localtime(event.at).isoformat(),
            **details,
        },
    )
    return event
