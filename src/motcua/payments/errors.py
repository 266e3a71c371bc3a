"""The errors of online payment, each defined once (docs/payments.md)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


def payment_link_invalid() -> ApplicationError:
    return ApplicationError(
        "payment_link_invalid",
        _("This payment link is not valid or has expired. Ask the one-stop centre for a new one."),
        status=403,
    )


def payment_nothing_due() -> ApplicationError:
    return ApplicationError("payment_nothing_due", _("Nothing is left to pay for this dossier."), status=409)


def payment_provider_unknown(*, code: str) -> ApplicationError:
    return ApplicationError(
        "payment_provider_unknown", _("No payment gateway is registered as “%(code)s”."), params={"code": code[:40]}
    )


def payment_not_found() -> ApplicationError:
    return ApplicationError("payment_not_found", _("No payment has this reference."))


def payment_simulation_closed() -> ApplicationError:
    return ApplicationError(
        "payment_simulation_closed", _("This payment is already settled at the gateway."), status=409
    )


def payment_action_unknown() -> ApplicationError:
    return ApplicationError("payment_action_unknown", _("Choose Pay, Cancel or Fail."), field="action")


def payment_date_invalid() -> ApplicationError:
    return ApplicationError("payment_date_invalid", _("Give the date as dd/mm/yyyy or yyyy-mm-dd."), field="date")
