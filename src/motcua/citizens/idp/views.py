"""The local provider's endpoints: discovery, authorize (with its own sign-in page), token, userinfo, JWKS and
end-session. Each answers 404 unless the local provider is the configured one."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import unquote, urlencode

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.core.errors import ApplicationError

from . import errors, registration, services
from .keys import ALGORITHM, public_jwk

# The provider's own session keys: never Django's authentication keys (it signs nobody into motcua).
PENDING = "citizens_idp_pending"  # sign-in requests waiting for the person's password, by request id
SIGNED_IN = "citizens_idp_subject"  # whom the provider last vouched for in this browser (ended by end_session)
_MAX_PENDING = 10


def local_provider(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """404 unless the local provider is the configured one: nothing of it exists for the outside then."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not registration.is_mounted():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


class SignInForm(forms.Form):
    number = forms.CharField(
        label=_("Personal identification number or tax code"),
        max_length=13,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


@require_GET
@local_provider
def discovery(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {
            "issuer": registration.issuer(),
            "authorization_endpoint": registration.endpoint("authorize"),
            "token_endpoint": registration.endpoint("token"),
            "userinfo_endpoint": registration.endpoint("userinfo"),
            "jwks_uri": registration.endpoint("jwks"),
            "end_session_endpoint": registration.endpoint("end_session"),
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": [ALGORITHM],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "profile", "email", "phone", "address"],
            "claims_supported": [
                "sub",
                "id_number",
                "account_kind",
                "name",
                "birthdate",
                "phone_number",
                "email",
                "address",
            ],
        }
    )


@require_GET
@local_provider
def jwks(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"keys": [public_jwk()]})


@never_cache
@require_http_methods(["GET", "POST"])
@local_provider
def authorize(request: HttpRequest) -> HttpResponse:
    """GET: check the client's request and ask for the person's number and password; POST: answer it."""
    if request.method == "POST":
        return _answer(request)
    params = request.GET
    client_id, redirect_uri = params.get("client_id", ""), params.get("redirect_uri", "")
    if client_id != registration.CLIENT_ID or redirect_uri not in registration.redirect_uris():
        # Never redirect to an address nobody registered (RFC 6749, section 4.1.2.1): say so here.
        return _error_page(request, errors.idp_client_unknown())
    state = params.get("state", "")
    problem = _problem(params)
    if problem:
        return _back(redirect_uri, {"error": problem[0], "error_description": problem[1], "state": state})
    pending = dict(request.session.get(PENDING) or {})
    while len(pending) >= _MAX_PENDING:
        pending.pop(next(iter(pending)))
    request_id = get_random_string(24)
    pending[request_id] = services.AuthorizationRequest(
        client_id=client_id,
        redirect_uri=redirect_uri,
        state=state,
        nonce=params.get("nonce", ""),
        scope=params.get("scope", ""),
        code_challenge=params.get("code_challenge", ""),
    ).__dict__
    request.session[PENDING] = pending
    return _sign_in_page(request, request_id=request_id, form=SignInForm())


def _problem(params: Any) -> tuple[str, str] | None:
    """The OAuth error of a request from a registered client, or ``None`` when it can be answered."""
    if params.get("response_type") != "code":
        return "unsupported_response_type", "only response_type=code"
    if "openid" not in params.get("scope", "").split():
        return "invalid_scope", "the openid scope is required"
    challenge, method = params.get("code_challenge", ""), params.get("code_challenge_method", "")
    if challenge and (method != "S256" or not 43 <= len(challenge) <= 128):
        return "invalid_request", "only PKCE S256 is supported"
    if len(params.get("state", "")) > 500 or len(params.get("nonce", "")) > 255:
        return "invalid_request", "state or nonce too long"
    return None


