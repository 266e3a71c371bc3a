"""The gate of every citizen page: signed in as a citizen, else to the sign-in page; a staff member gets 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse

from .models import CitizenAccount
from .selectors import citizen_account

View = Callable[..., HttpResponseBase]

# Where a page sends a visitor who is not signed in (the citizens' sign-in page, not the staff login).
SIGN_IN_URL_NAME = "citizens:sign_in"


def citizen_required(view: View) -> View:
    """Run ``view`` with ``request.citizen`` set to the signed-in citizen's account.

    Anonymous visitors go to the citizens' sign-in page and come back to the page they asked for; a signed-in
    staff member (no citizen account) gets 403: staff accounts are never citizens' accounts.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse(SIGN_IN_URL_NAME)}?{query}")
        account = citizen_account(request.user)
        if account is None:
            raise PermissionDenied
        request.citizen = account  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped


def request_citizen(request: HttpRequest) -> CitizenAccount:
    """The account ``citizen_required`` put on the request."""
    return request.citizen  # type: ignore[attr-defined,no-any-return]
