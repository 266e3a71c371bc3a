"""The lifecycle of a petition or complaint (phản ánh, kiến nghị) as one table (docs/feedback.md, "Lifecycle").

received → acknowledged (thụ lý) or refused (with the reason) → [more information asked → the citizen replies]
→ answered → closed. Each row says from which states an action may be taken, where it leads, who takes it (the
handler: staff; the filer: the citizen) and which deadline it must meet. The services look the row up before they
change anything, and the pages offer only what :func:`actions_offered` returns, so both read the same truth.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    ACKNOWLEDGED = "acknowledged", _("accepted for handling")
    REFUSED = "refused", _("not accepted")
    INFO_REQUESTED = "info_requested", _("more information requested")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("closed")


class ComplaintAction(models.TextChoices):
    FILE = "file", _("file")
    ACKNOWLEDGE = "acknowledge", _("accept for handling")
    REFUSE = "refuse", _("refuse")
    REQUEST_INFO = "request_info", _("ask for more information")
    REPLY = "reply", _("reply with more information")
    ANSWER = "answer", _("answer")
    CLOSE = "close", _("close")
    FLAG = "flag", _("deadline flag")


class Actor(models.TextChoices):
    HANDLER = "handler", _("handler")
    FILER = "filer", _("filer")


class Deadline(models.TextChoices):
    """Which stored deadline an action answers to (the field ``<value>_due_at`` of the complaint)."""

    ACK = "ack", _("acknowledge or refuse")
    MORE_INFO = "more_info", _("ask for more information")
    ANSWER = "answer", _("answer")


@dataclass(frozen=True)
class Transition:
    action: ComplaintAction
    sources: frozenset[ComplaintStatus]
    target: ComplaintStatus
    actor: Actor
    deadline: Deadline | None
    # Whether the action must carry a text (the reason, the question, the reply, the answer).
    needs_text: bool


def _t(action, sources, target, actor, deadline, needs_text) -> Transition:  # type: ignore[no-untyped-def]
    return Transition(action, frozenset(sources), target, actor, deadline, needs_text)


S, A = ComplaintStatus, ComplaintAction
TRANSITIONS: dict[ComplaintAction, Transition] = {
    t.action: t
    for t in (
        _t(A.ACKNOWLEDGE, {S.RECEIVED}, S.ACKNOWLEDGED, Actor.HANDLER, Deadline.ACK, False),
        _t(A.REFUSE, {S.RECEIVED}, S.REFUSED, Actor.HANDLER, Deadline.ACK, True),
        _t(A.REQUEST_INFO, {S.ACKNOWLEDGED}, S.INFO_REQUESTED, Actor.HANDLER, Deadline.MORE_INFO, True),
        _t(A.REPLY, {S.INFO_REQUESTED}, S.ACKNOWLEDGED, Actor.FILER, None, True),
        _t(A.ANSWER, {S.ACKNOWLEDGED, S.INFO_REQUESTED}, S.ANSWERED, Actor.HANDLER, Deadline.ANSWER, True),
        _t(A.CLOSE, {S.ANSWERED}, S.CLOSED, Actor.HANDLER, None, False),
    )
}
OPEN = frozenset({S.RECEIVED, S.ACKNOWLEDGED, S.INFO_REQUESTED})
# The next deadline each open state runs against (what the inbox sorts by and the flags watch).
NEXT_DEADLINE: dict[str, Deadline] = {S.RECEIVED: Deadline.ACK, S.ACKNOWLEDGED: Deadline.ANSWER}
NEXT_DEADLINE[S.INFO_REQUESTED] = Deadline.ANSWER


def actions_offered(status: str, *, actor: Actor) -> list[ComplaintAction]:
    """What ``actor`` may do from ``status``, in the table's order."""
    return [t.action for t in TRANSITIONS.values() if status in t.sources and t.actor == actor]
