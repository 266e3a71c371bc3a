"""Errors of the calling pages (the clerk's queue panel, the display): one function per rule, a stable code, a
bilingual message and its HTTP status. The queue's own rules are in ``motcua.tickets.errors``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


def counter_unknown() -> ApplicationError:
    return ApplicationError(
        "queue_counter_not_found",
        _("Choose one of the counters listed."),
        field="counter",
        status=404,
    )


def label_invalid() -> ApplicationError:
    return ApplicationError(
        "queue_label_invalid",
        _("Type a ticket number as printed on the ticket, e.g. A012."),
        field="label",
    )


def speech_unavailable() -> ApplicationError:
    return ApplicationError(
        "queue_speech_unavailable",
        _("The spoken call is not available on this server (espeak-ng is not installed): the call is shown only."),
        status=503,
    )


def panel_stale(*, shown: str, serving: str) -> ApplicationError:
    return ApplicationError(
        "queue_panel_stale",
        _(
            "Your panel was out of date (it showed “%(shown)s”, the counter serves “%(serving)s”): nothing was done. "
            "Here is the counter as it is now."
        ),
        params={"shown": shown or "—", "serving": serving or "—"},
        status=409,
    )


def after_invalid() -> ApplicationError:
    return ApplicationError(
        "queue_after_invalid",
        _("“after” must be the id of the last call the display received (a whole number)."),
        field="after",
    )
