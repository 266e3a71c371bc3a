"""How staff authenticate to the API: a personal token (``Authorization: Bearer``) or the Django session.

A token is tried first. A request that presents a bearer token that does not work is refused (401
``api_token_invalid``), even if it also carries a session: it never falls back silently. Session requests
with an unsafe method must pass Django's CSRF check; token requests need none (a token is never sent
by the browser on its own).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from motcua.citizens.selectors import citizen_account

from . import errors
from .services import api_token_authenticate


class BearerTokenAuth(HttpBearer):
    openapi_bearerFormat = "motcua personal API token (mc_…)"
    openapi_description = "A personal API token printed once by `manage.py api_token USERNAME`."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(raw=token.strip())
        if user is None:
            raise errors.token_invalid()
        # Downstream code (audit actors, scope selectors) reads request.user whichever way the caller came in.
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The user signed in through the site, with the CSRF check on unsafe methods."""

    param_name = settings.SESSION_COOKIE_NAME
    openapi_description = "The session cookie of a signed-in user; unsafe methods need the CSRF token too."

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if citizen_account(user) is not None:  # a citizen's session is no staff session (docs/citizens.md)
            raise errors.citizen_session()
        if check_csrf(request) is not None:
            raise errors.csrf_failed()
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:  # pragma: no cover - __call__ decides
        return None


# Order matters: the token first, so a bad token is refused rather than masked by a session.
STAFF_AUTH = [BearerTokenAuth(), SessionAuth()]
