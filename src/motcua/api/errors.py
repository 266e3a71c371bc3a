"""Errors of the API itself (tokens, signing in, request framing, idempotency): one function each, with its status.

The errors of the domain are defined in each app's ``errors`` module with their status and field; the API
handlers (:mod:`motcua.api.handlers`) read both from the error.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError

# RFC 6750: a 401 says which scheme would have worked.
WWW_AUTHENTICATE = 'Bearer realm="motcua"'


def authentication_required() -> ApplicationError:
    return ApplicationError(
        "authentication_required",
        _("Sign in, or send a personal API token as 'Authorization: Bearer <token>'."),
        status=401,
    )


def token_name_required() -> ApplicationError:
    return ApplicationError("api_token_name_required", _("Give the token a name that says what it is for."))


def token_user_inactive(*, username: str) -> ApplicationError:
    return ApplicationError(
        "api_token_user_inactive",
        _("User %(username)s is inactive and cannot be given a token."),
        params={"username": username},
    )


def token_expiry_in_past() -> ApplicationError:
    return ApplicationError("api_token_expiry_in_past", _("A token's expiry must be in the future."))


def token_invalid() -> ApplicationError:
    return ApplicationError(
        "api_token_invalid",
        _("The API token is unknown, malformed, revoked or expired, or its user is inactive."),
        status=401,
    )


def token_not_for_citizens() -> ApplicationError:
    return ApplicationError(
        "api_token_not_for_citizens",
        _("API tokens are for staff: a citizen's account uses the citizens' pages."),
        status=400,
    )


def citizen_session() -> ApplicationError:
    return ApplicationError(
        "api_not_for_citizens",
        _("The API is for staff: a citizen's account uses the citizens' pages."),
        status=403,
    )


def csrf_failed() -> ApplicationError:
    return ApplicationError(
        "csrf_failed",
        _("The CSRF check failed: send the csrftoken cookie's value in the X-CSRFToken header."),
        status=403,
    )


def permission_denied(reason: str | Promise = "") -> ApplicationError:
    """``reason``: why, when it helps the caller (who may do it instead)."""
    return ApplicationError("permission_denied", reason or _("You may not do this."), status=403)


def not_found(*, path: str) -> ApplicationError:
    return ApplicationError("not_found", _("Nothing is found at %(path)s."), params={"path": path}, status=404)


def method_not_allowed(*, method: str, allowed: str) -> ApplicationError:
    return ApplicationError(
        "method_not_allowed",
        _("%(method)s is not allowed here; use %(allowed)s."),
        params={"method": method, "allowed": allowed},
        status=405,
    )


def validation_failed(*, count: int, where: str) -> ApplicationError:
    return ApplicationError(
        "validation_failed",
        _("The request has %(count)s invalid value(s), the first at %(where)s."),
        params={"count": count, "where": where},
        status=422,
    )


# What ninja itself refuses (unreadable body, throttling…) is named by its status; its own text is English only.
CODE_BY_HTTP_STATUS = {
    400: "bad_request",
    401: "authentication_required",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    429: "throttled",
}


def http_error(*, status: int, reason: str) -> ApplicationError:
    return ApplicationError(
        CODE_BY_HTTP_STATUS.get(status, "http_error"),
        _("The request failed: %(reason)s"),
        params={"reason": reason},
        status=status,
    )


def request_too_large() -> ApplicationError:
    return ApplicationError("request_too_large", _("The request body is larger than the server accepts."), status=413)


def bad_request(*, reason: str) -> ApplicationError:
    return ApplicationError("bad_request", _("The request cannot be read: %(reason)s"), params={"reason": reason})


def internal_error() -> ApplicationError:
    return ApplicationError(
        "internal_error", _("Something went wrong on our side. The error has been logged."), status=500
    )


def idempotency_key_invalid() -> ApplicationError:
    return ApplicationError(
        "idempotency_key_invalid",
        _("The Idempotency-Key header must be 1 to 255 visible ASCII characters, e.g. a UUID."),
    )


def idempotency_key_in_use() -> ApplicationError:
    return ApplicationError(
        "idempotency_key_in_use",
        _("A request with this Idempotency-Key is still in progress; retry later."),
        status=409,
    )


def idempotency_key_reused(*, method: str, path: str) -> ApplicationError:
    return ApplicationError(
        "idempotency_key_reused",
        _("This Idempotency-Key was already used for another request (%(method)s %(path)s); use a new key."),
        params={"method": method, "path": path},
        status=422,
    )
