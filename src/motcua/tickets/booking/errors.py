"""Errors of online booking: one function per rule, each with a stable code and a bilingual message."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


def service_not_bookable() -> ApplicationError:
    return ApplicationError(
        "booking_service_not_bookable",
        _("This service cannot be booked online at this centre. Please come and take a ticket at the kiosk."),
        field="service",
        status=409,
    )


def slot_not_offered() -> ApplicationError:
    return ApplicationError(
        "booking_slot_not_offered",
        _("This time is not offered for booking. Choose one of the times shown."),
        field="slot",
    )


def slot_past() -> ApplicationError:
    return ApplicationError(
        "booking_slot_past",
        _("This time has passed or is less than an hour away. Choose a later time."),
        field="slot",
        status=409,
    )


def slot_full() -> ApplicationError:
    return ApplicationError(
        "booking_slot_full",
        _("This time has just been fully booked. Choose another time."),
        field="slot",
        status=409,
    )


def name_missing() -> ApplicationError:
    return ApplicationError("booking_name_missing", _("Enter your full name."), field="name")


def phone_invalid() -> ApplicationError:
    return ApplicationError(
        "booking_phone_invalid",
        _("Enter a Vietnamese mobile number: 10 digits starting with 0 (e.g. 0912 345 678) or +84."),
        field="phone",
    )


def email_invalid() -> ApplicationError:
    return ApplicationError(
        "booking_email_invalid", _("Enter a valid e-mail address, or leave it empty."), field="email"
    )


def day_not_offered() -> ApplicationError:
    return ApplicationError(
        "booking_day_not_offered",
        _("This day is not offered for booking. Choose one of the days shown."),
        field="day",
    )


def appointment_not_found() -> ApplicationError:
    return ApplicationError("booking_appointment_not_found", _("No appointment has this code."), field="code")


def cancel_closed(*, status: str) -> ApplicationError:
    return ApplicationError(
        "booking_cancel_closed",
        _("This appointment cannot be cancelled: it is %(status)s."),
        params={"status": status},
        status=409,
    )


def cancel_too_late() -> ApplicationError:
    return ApplicationError(
        "booking_cancel_too_late",
        _("The appointment's time has begun: it can no longer be cancelled."),
        status=409,
    )
