"""Take an action by name: the one entry point the interfaces (REST API, desk pages) share.

Each action's service takes the dossier, the actor and the action's fields (``ACTION_FIELDS``) as
keyword arguments. :func:`dossier_act` adds what a page needs on top: ``expected_seq``, the number of
the last history event the user saw. If the dossier changed since (another clerk acted, a second tab),
the action is refused rather than applied to a state the user never looked at. The check is made with
the dossier row locked, in the same transaction as the action, so two users cannot both pass it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Max

from .. import errors
from ..lifecycle import Action
from ..models import Dossier, DossierEvent
from . import transitions
from .locks import dossier_lock

SERVICES: dict[Action, Callable[..., Dossier]] = {
    Action.REFUSE: transitions.dossier_refuse,
    Action.TRANSFER: transitions.dossier_transfer,
    Action.ASSIGN_STEP: transitions.dossier_step_assign,
    Action.COMPLETE_STEP: transitions.dossier_step_complete,
    Action.REQUEST_SUPPLEMENT: transitions.dossier_request_supplement,
    Action.RECEIVE_SUPPLEMENT: transitions.dossier_receive_supplement,
    Action.REQUEST_OBLIGATION: transitions.dossier_request_obligation,
    Action.MEET_OBLIGATION: transitions.dossier_meet_obligation,
    Action.WITHDRAW: transitions.dossier_withdraw,
    Action.STOP: transitions.dossier_stop,
    Action.APPROVE: transitions.dossier_approve,
    Action.REJECT: transitions.dossier_reject,
    Action.SEND_RESULT_TO_COUNTER: partial(transitions.dossier_send_result, by_post=False),
    Action.SEND_RESULT_TO_POST: partial(transitions.dossier_send_result, by_post=True),
    Action.RETURN_RESULT: transitions.dossier_return_result,
    Action.EXTEND: transitions.dossier_extend,
    Action.RETURN_TO_COUNTER: transitions.dossier_return_to_counter,
}


def dossier_last_seq(*, dossier: Dossier) -> int:
    """The number of the dossier's latest history event: what a page shows it as of."""
    return DossierEvent.objects.filter(dossier=dossier).aggregate(last=Max("seq"))["last"] or 0


@transaction.atomic
def dossier_act(
    *, dossier: Dossier, actor: Any, action: Action | str, expected_seq: int | None = None, **fields: Any
) -> Dossier:
    """Take ``action`` on ``dossier`` as ``actor`` with the action's ``fields``.

    ``expected_seq``: refuse with ``dossier_changed`` unless the dossier's history still ends there.
    """
    chosen = Action(action)
    if expected_seq is not None:
        dossier_lock(dossier_id=dossier.pk)
        current = dossier_last_seq(dossier=dossier)
        if current != expected_seq:
            raise errors.dossier_changed(code=dossier.code)
    return SERVICES[chosen](dossier=dossier, actor=actor, **fields)
