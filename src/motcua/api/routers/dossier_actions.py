"""``POST /dossiers/{code}/actions/{action}``: one endpoint for every transition, one engine service per action.

The body carries the fields the action declares (``ACTION_FIELDS``; listed in each dossier's
``allowed_actions``). The engine decides whether the action may be taken: a state that does not allow it is a
409 ``dossier_action_not_allowed``, a caller without the role or scope a 403 ``dossier_action_forbidden``, but
only for a dossier the caller can see; any other is a 404, as if it did not exist.

An action may say which state of the dossier it was decided on: ``expected_seq`` in the body, or the dossier's ETag
(from ``GET /dossiers/{code}``) in ``If-Match``. If the dossier has changed since, nothing is done: 412
``dossier_changed``, the problem the desk shows a clerk in the same case.
"""

from django.http import HttpRequest, HttpResponse
from ninja import Body, Header, Path, Router

from motcua.core.errors import ApplicationError
from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_get_by_code
from motcua.dossiers.services.act import dossier_act as dossier_act_service
from motcua.dossiers.services.act import dossier_last_seq

from ..idempotency import Outcome, respond_once
from ..schemas.dossier_requests import ActionIn
from ..schemas.dossiers import DossierOut
from ..schemas.problems import Problem
from .dossier_inputs import action_arguments, action_named, expected_seq_from
from .dossiers import IdempotencyKey, caller, rendered

router = Router(tags=["dossiers"])

ACTION_PATH = Path(
    ...,
    description="One of: " + ", ".join(a.value for a in Action) + ". Another name is a 404 problem.",
    example=Action.APPROVE.value,
)
IfMatch = Header(
    None,
    alias="If-Match",
    description='The dossier\'s ETag as the client last saw it (e.g. `"7"`), or `*`. Stale: 412 `dossier_changed`.',
)


@router.post(
    "/{code}/actions/{action}",
    response={
        200: DossierOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
        412: Problem,
        422: Problem,
    },
    summary="Take an action on a dossier",
)
def dossier_act(
    request: HttpRequest,
    code: str,
    action: str = ACTION_PATH,
    payload: Body[ActionIn | None] = None,
    idempotency_key: str | None = IdempotencyKey,
    if_match: str | None = IfMatch,
) -> HttpResponse:
    """Answers the dossier as it is after the action, with what the caller may do next.

    A missing required field, a field the action does not take, or an agency code that names nothing is 422.
    After an action that hands the dossier on (a step at another agency completed), the caller may no longer
    see it: this response is the last they get.
    """
    user = caller(request)

    def act() -> Outcome:
        dossier = dossier_get_by_code(user=user, code=code)
        chosen = action_named(action)
        expected = expected_seq_from(if_match=if_match, payload=payload, current=dossier_last_seq(dossier=dossier))
        arguments = action_arguments(chosen, payload)
        changed = dossier_act_service(dossier=dossier, actor=user, action=chosen, expected_seq=expected, **arguments)
        return rendered(request, _as_seen(request, changed), status=200)

    return respond_once(request, user=user, key=idempotency_key, perform=act)


def _as_seen(request: HttpRequest, dossier: Dossier) -> Dossier:
    """The dossier through the caller's scope; if the action took it out of that scope, as the action left it."""
    try:
        return dossier_get_by_code(user=caller(request), code=dossier.code)
    except ApplicationError as error:
        if error.code != "dossier_not_found":
            raise
        return dossier
