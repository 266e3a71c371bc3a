"""What a given user may do to a dossier right now, and the fields each action needs.

Interfaces (the API's ``allowed_actions``, the desk's buttons) read this instead of re-deriving the
rules: the lifecycle table says what the state allows, the permissions say what the user may do.
"""

from __future__ import annotations

from dataclasses import dataclass

from .checks import RESULT_ROUTES, action_refusal, result_route_fits
from .lifecycle import TRANSITIONS, Action
from .models import Dossier
from .permissions import ScopeReader


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


@dataclass(frozen=True)
class AllowedAction:
    action: Action
    fields: tuple[ActionField, ...]


def dossier_allowed_actions(*, dossier: Dossier, user) -> list[AllowedAction]:
    """The actions ``user`` may take on ``dossier`` now, in the table's order.

    Each is one whose preconditions hold (:func:`~.checks.action_refusal`, the very check its service makes
    under the row lock), so an interface never offers an action that is bound to fail.
    """
    reader = ScopeReader(user=user, dossier=dossier)
    return [
        AllowedAction(action=action, fields=ACTION_FIELDS[action])
        for action in TRANSITIONS
        if action_refusal(action=action, dossier=dossier, user=user, reader=reader) is None
    ]


__all__ = [
    "ACTION_FIELDS",
    "RESULT_ROUTES",
    "ActionField",
    "AllowedAction",
    "dossier_allowed_actions",
    "result_route_fits",
]
