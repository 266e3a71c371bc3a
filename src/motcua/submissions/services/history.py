"""The append-only history of a submission."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.utils import timezone

from ..models import OnlineSubmission, SubmissionEvent


def submission_event_record(
    *, submission: OnlineSubmission, action: str, from_status: str, actor: Any, payload: dict[str, Any] | None = None
) -> SubmissionEvent:
    """Append one event; called under the submission's row lock, so the sequence has no gaps nor doubles."""
    last = submission.events.aggregate(last=Max("seq"))["last"] or 0
    return SubmissionEvent.objects.create(
        submission=submission,
        seq=last + 1,
        action=action,
        from_status=from_status,
        to_status=submission.status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        payload=payload or {},
        at=timezone.now(),
    )


def submission_locked(submission: OnlineSubmission) -> OnlineSubmission:
    """The submission's row, locked until the transaction ends (SELECT … FOR UPDATE; SQLite locks the database)."""
    return (
        # Only the submission's own row: the owner is nullable (a national filing), and PostgreSQL refuses FOR UPDATE
        # on the nullable side of an outer join.
        OnlineSubmission.objects.select_for_update(of=("self",))
        .select_related("owner", "procedure_version")
        .get(pk=submission.pk)
    )
