"""The errors of ratings and complaints, each defined once (docs/feedback.md)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


def rating_link_invalid() -> ApplicationError:
    return ApplicationError(
        "rating_link_invalid",
        _("This rating link is not valid or has expired. Look your dossier up with the code and secret on your "
          "receipt, or sign in to My dossiers, to rate it."),
        status=403,
    )  # fmt: skip


def rating_not_returned() -> ApplicationError:
    return ApplicationError(
        "rating_not_returned",
        _("The handling of a dossier can be rated once its result has been returned to you."),
        status=409,
    )


def rating_closed(*, days: int) -> ApplicationError:
    return ApplicationError(
        "rating_closed",
        _("Ratings are taken within %(days)s days of the return of the result; this time has passed."),
        params={"days": days},
        status=409,
    )


def rating_final() -> ApplicationError:
    return ApplicationError(
        "rating_final", _("This dossier has already been rated, and the rating can no longer be changed."), status=409
    )


def rating_score_unknown() -> ApplicationError:
    return ApplicationError(
        "rating_score_unknown", _("Choose satisfied, neither, or dissatisfied."), field="score", status=422
    )


def rating_reason_unknown() -> ApplicationError:
    return ApplicationError("rating_reason_unknown", _("Choose reasons from the list."), field="reasons", status=422)


def text_too_long(*, field: str, most: int) -> ApplicationError:
    return ApplicationError(
        "text_too_long", _("Write at most %(most)s characters."), params={"most": most}, field=field, status=422
    )


def text_required(*, field: str) -> ApplicationError:
    return ApplicationError("text_required", _("This text is needed for this step."), field=field, status=422)


def complaint_not_found() -> ApplicationError:
    return ApplicationError("complaint_not_found", _("No petition or complaint has this reference."))


def complaint_action_refused(*, action: str, status: str) -> ApplicationError:
    return ApplicationError(
        "complaint_action_refused",
        _("“%(action)s” cannot be done now: the petition is “%(status)s”."),
        params={"action": action, "status": status},
        status=409,
    )


def complaint_action_unknown() -> ApplicationError:
    return ApplicationError("complaint_action_unknown", _("This is not a step of a petition's handling."))


def complaint_not_handler() -> ApplicationError:
    return ApplicationError(
        "complaint_not_handler",
        _("Only the one-stop supervisors or the leaders of the agency in charge handle this petition."),
        status=403,
    )


def complaint_more_info_too_late() -> ApplicationError:
    return ApplicationError(
        "complaint_more_info_too_late",
        _("The time to ask the citizen for more information has passed; answer with what you have."),
        status=409,
    )


def complaint_dossier_not_found() -> ApplicationError:
    return ApplicationError(
        "complaint_dossier_not_found",
        _("No dossier matches this code and secret. Check both against your receipt."),
        field="dossier_code",
    )


def complaint_contact_required() -> ApplicationError:
    return ApplicationError(
        "complaint_contact_required",
        _("Give a phone number or an e-mail address to receive the answer."),
        field="phone",
    )


def complaint_province_required() -> ApplicationError:
    return ApplicationError(
        "complaint_province_required",
        _("Choose the province whose one-stop service your petition is about."),
        field="province",
    )


def complaint_too_many() -> ApplicationError:
    return ApplicationError(
        "complaint_too_many", _("Too many attempts from this connection. Wait an hour and try again."), status=429
    )


def period_invalid() -> ApplicationError:
    return ApplicationError("period_invalid", _("The end of the period cannot be before its start."), field="den")
