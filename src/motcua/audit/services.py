"""Appending to and verifying the audit chain."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from .chain import GENESIS_HASH, event_hash
from .models import AuditEvent, ChainHead


def _normalise(payload: dict[str, Any]) -> Any:
    # What comes back from a JSON column must hash like what went in: round-trip it first.
    return json.loads(json.dumps(payload, ensure_ascii=False, default=str))


def audit_event_append(
    *, action: str, actor: Any = None, object_type: str = "", object_id: str = "", payload: dict[str, Any] | None = None
) -> AuditEvent:
    """Append one event to the chain. Concurrent writers queue on the chain head's row lock.

    Inside a caller's transaction no savepoint is taken: the event commits or rolls back with the change
    it records.
    """
    with transaction.atomic(savepoint=False):
        return _append(action=action, actor=actor, object_type=object_type, object_id=object_id, payload=payload)


def _locked_head() -> ChainHead:
    head = ChainHead.objects.select_for_update().filter(id=1).first()
    if head is None:
        # The very first event: create the head; a concurrent first writer makes us wait and re-read it.
        ChainHead.objects.get_or_create(id=1, defaults={"last_seq": 0, "last_hash": GENESIS_HASH})
        head = ChainHead.objects.select_for_update().get(id=1)
    return head


def _append(*, action: str, actor: Any, object_type: str, object_id: str, payload: dict[str, Any] | None) -> AuditEvent:
    head = _locked_head()
    actor_id = getattr(actor, "pk", None) if actor is not None and getattr(actor, "is_authenticated", True) else None
    actor_label = str(actor) if actor_id is not None else ""
    seq = head.last_seq + 1
    at = timezone.now()
    body = _normalise(payload or {})
    digest = event_hash(
        prev_hash=head.last_hash,
        seq=seq,
        at=at,
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        payload=body,
    )
    event = AuditEvent.objects.create(
        seq=seq,
        at=at,
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        payload=body,
        prev_hash=head.last_hash,
        hash=digest,
    )
    ChainHead.objects.filter(id=1).update(last_seq=seq, last_hash=digest)
    return event


@dataclass
class VerifyReport:
    checked: int = 0
    head_hash: str = GENESIS_HASH
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def audit_chain_verify(*, batch_size: int = 5000) -> VerifyReport:
    """Walk the whole chain and report every edited, inserted or deleted event."""
    report = VerifyReport()
    expected_prev = GENESIS_HASH
    expected_seq = 1
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size):
        report.checked += 1
        if event.seq != expected_seq:
            report.problems.append(
                f"seq {expected_seq}..{event.seq - 1}: missing (deleted) events before #{event.seq}"
                if event.seq > expected_seq
                else f"#{event.seq}: out of order"
            )
        if event.prev_hash != expected_prev:
            report.problems.append(
                f"#{event.seq}: previous-hash link broken (an event was inserted or removed before it)"
            )
        recomputed = event_hash(
            prev_hash=event.prev_hash,
            seq=event.seq,
            at=event.at,
            actor_id=event.actor_id,
            actor_label=event.actor_label,
            action=event.action,
            object_type=event.object_type,
            object_id=event.object_id,
            payload=event.payload,
        )
        if recomputed != event.hash:
            report.problems.append(f"#{event.seq}: content does not match its hash (edited)")
        expected_prev = event.hash
        expected_seq = event.seq + 1
    report.head_hash = expected_prev
    head = ChainHead.objects.filter(id=1).first()
    last_seq = expected_seq - 1
    if head is not None and (head.last_seq != last_seq or head.last_hash != expected_prev):
        report.problems.append(
            f"chain head says #{head.last_seq} but the log ends at #{last_seq}: newest events were deleted or added"
        )
    return report
