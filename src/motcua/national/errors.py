"""Errors of the exchange with the national portal: one function per rule, a stable code, a bilingual message."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


def adapter_unknown(*, name: str) -> ApplicationError:
    return ApplicationError(
        "national_adapter_unknown",
        _("“%(name)s” is not an adapter for the national portal."),
        params={"name": name},
        status=500,
    )


def delivery_not_found() -> ApplicationError:
    return ApplicationError("national_delivery_not_found", _("No such delivery to the national portal."))


def delivery_choice_invalid() -> ApplicationError:
    return ApplicationError("national_delivery_choice_invalid", _("Choose a delivery from the list."), field="delivery")


def delivery_already_accepted() -> ApplicationError:
    return ApplicationError(
        "national_delivery_already_accepted", _("The portal has already accepted this status."), status=409
    )


def filter_unknown(*, value: str) -> ApplicationError:
    return ApplicationError(
        "national_filter_unknown",
        _("“%(value)s” is not a state of a delivery."),
        params={"value": value},
        field="state",
    )


def portal_unreachable(*, reason: str) -> ApplicationError:
    return ApplicationError(
        "national_portal_unreachable",
        _("The national portal did not answer: %(reason)s"),
        params={"reason": reason},
        status=503,
    )
