"""The dossier lifecycle as one declarative table (docs/domain.md, "Lifecycle and national codes").

Each :class:`Transition` says from which states an action may be taken, the state it leads to, who
may take it (roles; the services also check the scope), and what it does to the processing clock.
Services look their transition up here before they change anything, so the table is the single
place that says what is allowed; ``tests/dossiers/test_transitions_table.py`` walks every pair, and
``tests/dossiers/test_offered_actions_succeed.py`` takes every action offered in every state.

Two rules live in the table too: ``override`` names the roles that may take an action whatever its ``roles``
and scope (the administrator), and ``returns_to`` the states a paused dossier goes back to when it was
paused from one of them (a supplement asked for at reception returns the dossier to ``received``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Role


class Status(models.TextChoices):
    RECEIVED = "received", _("received")
    REFUSED = "refused", _("refused at reception")
    IN_PROCESS = "in_process", _("in process")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("supplement requested")
    OBLIGATION_REQUESTED = "obligation_requested", _("financial obligation requested")
    WITHDRAWN = "withdrawn", _("withdrawn by the applicant")
    STOPPED = "stopped", _("processing stopped")
    APPROVED = "approved", _("approved")
    NOT_APPROVED = "not_approved", _("not approved")
    RESULT_AT_COUNTER = "result_at_counter", _("result at the counter")
    RESULT_WITH_POST = "result_with_post", _("result with the post")
    RETURNED = "returned", _("returned")


class Channel(models.TextChoices):
    COUNTER = "counter", _("at the counter")
    ONLINE = "online", _("online")
    POSTAL = "postal", _("through the public postal service")


# Codes exchanged with the National Public Service Portal (docs/domain.md, "Lifecycle and national codes"; unverified).
NATIONAL_STATUS_CODE: dict[str, int] = {
    Status.RECEIVED: 2,
    Status.REFUSED: 3,
    Status.IN_PROCESS: 4,
    Status.SUPPLEMENT_REQUESTED: 5,
    Status.OBLIGATION_REQUESTED: 6,
    Status.WITHDRAWN: 7,
    Status.STOPPED: 8,
    Status.APPROVED: 9,
    Status.NOT_APPROVED: 9,
    Status.RESULT_AT_COUNTER: 9,
    Status.RESULT_WITH_POST: 9,
    Status.RETURNED: 10,
}
NATIONAL_CHANNEL_CODE: dict[str, int] = {Channel.COUNTER: 1, Channel.ONLINE: 2, Channel.POSTAL: 3}

# States in which processing has ended, for the on-time verdict: the first of processed, result returned,
# stopped, withdrawn or refused (docs/domain.md, "Lifecycle and national codes").
ENDED = frozenset(
    {
        Status.REFUSED,
        Status.WITHDRAWN,
        Status.STOPPED,
        Status.APPROVED,
        Status.NOT_APPROVED,
        Status.RESULT_AT_COUNTER,
        Status.RESULT_WITH_POST,
        Status.RETURNED,
    }
)
OPEN = frozenset(set(Status) - ENDED)


class Clock(models.TextChoices):
    """What a transition does to the processing clock."""

    KEEP = "keep", _("keeps running")
    PAUSE = "pause", _("stops while the applicant acts")
    RESUME = "resume", _("runs again")
    STOP = "stop", _("stops for good")


class Action(models.TextChoices):
    REFUSE = "refuse", _("refuse at reception")
    TRANSFER = "transfer", _("transfer to the agency")
    ASSIGN_STEP = "assign_step", _("assign the step in progress")
    COMPLETE_STEP = "complete_step", _("complete a processing step")
    REQUEST_SUPPLEMENT = "request_supplement", _("request a supplement")
    RECEIVE_SUPPLEMENT = "receive_supplement", _("receive the supplement")
    REQUEST_OBLIGATION = "request_obligation", _("request the financial obligation")
    MEET_OBLIGATION = "meet_obligation", _("record the financial obligation met")
    WITHDRAW = "withdraw", _("stop at the applicant's request")
    STOP = "stop", _("stop processing")
    APPROVE = "approve", _("approve")
    REJECT = "reject", _("not approve")
    SEND_RESULT_TO_COUNTER = "send_result_to_counter", _("send the result to the counter")
    SEND_RESULT_TO_POST = "send_result_to_post", _("hand the result to the post")
    RETURN_RESULT = "return_result", _("return the result")
    EXTEND = "extend", _("apologise and set a new appointment")
    RETURN_TO_COUNTER = "return_to_counter", _("bring an undelivered result back to the counter")


# Endings that are not measured early / on time / late: a dossier refused at reception was never taken in
# for processing, and one withdrawn by the applicant was never processed to a result (docs/domain.md,
# "Deadlines and verdicts").
UNMEASURED = frozenset({Action.REFUSE, Action.WITHDRAW})

AGENCY = (Role.AGENCY_SPECIALIST, Role.AGENCY_LEADER)
ONE_STOP = (Role.POSTAL_CLERK, Role.POSTAL_SUPERVISOR, Role.ONE_STOP_SUPERVISOR)
ANYONE_AT_THE_DESK = (*ONE_STOP, *AGENCY)
# Steps of the internal process are worked by agency staff, and by the one-stop supervisor where the
# procedure gives the one-stop a step of its own (public posting, verification…). Each step names the
# one role that completes it (``DossierStep.role``); ``permissions.step_to_complete`` holds to it.
STEP_WORKERS = (*AGENCY, Role.ONE_STOP_SUPERVISOR)
# The administrator may take any action on any dossier, to repair what went wrong (docs/domain.md, "Who does
# what: postal staff and the agency"); every such action is in the history and the audit log like any other.
OVERRIDE = (Role.ADMINISTRATOR,)


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[Status]
    target: Status | None  # None: the state does not change (a step completes, an extension)
    roles: tuple[Role, ...]
    clock: Clock
    override: tuple[Role, ...] = OVERRIDE
    # Where the dossier was paused from one of these states, it returns there instead of ``target``.
    returns_to: frozenset[Status] = frozenset()

    def target_from(self, paused_from: Status | str | None) -> Status | None:
        """The state this transition leads to, for a dossier paused from ``paused_from`` (if known)."""
        if paused_from is not None and Status(paused_from) in self.returns_to:
            return Status(paused_from)
        return self.target


def _t(
    action: Action,
    sources: set[Status],
    target: Status | None,
    roles,
    clock: Clock = Clock.KEEP,
    returns_to: frozenset[Status] = frozenset(),
) -> Transition:
    return Transition(action, frozenset(sources), target, tuple(roles), clock, returns_to=returns_to)


TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        _t(Action.REFUSE, {Status.RECEIVED}, Status.REFUSED, ONE_STOP, Clock.STOP),
        _t(Action.TRANSFER, {Status.RECEIVED}, Status.IN_PROCESS, ONE_STOP),
        _t(Action.ASSIGN_STEP, {Status.IN_PROCESS}, None, STEP_WORKERS),
        _t(Action.COMPLETE_STEP, {Status.IN_PROCESS}, None, STEP_WORKERS),
        _t(
            Action.REQUEST_SUPPLEMENT,
            {Status.RECEIVED, Status.IN_PROCESS},
            Status.SUPPLEMENT_REQUESTED,
            ANYONE_AT_THE_DESK,
            Clock.PAUSE,
        ),
        # A supplement asked for at reception returns the dossier to "received": it was never transferred.
        _t(
            Action.RECEIVE_SUPPLEMENT,
            {Status.SUPPLEMENT_REQUESTED},
            Status.IN_PROCESS,
            ONE_STOP,
            Clock.RESUME,
            returns_to=frozenset({Status.RECEIVED}),
        ),
        _t(Action.REQUEST_OBLIGATION, {Status.IN_PROCESS}, Status.OBLIGATION_REQUESTED, AGENCY, Clock.PAUSE),
        _t(Action.MEET_OBLIGATION, {Status.OBLIGATION_REQUESTED}, Status.IN_PROCESS, ANYONE_AT_THE_DESK, Clock.RESUME),
        _t(
            Action.WITHDRAW,
            {Status.RECEIVED, Status.IN_PROCESS, Status.SUPPLEMENT_REQUESTED, Status.OBLIGATION_REQUESTED},
            Status.WITHDRAWN,
            ONE_STOP,
            Clock.STOP,
        ),
        _t(Action.STOP, {Status.SUPPLEMENT_REQUESTED, Status.OBLIGATION_REQUESTED}, Status.STOPPED, AGENCY, Clock.STOP),
        _t(Action.APPROVE, {Status.IN_PROCESS}, Status.APPROVED, (Role.AGENCY_LEADER,), Clock.STOP),
        _t(Action.REJECT, {Status.IN_PROCESS}, Status.NOT_APPROVED, (Role.AGENCY_LEADER,), Clock.STOP),
        _t(Action.SEND_RESULT_TO_COUNTER, {Status.APPROVED, Status.NOT_APPROVED}, Status.RESULT_AT_COUNTER, AGENCY),
        _t(Action.SEND_RESULT_TO_POST, {Status.APPROVED, Status.NOT_APPROVED}, Status.RESULT_WITH_POST, AGENCY),
        _t(
            Action.RETURN_RESULT,
            {Status.RESULT_AT_COUNTER, Status.RESULT_WITH_POST},
            Status.RETURNED,
            (Role.POSTAL_CLERK, Role.POSTAL_SUPERVISOR, Role.POSTMAN),
        ),
        _t(Action.EXTEND, {Status.IN_PROCESS, Status.RECEIVED}, None, (*AGENCY, Role.ONE_STOP_SUPERVISOR)),
        # The post could not deliver (docs/domain.md, "Lifecycle and national codes"): the applicant collects it.
        _t(
            Action.RETURN_TO_COUNTER,
            {Status.RESULT_WITH_POST},
            Status.RESULT_AT_COUNTER,
            (Role.POSTAL_CLERK, Role.POSTAL_SUPERVISOR, Role.POSTMAN),
        ),
    )
}


def transition_for(action: Action | str) -> Transition:
    return TRANSITIONS[Action(action)]


def allowed_actions(status: Status | str) -> list[Action]:
    """Actions the table allows from ``status``, whoever asks (services add roles and scope)."""
    return [t.action for t in TRANSITIONS.values() if Status(status) in t.sources]
