"""Every rule the working-day calendar can refuse, one function each, with a stable code.

The codes are what APIs and tests match on; the messages are English msgids translated lazily, so the
same error reads in Vietnamese or English (:meth:`ApplicationError.bilingual`).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


def hours_empty(*, value: str) -> ApplicationError:
    return ApplicationError(
        "workdays_hours_empty",
        _("Office hours “%(value)s” are empty: give at least one period such as 07:00-11:30."),
        params={"value": value},
    )


def hours_malformed(*, value: str, part: str) -> ApplicationError:
    return ApplicationError(
        "workdays_hours_malformed",
        _("Office hours “%(value)s”: “%(part)s” is not a period written HH:MM-HH:MM (24-hour clock)."),
        params={"value": value, "part": part},
    )


def hours_reversed(*, value: str, part: str) -> ApplicationError:
    return ApplicationError(
        "workdays_hours_reversed",
        _("Office hours “%(value)s”: the period “%(part)s” does not end after it starts."),
        params={"value": value, "part": part},
    )


def hours_overlap(*, value: str) -> ApplicationError:
    return ApplicationError(
        "workdays_hours_overlap",
        _("Office hours “%(value)s”: periods must be in time order and must not overlap."),
        params={"value": value},
    )


def cutoff_malformed(*, value: str) -> ApplicationError:
    return ApplicationError(
        "workdays_cutoff_malformed",
        _("The same-day cut-off “%(value)s” is not a time written HH:MM."),
        params={"value": value},
    )


def hours_per_day_invalid(*, value: Any) -> ApplicationError:
    return ApplicationError(
        "workdays_hours_per_day_invalid",
        _("Working hours per day must be a number greater than 0 and at most 24, not “%(value)s”."),
        params={"value": value},
    )


def naive_datetime(*, value: Any) -> ApplicationError:
    return ApplicationError(
        "workdays_naive_datetime",
        _("The instant %(value)s has no time zone; working-time arithmetic needs an aware date and time."),
        params={"value": value},
    )


def out_of_range(*, value: Any, first: int, last: int) -> ApplicationError:
    return ApplicationError(
        "workdays_out_of_range",
        _("%(value)s is outside the working-day calendar, which covers %(first)s to %(last)s."),
        params={"value": value, "first": first, "last": last},
    )


def invalid_amount(*, value: Any) -> ApplicationError:
    return ApplicationError(
        "workdays_invalid_amount",
        _("“%(value)s” is not a valid amount of time: give a finite number such as 3, 0.5 or 0.25."),
        params={"value": value},
    )


def amount_missing() -> ApplicationError:
    return ApplicationError("workdays_amount_missing", _("Give the time limit after the start instant, e.g. 3 or 0.5."))


def negative_calendar_days(*, value: Any) -> ApplicationError:
    return ApplicationError(
        "workdays_negative_calendar_days",
        _("A calendar-day limit must be a whole number of days, zero or more, not “%(value)s”."),
        params={"value": value},
    )


def invalid_instant(*, value: str) -> ApplicationError:
    return ApplicationError(
        "workdays_invalid_instant",
        _("“%(value)s” is not a date and time: write ISO 8601 (2025-04-26T09:30) or dd/mm/yyyy HH:MM."),
        params={"value": value},
    )


def override_invalid(*, day: Any, details: str) -> ApplicationError:
    return ApplicationError(
        "workdays_override_invalid",
        _("The calendar override for %(day)s is not valid: %(details)s"),
        params={"day": day, "details": details},
    )


def clock_already_paused() -> ApplicationError:
    return ApplicationError("workdays_clock_already_paused", _("The processing clock is already paused."))


def clock_not_paused() -> ApplicationError:
    return ApplicationError("workdays_clock_not_paused", _("The processing clock is not paused, so it cannot resume."))


def clock_time_reversed(*, at: Any, last: Any) -> ApplicationError:
    return ApplicationError(
        "workdays_clock_time_reversed",
        _("The processing clock cannot move back in time: %(at)s is before %(last)s."),
        params={"at": at, "last": last},
    )


def clock_state_invalid(*, reason: str) -> ApplicationError:
    return ApplicationError(
        "workdays_clock_state_invalid",
        _("The stored processing clock cannot be read: %(reason)s."),
        params={"reason": reason},
    )
