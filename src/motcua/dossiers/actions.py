"""What a given user may do to a dossier right now, and the fields each action needs.

Interfaces (the API's ``allowed_actions``, the desk's buttons) read this instead of re-deriving the
rules: the lifecycle table says what the state allows, the permissions say what the user may do.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lifecycle import TRANSITIONS, Action
from .models import Dossier
from .permissions import may_take


@dataclass(frozen=True)
class ActionField:
    name: str
    type: str  # "string", "string[]", "integer", "datetime", "agency_code", "boolean"
    required: bool


_REASON = ActionField("reason", "string", True)
_NOTE = ActionField("note", "string", False)

ACTION_FIELDS: dict[Action, tuple[ActionField, ...]] = {
    Action.REFUSE: (ActionField("reasons", "string", True),),
    Action.TRANSFER: (ActionField("step_agencies", "object", False),),
    Action.COMPLETE_STEP: (_NOTE, ActionField("next_agency", "agency_code", False)),
    Action.REQUEST_SUPPLEMENT: (ActionField("items", "string[]", True), _REASON),
    Action.RECEIVE_SUPPLEMENT: (_NOTE,),
    Action.REQUEST_OBLIGATION: (ActionField("amount", "integer", True), ActionField("description", "string", True)),
    Action.MEET_OBLIGATION: (_NOTE,),
    Action.WITHDRAW: (_REASON,),
    Action.STOP: (_REASON,),
    Action.APPROVE: (_NOTE,),
    Action.REJECT: (_REASON,),
    Action.SEND_RESULT_TO_COUNTER: (),
    Action.SEND_RESULT_TO_POST: (),
    Action.RETURN_RESULT: (_NOTE,),
    Action.EXTEND: (ActionField("new_appointment", "datetime", True), _REASON),
}


@dataclass(frozen=True)
class AllowedAction:
    action: Action
    fields: tuple[ActionField, ...]


def dossier_allowed_actions(*, dossier: Dossier, user) -> list[AllowedAction]:
    """The actions ``user`` may take on ``dossier`` now, in the table's order."""
    return [
        AllowedAction(action=action, fields=ACTION_FIELDS[action])
        for action, transition in TRANSITIONS.items()
        if dossier.status in transition.sources and may_take(user=user, dossier=dossier, transition=transition)
    ]
