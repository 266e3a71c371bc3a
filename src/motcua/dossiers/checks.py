"""Check, then do: the preconditions of each lifecycle transition, in one function.

:func:`action_refusal` says why ``user`` may not take ``action`` on ``dossier`` now, or None when they may. It
reads and never writes, so the list of offered actions (:func:`~.actions.dossier_allowed_actions`) asks it for
every action, and each transition service asks it again through :func:`action_check` with the dossier row
locked: an action offered is never bound to fail, and an action taken is checked against the same rules.

What depends on the action's own fields (a reason given, an assignee who holds the step's role, a later
appointment, the collector's identity) is checked by the service: those are inputs, not preconditions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from motcua.agencies.models import Role
from motcua.agencies.models.staff import POINT_ROLES
from motcua.core.errors import ApplicationError

from . import errors
from .lifecycle import OPEN, Action, Status, transition_for
from .models import Dossier, DossierStep, ReturnMethod, StepStatus
from .permissions import ScopeReader, active_steps_in_scope, may_take, step_to_complete
from .services import errors as applicant_errors


def action_refusal(
    *, action: Action | str, dossier: Dossier, user: Any, reader: ScopeReader | None = None, acting: bool = False
) -> ApplicationError | None:
    """Why ``user`` may not take ``action`` on ``dossier`` now (the error a service would raise), or None.
    ``acting``: the service is about to act (the gate may record what it lets through)."""
    action = Action(action)
    transition = transition_for(action)
    if dossier.status not in transition.sources:
        return errors.action_not_allowed(action=action.label, status=Status(dossier.status).label)
    reader = reader or ScopeReader(user=user, dossier=dossier)
    if not may_take(user=user, dossier=dossier, transition=transition, reader=reader):
        return errors.not_permitted(action=action.label)
    rule = _RULES.get(action)
    refusal = rule(dossier=dossier, user=user, reader=reader) if rule is not None else None
    if refusal is not None:
        return refusal
    return gate_refusal(user=user, kind="dossier", name=action.value, dossier=dossier, acting=acting)


def action_check(*, action: Action | str, dossier: Dossier, user: Any, reader: ScopeReader | None = None) -> None:
    """Raise :func:`action_refusal`'s error, if any. Services call it with ``dossier`` locked."""
    refusal = action_refusal(action=action, dossier=dossier, user=user, reader=reader, acting=True)
    if refusal is not None:
        raise refusal


# --- the certification gate (issue 12) ----------------------------------------------------------------------------
# Registered by ``motcua.certification`` when it loads (dossiers never imports the apps built on it,
# docs/architecture.md). A gate answers for the event an action makes: ``kind`` ``dossier`` (a lifecycle action or
# the reception), ``postal`` (a postal order's event) or ``stage`` (a stage's work that leaves no event, such as
# digitization); ``version`` the procedure version when there is no dossier yet. It returns the refusal or None.
Gate = Callable[..., ApplicationError | None]
GATES: list[Gate] = []


def gate_register(gate: Gate) -> None:
    if gate not in GATES:
        GATES.append(gate)


def gate_refusal(
    *, user: Any, kind: str, name: str, dossier: Any = None, version: Any = None, acting: bool = True
) -> ApplicationError | None:
    for gate in GATES:
        refusal = gate(user=user, kind=kind, name=name, version=version, dossier=dossier, acting=acting)
        if refusal is not None:
            return refusal
    return None


def gate_check(*, user: Any, kind: str, name: str, dossier: Any = None, version: Any = None) -> None:
    """Raise the gate's refusal, if any: what a service calls before it acts."""
    refusal = gate_refusal(user=user, kind=kind, name=name, dossier=dossier, version=version)
    if refusal is not None:
        raise refusal


# The result goes back the way the applicant chose at reception: to the counter or to the post (docs/domain.md,
# "The counter and the public lookup"). A result returned electronically is sent to the one-stop too: it is
# "ready" there, and the applicant's first download from My dossiers returns it (docs/my-dossiers.md).
RESULT_ROUTES: dict[Action, frozenset[ReturnMethod]] = {
    Action.SEND_RESULT_TO_COUNTER: frozenset({ReturnMethod.COUNTER, ReturnMethod.ELECTRONIC}),
    Action.SEND_RESULT_TO_POST: frozenset({ReturnMethod.POST}),
}


