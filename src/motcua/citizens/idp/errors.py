"""The local provider's errors, each defined once. On its own pages they read in Vietnamese and English; at the
token and userinfo endpoints the code is the OAuth 2.0 error code the client sees (RFC 6749, section 5.2)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


def idp_credentials_wrong() -> ApplicationError:
    return ApplicationError(
        "idp_credentials_wrong", _("The ID number or the password is wrong."), field="password", status=401
    )


def idp_too_many_attempts() -> ApplicationError:
    return ApplicationError(
        "idp_too_many_attempts",
        _("Too many wrong passwords for this ID number. Wait 15 minutes, then try again."),
        field="number",
        status=429,
    )


def idp_number_invalid() -> ApplicationError:
    return ApplicationError(
        "idp_number_invalid",
        _("Enter a 12-digit personal identification number or a 10- or 13-digit tax code."),
        field="number",
    )


def idp_client_unknown() -> ApplicationError:
    return ApplicationError(
        "idp_client_unknown",
        _(
            "The site that sent you here is not registered with this identity provider (unknown client or return "
            "address). Go back to the site and start again."
        ),
    )


def idp_request_expired() -> ApplicationError:
    return ApplicationError(
        "idp_request_expired",
        _("This sign-in request has expired or was already used. Go back to the site and start again."),
    )


def invalid_request(detail: str) -> ApplicationError:
    return ApplicationError("invalid_request", _("The request is malformed: %(detail)s."), params={"detail": detail})


def invalid_client() -> ApplicationError:
    return ApplicationError("invalid_client", _("Client authentication failed."), status=401)


def invalid_grant() -> ApplicationError:
    return ApplicationError(
        "invalid_grant",
        _("The authorization code is unknown, expired, already used, or issued for another client or address."),
    )


def unsupported_grant_type() -> ApplicationError:
    return ApplicationError("unsupported_grant_type", _("Only the authorization code grant is supported."))


def invalid_token() -> ApplicationError:
    return ApplicationError("invalid_token", _("The access token is missing, invalid or expired."), status=401)
