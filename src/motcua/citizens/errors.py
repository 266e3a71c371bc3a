"""The errors of citizens' sign-in, each defined once (docs/citizens.md).

A failed sign-in lands on one page (``citizens:sign_in_failed``); which of these it shows is kept in the session
by its code, and :func:`sign_in_failure` turns the code back into the error.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


def sign_in_cancelled() -> ApplicationError:
    return ApplicationError(
        "sign_in_cancelled", _("You cancelled the sign-in at the identity provider. Nothing was changed."), status=403
    )


def sign_in_provider_error() -> ApplicationError:
    return ApplicationError(
        "sign_in_provider_error", _("The identity provider could not sign you in and sent back an error."), status=502
    )


def sign_in_refused() -> ApplicationError:
    return ApplicationError(
        "sign_in_refused",
        _(
            "The answer of the identity provider could not be verified (it does not belong to this sign-in, or its "
            "signature is wrong), so you were not signed in. Start again from the sign-in page."
        ),
        status=403,
    )


def sign_in_expired() -> ApplicationError:
    return ApplicationError(
        "sign_in_expired",
        _("The sign-in took too long or its answer has expired. Start again from the sign-in page."),
        status=403,
    )


def sign_in_provider_unreachable() -> ApplicationError:
    return ApplicationError(
        "sign_in_provider_unreachable",
        _("The identity provider did not answer. Try again in a few minutes."),
        status=503,
    )


def sign_in_no_id_number() -> ApplicationError:
    return ApplicationError(
        "sign_in_no_id_number",
        _(
            "The identity provider did not give a valid personal identification number (12 digits) or tax code "
            "(10 or 13 digits), so no account was made. Sign in with an electronic identity account that has one."
        ),
        status=403,
    )


def sign_in_number_taken() -> ApplicationError:
    return ApplicationError(
        "sign_in_number_taken",
        _(
            "Another account, made through a different identity provider, already holds this identification "
            "number. Ask the one-stop centre to move it."
        ),
        status=409,
    )


def sign_in_failed() -> ApplicationError:
    return ApplicationError("sign_in_failed", _("The sign-in did not succeed. Start again from the sign-in page."))


SIGN_IN_FAILURES: dict[str, Callable[[], ApplicationError]] = {
    builder().code: builder
    for builder in (
        sign_in_cancelled,
        sign_in_provider_error,
        sign_in_refused,
        sign_in_expired,
        sign_in_provider_unreachable,
        sign_in_no_id_number,
        sign_in_number_taken,
        sign_in_failed,
    )
}


def sign_in_failure(code: str) -> ApplicationError:
    """The error a failed sign-in left by its code; an unknown code reads as the general failure."""
    return SIGN_IN_FAILURES.get(code, sign_in_failed)()
