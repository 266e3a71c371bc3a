"""Who may open a desk page. Roles decide the page; scope decides the dossiers on it.

A page of a role the user does not hold answers 403 with the roles it needs. A dossier outside the
user's scope answers 404 exactly like a code that does not exist (see ``dossier_get_by_code``), so a
URL never reveals that a dossier exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from motcua.agencies.models import Role
from motcua.agencies.roles import AGENCY_INBOX_ROLES, COUNTER_ROLES, SUPERVISOR_ROLES
from motcua.agencies.selectors import user_has_role
from motcua.core.errors import ApplicationError
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_content_readable, dossier_get_by_code

View = Callable[..., HttpResponseBase]

DESK_ROLES = tuple(dict.fromkeys((*COUNTER_ROLES, *AGENCY_INBOX_ROLES, *SUPERVISOR_ROLES, Role.POSTMAN)))
# The document search is not the postman's: he opens only what his open orders carry (docs/domain.md, "The
# postman sees his orders only"; ``dossiers.permissions.may_search``).
SEARCH_ROLES = tuple(role for role in DESK_ROLES if role != Role.POSTMAN)


def roles_required(roles: Iterable[Role]) -> Callable[[View], View]:
    """Sign-in first (redirect to the login page), then one of ``roles`` (else 403)."""
    wanted = tuple(roles)

    def decorator(view: View) -> View:
        @wraps(view)
        @login_required
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not user_has_role(user=request.user, roles=wanted):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def dossier_content_or_403(request: HttpRequest, code: str) -> Dossier:
    """The dossier if the user may open its papers, scans and result (docs/access.md, "Need to know"); 404
    outside the user's scope, 403 when the user sees the dossier but not its content (a one-stop supervisor
    overseeing a dossier received elsewhere)."""
    dossier = dossier_or_404(request, code)
    if not dossier_content_readable(user=request.user, dossier=dossier):
        raise PermissionDenied
    return dossier


def dossier_or_404(request: HttpRequest, code: str) -> Dossier:
    """The dossier if the user's scope includes it; otherwise 404, whether or not it exists."""
    try:
        return dossier_get_by_code(user=request.user, code=code)
    except ApplicationError as error:
        if error.code == "dossier_not_found":
            raise Http404(str(error)) from None
        raise
