"""The errors of My dossiers and My data store, each defined once (docs/my-dossiers.md)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


def supplement_not_requested() -> ApplicationError:
    return ApplicationError(
        "my_supplement_not_requested", _("No supplement is asked for this dossier now."), status=409
    )


def supplement_already_sent() -> ApplicationError:
    return ApplicationError(
        "my_supplement_already_sent",
        _("You already sent papers for this request: the one-stop is checking them."),
        status=409,
    )


def supplement_no_files() -> ApplicationError:
    return ApplicationError("my_supplement_no_files", _("Choose at least one file to send."), field="papers")


def supplement_too_many_files(*, limit: int) -> ApplicationError:
    return ApplicationError(
        "my_supplement_too_many_files",
        _("Send at most %(limit)s files at a time."),
        params={"limit": limit},
        field="papers",
    )


def stop_not_possible(*, status: str | Promise) -> ApplicationError:
    return ApplicationError(
        "my_stop_not_possible",
        _("Processing can no longer be stopped: the dossier is “%(status)s”."),
        params={"status": status},
        status=409,
    )


def stop_already_requested() -> ApplicationError:
    return ApplicationError(
        "my_stop_already_requested",
        _("You already asked to stop processing: the one-stop has not answered yet."),
        status=409,
    )


def reason_required() -> ApplicationError:
    return ApplicationError("my_reason_required", _("Give a reason."), field="reason")


def request_already_handled() -> ApplicationError:
    return ApplicationError("my_request_already_handled", _("This request was already handled."), status=409)


def request_not_permitted() -> ApplicationError:
    return ApplicationError(
        "my_request_not_permitted",
        _("Only the staff of the point that received the dossier may act on this request."),
        status=403,
    )


def commune_not_on_map(*, value: str) -> ApplicationError:
    return ApplicationError(
        "my_commune_not_on_map",
        _("“%(value)s” is not a commune or ward on today's map: choose one from the list."),
        params={"value": value[:40]},
        field="commune",
    )
