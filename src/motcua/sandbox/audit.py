"""Named audit events of the training sandbox (docs/training.md, "The sandbox")."""

from __future__ import annotations

from typing import Any

from motcua.audit.services import audit_event_append

from .models import PracticeSession


def _session_event(verb: str, session: PracticeSession, actor: Any, **payload: Any) -> None:
    audit_event_append(
        action=f"sandbox.session_{verb}",
        actor=actor,
        object_type="sandbox.practicesession",
        object_id=str(session.pk),
        payload={"trainee": session.trainee.get_username(), "point": session.point.code, **payload},
    )


def session_started(session: PracticeSession, actor: Any) -> None:
    _session_event("started", session, actor, field=session.field.code, cases=session.cases.count())


def session_signed_off(session: PracticeSession, actor: Any) -> None:
    _session_event("signed_off", session, actor, score=session.score, certification=session.certification_id or None)
