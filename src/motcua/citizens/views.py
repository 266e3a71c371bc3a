"""The citizens' sign-in pages: the sign-in page, the OpenID Connect start and callback, the failure page and
signing out (docs/citizens.md)."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.contrib import auth
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from motcua.core.errors import ApplicationError

from . import errors
from .idp import registration
from .oidc import FAILURE_ATTRIBUTE, relying_party_setting
from .selectors import citizen_account

#: Where a signed-in citizen lands when no page asked for the sign-in ("My dossiers").
HOME_PATH = "/cong-dan/"
#: The session key of the failure the failure page explains (its error code and what the provider said).
FAILURE_KEY = "citizen_sign_in_failure"
NEXT_KEY = "oidc_login_next"  # mozilla-django-oidc's own key


def safe_next(value: str | None) -> str | None:
    """``value`` when it is a path on this site (``/cong-dan/...``), else ``None``: never another host, never a
    scheme, never ``//host`` or ``/\\host``."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")):
        return None
    return value if url_has_allowed_host_and_scheme(value, allowed_hosts=set(), require_https=False) else None


@never_cache
@require_GET
def sign_in(request: HttpRequest) -> HttpResponse:
    """What signing in means and the button that starts it; a citizen already signed in goes on."""
    next_path = safe_next(request.GET.get("next"))
    if citizen_account(request.user) is not None:
        return HttpResponseRedirect(next_path or HOME_PATH)
    start = reverse("citizens:oidc_init") + (f"?{urlencode({'next': next_path})}" if next_path else "")
    return render(
        request,
        "citizens/sign_in.html",
        {
            "start_url": start,
            "local_provider": registration.is_mounted(),
            "staff_signed_in": request.user.is_authenticated,
        },
    )


@never_cache
@require_GET
def sign_in_failed(request: HttpRequest) -> HttpResponse:
    """Why the sign-in failed, in plain words, and a way to try again. What the provider said is shown as text."""
    failure = request.session.get(FAILURE_KEY) or {}
    error = errors.sign_in_failure(str(failure.get("code", "")))
    return render(
        request,
        "citizens/sign_in_failed.html",
        {
            "error": error,
            "provider_error": str(failure.get("error", ""))[:100],
            "provider_description": str(failure.get("description", ""))[:300],
            "retry_url": reverse("citizens:sign_in"),
        },
        status=error.status,
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """End the citizen's session here and, when the provider has an end-session endpoint, there too."""
    id_token = request.session.get("oidc_id_token")
    end_session = relying_party_setting("OIDC_OP_LOGOUT_ENDPOINT", "")
    auth.logout(request)
    if not end_session:
        return HttpResponseRedirect("/")
    params = {
        "post_logout_redirect_uri": registration.base_url() + "/",
        "client_id": relying_party_setting("OIDC_RP_CLIENT_ID"),
    }
    if id_token:
        params["id_token_hint"] = id_token
    return HttpResponseRedirect(f"{end_session}?{urlencode(params)}")


class CitizenSignInStart(OIDCAuthenticationRequestView):
    """Off to the provider, remembering the page to come back to (a path on this site only)."""

    get_settings = staticmethod(relying_party_setting)

    def get(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = super().get(request)
        request.session[NEXT_KEY] = safe_next(request.GET.get("next"))
        return response


class CitizenSignInCallback(OIDCAuthenticationCallbackView):
    """Back from the provider: signed in and on to the page asked for, or to the failure page with the reason."""

    get_settings = staticmethod(relying_party_setting)

    @property
    def success_url(self) -> str:
        return safe_next(self.request.session.get(NEXT_KEY)) or HOME_PATH

    @property
    def failure_url(self) -> str:
        return reverse("citizens:sign_in_failed")

    def get(self, request: HttpRequest) -> HttpResponse:
        request.session.pop(FAILURE_KEY, None)
        if request.GET.get("error"):
            cancelled = request.GET["error"] == "access_denied"
            failure = errors.sign_in_cancelled() if cancelled else errors.sign_in_provider_error()
            super().get(request)  # forgets the state and signs out, as the library does on an error
            return self._fail(failure, error=request.GET["error"], description=request.GET.get("error_description", ""))
        states = request.session.get("oidc_states")
        state = request.GET.get("state", "")
        if not isinstance(states, dict) or state not in states:
            # Not a sign-in this browser started (a forged or replayed answer), or the session ended meanwhile.
            return self._fail(errors.sign_in_refused() if isinstance(states, dict) else errors.sign_in_expired())
        added_on = states[state].get("added_on", 0) if isinstance(states[state], dict) else 0
        if time.time() - added_on > self.get_settings("CITIZEN_SIGN_IN_MAX_SECONDS", 600):
            del states[state]
            request.session["oidc_states"] = states
            return self._fail(errors.sign_in_expired())
        try:
            return super().get(request)  # type: ignore[no-any-return]
        except SuspiciousOperation:
            return self._fail(errors.sign_in_refused())

    def login_failure(self) -> HttpResponse:
        code = getattr(self.request, FAILURE_ATTRIBUTE, errors.sign_in_failed().code)
        return self._fail(errors.sign_in_failure(code))

    def _fail(self, failure: ApplicationError, *, error: str = "", description: str = "") -> HttpResponse:
        """To the failure page, which explains ``failure`` (and shows, as text, what the provider said)."""
        self.request.session[FAILURE_KEY] = {
            "code": failure.code,
            "error": error[:100],
            "description": description[:300],
        }
        return HttpResponseRedirect(self.failure_url)
