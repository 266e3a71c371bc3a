"""What a given user may do to a dossier right now, and the fields each action needs.

Interfaces (the API's ``allowed_actions``, the desk's buttons) read this instead of re-deriving the
rules: the lifecycle table says what the state allows, the permissions say what the user may do.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lifecycle import TRANSITIONS, Action
from .models import Dossier, ReturnMethod
from .permissions import ScopeReader, active_steps_in_scope, may_take, step_to_complete


@dataclass(frozen=True)
class ActionField:
    name: str
    type: str  # "string", "string[]", "integer", "datetime", "agency_code", "boolean", "file"
    required: bool


_REASON = ActionField("reason", "string", True)
_NOTE = ActionField("note", "string", False)

ACTION_FIELDS: dict[Action, tuple[ActionField, ...]] = {
    Action.REFUSE: (ActionField("reasons", "string", True),),
    Action.TRANSFER: (ActionField("step_agencies", "object", False),),
    Action.ASSIGN_STEP: (ActionField("assignee", "username", True),),
    Action.COMPLETE_STEP: (_NOTE, ActionField("next_agency", "agency_code", False)),
    Action.REQUEST_SUPPLEMENT: (ActionField("items", "string[]", True), _REASON),
    Action.RECEIVE_SUPPLEMENT: (_NOTE,),
    Action.REQUEST_OBLIGATION: (ActionField("amount", "integer", True), ActionField("description", "string", True)),
    Action.MEET_OBLIGATION: (_NOTE,),
    Action.WITHDRAW: (_REASON,),
    Action.STOP: (_REASON,),
    Action.APPROVE: (
        _NOTE,
        ActionField("result_reference", "string", False),
        ActionField("result_file", "file", False),
    ),
    Action.REJECT: (_REASON,),
    Action.SEND_RESULT_TO_COUNTER: (),
    Action.SEND_RESULT_TO_POST: (),
    Action.RETURN_RESULT: (
        _NOTE,
        ActionField("collector_name", "string", False),
        ActionField("collector_id_number", "string", False),
        ActionField("identity_checked", "boolean", False),
        # Someone other than the applicant (another ID number): both required by the service (collector_check).
        ActionField("collector_relation", "string", False),
        ActionField("collector_authorization", "string", False),
    ),
    Action.EXTEND: (ActionField("new_appointment", "datetime", True), _REASON),
    Action.RETURN_TO_COUNTER: (_REASON,),
}


# The result goes back the way the applicant chose at reception: to the counter or to the post (docs/domain.md,
# "The counter and the public lookup").
RESULT_ROUTES: dict[Action, ReturnMethod] = {
    Action.SEND_RESULT_TO_COUNTER: ReturnMethod.COUNTER,
    Action.SEND_RESULT_TO_POST: ReturnMethod.POST,
}


def result_route_fits(*, dossier: Dossier, action: Action) -> bool:
    """False for sending the result a way the applicant did not choose; True for every other action."""
    wanted = RESULT_ROUTES.get(action)
    return wanted is None or dossier.return_method == wanted


@dataclass(frozen=True)
class AllowedAction:
    action: Action
    fields: tuple[ActionField, ...]


def dossier_allowed_actions(*, dossier: Dossier, user) -> list[AllowedAction]:
    """The actions ``user`` may take on ``dossier`` now, in the table's order.

    Beyond the table and the role, the rules a service would refuse on are applied here too, so an
    interface never offers an action that is bound to fail: one extension only; a step to assign only
    where the user's agency has one in progress, and to complete only one whose role the user holds.
    """
    allowed = []
    reader = ScopeReader(user=user, dossier=dossier)
    for action, transition in TRANSITIONS.items():
        if dossier.status not in transition.sources or not may_take(
            user=user, dossier=dossier, transition=transition, reader=reader
        ):
            continue
        if action == Action.EXTEND and dossier.extension_reason:
            continue
        if not result_route_fits(dossier=dossier, action=action):
            continue
        if action == Action.ASSIGN_STEP and not active_steps_in_scope(user=user, dossier=dossier, reader=reader):
            continue
        if action == Action.COMPLETE_STEP and step_to_complete(user=user, dossier=dossier, reader=reader) is None:
            continue
        allowed.append(AllowedAction(action=action, fields=ACTION_FIELDS[action]))
    return allowed