def result_route_fits(*, dossier: Dossier, action: Action) -> bool:
    """False for sending the result a way the applicant did not choose; True for every other action."""
    wanted = RESULT_ROUTES.get(action)
    return wanted is None or dossier.return_method in wanted


# --- the applicant's own changes, from My dossiers (issue 14; docs/my-dossiers.md) -------------------------------
# How the result comes back may change until the result has left for the counter or the post.
RETURN_CHANGEABLE = frozenset(OPEN | {Status.APPROVED, Status.NOT_APPROVED})


def return_change_refusal(*, dossier: Dossier) -> ApplicationError | None:
    """Why the applicant may not change how the result of ``dossier`` comes back now, or None."""
    if dossier.status not in RETURN_CHANGEABLE:
        return applicant_errors.return_change_closed(status=Status(dossier.status).label)
    return None


def electronic_return_refusal(*, dossier: Dossier) -> ApplicationError | None:
    """Why the applicant's download of the result may not record its return now, or None: the dossier's result
    goes back electronically, it was sent to the one-stop (the table's sources of a return) and there is a file."""
    if dossier.return_method != ReturnMethod.ELECTRONIC:
        return applicant_errors.electronic_return_not_chosen()
    if dossier.status not in transition_for(Action.RETURN_RESULT).sources:
        return errors.action_not_allowed(action=Action.RETURN_RESULT.label, status=Status(dossier.status).label)
    if not dossier.result_file:
        return applicant_errors.electronic_result_missing()
    return None


def unfinished_before_decision(*, dossier: Dossier) -> list[DossierStep]:
    """Steps of the internal process not done yet, but the leader's own signing step in progress: an approval
    cannot skip another unit's work (a refusal can)."""
    unfinished = (
        DossierStep.objects.filter(dossier=dossier, status__in=[StepStatus.PENDING, StepStatus.ACTIVE])
        .exclude(role__in=POINT_ROLES)
        .exclude(status=StepStatus.ACTIVE, role=Role.AGENCY_LEADER)
        .order_by("order")
    )
    return list(unfinished)


# --- the rules beyond the table, role and scope, one per action that has any -----------------------------------


def _step_to_assign(*, dossier: Dossier, user: Any, reader: ScopeReader) -> ApplicationError | None:
    if not active_steps_in_scope(user=user, dossier=dossier, reader=reader):
        return errors.no_active_step()
    return None


def _step_to_complete(*, dossier: Dossier, user: Any, reader: ScopeReader) -> ApplicationError | None:
    if step_to_complete(user=user, dossier=dossier, reader=reader) is not None:
        return None
    waiting = active_steps_in_scope(user=user, dossier=dossier, reader=reader)
    if not waiting:
        return errors.no_active_step()
    return errors.step_role_required(step=waiting[0].name, role=Role(waiting[0].role).label)


def _steps_done(*, dossier: Dossier, user: Any, reader: ScopeReader) -> ApplicationError | None:
    unfinished = unfinished_before_decision(dossier=dossier)
    if unfinished:
        return errors.steps_unfinished(steps=", ".join(f"{s.order}. {s.name}" for s in unfinished))
    return None


def _route_chosen(action: Action):
    def rule(*, dossier: Dossier, user: Any, reader: ScopeReader) -> ApplicationError | None:
        if not result_route_fits(dossier=dossier, action=action):
            return errors.result_route_not_chosen(method=ReturnMethod(dossier.return_method).label)
        return None

    return rule


def _not_extended(*, dossier: Dossier, user: Any, reader: ScopeReader) -> ApplicationError | None:
    return errors.already_extended() if dossier.extension_reason else None


_RULES = {
    Action.ASSIGN_STEP: _step_to_assign,
    Action.COMPLETE_STEP: _step_to_complete,
    Action.APPROVE: _steps_done,
    Action.SEND_RESULT_TO_COUNTER: _route_chosen(Action.SEND_RESULT_TO_COUNTER),
    Action.SEND_RESULT_TO_POST: _route_chosen(Action.SEND_RESULT_TO_POST),
    Action.EXTEND: _not_extended,
}
