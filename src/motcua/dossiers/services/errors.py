"""The errors of the applicant's own changes to a dossier: how the result comes back, and its electronic return
(issue 14; docs/my-dossiers.md)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


def return_change_closed(*, status: str | Promise) -> ApplicationError:
    return ApplicationError(
        "dossier_return_change_closed",
        _("How the result is returned can no longer be changed: the dossier is “%(status)s”."),
        params={"status": status},
        status=409,
    )


def return_method_unknown() -> ApplicationError:
    return ApplicationError(
        "dossier_return_method_unknown",
        _("Choose at the counter, by post or electronically."),
        field="return_method",
    )


def return_postage_invalid() -> ApplicationError:
    return ApplicationError(
        "dossier_return_postage_invalid",
        _("The postage for the return must be a whole number of dong, zero or more."),
        field="return_postage",
    )


def electronic_return_not_chosen() -> ApplicationError:
    return ApplicationError(
        "dossier_electronic_return_not_chosen",
        _("This dossier's result is not returned electronically: collect it the way you chose."),
        status=409,
    )


def electronic_result_missing() -> ApplicationError:
    return ApplicationError(
        "dossier_electronic_result_missing",
        _("No signed electronic result is ready for this dossier yet."),
        status=409,
    )


def electronic_collector_not_applicant() -> ApplicationError:
    return ApplicationError(
        "dossier_electronic_collector_not_applicant",
        _("Only the applicant, signed in with their own account, may receive the electronic result."),
        status=403,
    )
