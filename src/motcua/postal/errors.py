"""Errors of the postal service: one function per rule, each with a stable code and a bilingual message."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError

# A label may stay lazy: the message renders it in each language.
Label = str | Promise


def no_tariff(*, service: Label, zone: Label, weight_grams: int, on: str) -> ApplicationError:
    return ApplicationError(
        "postal_no_tariff",
        _("No postage tariff for “%(service)s”, %(zone)s, up to %(weight)s g, is in force on %(on)s."),
        params={"service": service, "zone": zone, "weight": weight_grams, "on": on},
    )


def invalid_weight(*, weight_grams: int) -> ApplicationError:
    return ApplicationError(
        "postal_invalid_weight",
        _("A weight of %(weight)s g is not possible."),
        params={"weight": weight_grams},
    )


def amount_not_positive(*, amount: int) -> ApplicationError:
    return ApplicationError(
        "postal_amount_not_positive",
        _("An amount of money must be more than zero; got %(amount)s VND."),
        params={"amount": amount},
    )


def fees_need_agency() -> ApplicationError:
    return ApplicationError(
        "postal_fees_need_agency", _("Administrative fees must name the agency they are remitted to.")
    )


def postage_has_agency() -> ApplicationError:
    return ApplicationError(
        "postal_postage_has_agency", _("Postage belongs to the post office; it is not remitted to an agency.")
    )


def collection_conflict(*, order: str, kind: Label, recorded: int, amount: int) -> ApplicationError:
    return ApplicationError(
        "postal_collection_conflict",
        _(
            "Order %(order)s already has %(kind)s recorded as %(recorded)s VND; "
            "%(amount)s VND cannot be recorded instead."
        ),
        params={"order": order, "kind": kind, "recorded": recorded, "amount": amount},
    )


def remittance_conflict(*, reference: str, recorded: int, amount: int) -> ApplicationError:
    return ApplicationError(
        "postal_remittance_conflict",
        _("The remittance “%(reference)s” was already recorded as %(recorded)s VND, not %(amount)s VND."),
        params={"reference": reference, "recorded": recorded, "amount": amount},
    )