def _answer(request: HttpRequest) -> HttpResponse:
    request_id = request.POST.get("request", "")
    pending = dict(request.session.get(PENDING) or {})
    asked = pending.get(request_id)
    if not isinstance(asked, dict):
        return _error_page(request, errors.idp_request_expired())
    auth_request = services.AuthorizationRequest(**asked)
    if "cancel" in request.POST:
        del pending[request_id]
        request.session[PENDING] = pending
        return _back(auth_request.redirect_uri, {"error": "access_denied", "state": auth_request.state})
    form = SignInForm(request.POST)
    if not form.is_valid():
        return _sign_in_page(request, request_id=request_id, form=form, status=400)
    try:
        identity = services.identity_authenticate(
            number=form.cleaned_data["number"], password=form.cleaned_data["password"]
        )
    except ApplicationError as refused:
        form.add_error(refused.field or None, refused.render())
        return _sign_in_page(request, request_id=request_id, form=form, status=refused.status)
    del pending[request_id]
    request.session[PENDING] = pending
    request.session[SIGNED_IN] = str(identity.subject)
    code = services.code_issue(identity=identity, request=auth_request)
    return _back(auth_request.redirect_uri, {"code": code, "state": auth_request.state})


@csrf_exempt
@require_POST
@local_provider
def token(request: HttpRequest) -> JsonResponse:
    """The back channel: an authorization code for an id token and an access token (client_secret_basic or
    client_secret_post)."""
    client_id, client_secret = _client_credentials(request)
    try:
        if request.POST.get("grant_type") != "authorization_code":
            raise errors.unsupported_grant_type()
        answer = services.code_exchange(
            code=request.POST.get("code", ""),
            client_id=client_id,
            client_secret=client_secret,
            redirect_uri=request.POST.get("redirect_uri", ""),
            code_verifier=request.POST.get("code_verifier", ""),
        )
    except ApplicationError as refused:
        response = _oauth_error(refused)
        if refused.code == "invalid_client":
            response["WWW-Authenticate"] = 'Basic realm="dinh-danh-thu"'
        return response
    return _no_store(JsonResponse(answer))


@csrf_exempt
@require_http_methods(["GET", "POST"])
@local_provider
def userinfo(request: HttpRequest) -> JsonResponse:
    scheme, _sep, access_token = request.headers.get("Authorization", "").partition(" ")
    try:
        if scheme.lower() != "bearer" or not access_token:
            raise errors.invalid_token()
        claims = services.userinfo(access_token=access_token.strip())
    except ApplicationError as refused:
        response = _oauth_error(refused)
        response["WWW-Authenticate"] = f'Bearer error="{refused.code}"'
        return response
    return _no_store(JsonResponse(claims))


@never_cache
@require_http_methods(["GET", "POST"])
@local_provider
def end_session(request: HttpRequest) -> HttpResponse:
    """RP-initiated logout: forget whom the provider vouched for in this browser, then go back if registered."""
    for key in (PENDING, SIGNED_IN):
        request.session.pop(key, None)
    params = request.POST if request.method == "POST" else request.GET
    back = params.get("post_logout_redirect_uri", "")
    if back in registration.post_logout_redirect_uris():
        state = params.get("state", "")
        return _back(back, {"state": state} if state else {})
    return render(request, "citizens_idp/signed_out.html")


def _client_credentials(request: HttpRequest) -> tuple[str, str]:
    scheme, _sep, encoded = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(encoded.strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return "", ""
        client_id, _colon, secret = decoded.partition(":")
        return unquote(client_id), unquote(secret)
    return request.POST.get("client_id", ""), request.POST.get("client_secret", "")


def _back(redirect_uri: str, params: dict[str, str]) -> HttpResponseRedirect:
    separator = "&" if "?" in redirect_uri else "?"
    query = urlencode({key: value for key, value in params.items() if value})
    return HttpResponseRedirect(f"{redirect_uri}{separator}{query}" if query else redirect_uri)


def _oauth_error(refused: ApplicationError) -> JsonResponse:
    return _no_store(
        JsonResponse({"error": refused.code, "error_description": refused.render("en")}, status=refused.status)
    )


def _no_store(response: JsonResponse) -> JsonResponse:
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    return response


def _sign_in_page(request: HttpRequest, *, request_id: str, form: SignInForm, status: int = 200) -> HttpResponse:
    return render(request, "citizens_idp/sign_in.html", {"form": form, "request_id": request_id}, status=status)


def _error_page(request: HttpRequest, error: ApplicationError) -> HttpResponse:
    return render(request, "citizens_idp/error.html", {"error": error}, status=error.status)
