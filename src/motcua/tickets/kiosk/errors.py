"""Errors of the visitor's pages (kiosk, phone ticket, ticket page, rating pad): one function per rule."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


def phone_tickets_too_many(*, limit: int) -> ApplicationError:
    return ApplicationError(
        "queue_phone_tickets_too_many",
        _("At most %(limit)s tickets an hour can be taken from one phone or network. Please take one at the kiosk."),
        params={"limit": limit},
        status=429,
    )


def robot_refused() -> ApplicationError:
    return ApplicationError(
        "queue_robot_refused",
        _("This request looks automated and was not accepted. If you are a person, please try again."),
        status=400,
    )


def rating_ticket_gone() -> ApplicationError:
    return ApplicationError(
        "queue_rating_ticket_gone",
        _("The time to rate this service has passed. Thank you."),
        status=409,
    )


def kiosk_flooded(*, limit: int) -> ApplicationError:
    return ApplicationError(
        "queue_kiosk_flooded",
        _("This kiosk has issued %(limit)s tickets in the last minute. Please wait a moment, then touch again."),
        params={"limit": limit},
        status=429,
    )
