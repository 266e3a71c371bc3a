"""Typed-in instants and amounts, and the system check on the calendar settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation

from motcua.core.errors import ApplicationError
from motcua.workdays.checks import check_workday_settings
from motcua.workdays.formatting import describe_working_time, iso_duration
from motcua.workdays.parsing import parse_amount, parse_instant

from .support import TZ


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-04-26T09:30", datetime(2025, 4, 26, 9, 30, tzinfo=TZ)),
        ("2025-04-26 09:30:15.5", datetime(2025, 4, 26, 9, 30, 15, 500000, tzinfo=TZ)),
        ("2025-04-26T02:30:00Z", datetime(2025, 4, 26, 2, 30, tzinfo=UTC)),
        ("26/04/2025 09:30", datetime(2025, 4, 26, 9, 30, tzinfo=TZ)),
        ("09:30  26/04/2025", datetime(2025, 4, 26, 9, 30, tzinfo=TZ)),
        ("26/04/2025", datetime(2025, 4, 26, tzinfo=TZ)),
    ],
)
def test_instants_are_read_as_iso_8601_or_vietnamese_dates_in_local_time(text, expected):
    parsed = parse_instant(text, tz=TZ)

    assert parsed == expected
    assert parsed.utcoffset() is not None


@pytest.mark.parametrize("text", ["", "26/13/2025 09:00", "tomorrow", "2025-02-30"])
def test_unreadable_instants_are_refused(text):
    with pytest.raises(ApplicationError) as caught:
        parse_instant(text, tz=TZ)

    assert caught.value.code == "workdays_invalid_instant"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", Fraction(3)),
        ("0.5", Fraction(1, 2)),
        ("0,25", Fraction(1, 4)),
        ("1/3", Fraction(1, 3)),
        (".5", Fraction(1, 2)),
    ],
)
def test_amounts_are_exact_and_accept_the_vietnamese_decimal_comma(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "1/0", "1e3", "nan", "1,2,3"])
def test_unreadable_amounts_are_refused(text):
    with pytest.raises(ApplicationError) as caught:
        parse_amount(text)

    assert caught.value.code == "workdays_invalid_amount"


def test_iso_durations_are_in_hours_minutes_and_seconds():
    assert iso_duration(timedelta(hours=26, minutes=30)) == "PT26H30M"
    assert iso_duration(timedelta(microseconds=1)) == "PT0.000001S"
    assert iso_duration(-timedelta(minutes=5)) == "-PT5M"
    with translation.override("en"):
        assert (
            describe_working_time(timedelta(hours=8), day_length=timedelta(hours=8)) == "1 day 00:00 working time (8 h)"
        )


def test_the_default_settings_pass_the_system_check():
    assert check_workday_settings() == []


def test_unreadable_office_hours_stop_the_system_check(settings):
    settings.WORKDAY_HOURS = "7h-11h30"
    settings.WORKDAY_SAME_DAY_CUTOFF = "3pm"

    ids = [problem.id for problem in check_workday_settings()]

    assert ids == ["workdays.E001", "workdays.E002"]


def test_a_day_length_different_from_the_hours_per_day_is_reported(settings):
    settings.WORKDAY_HOURS = "07:30-11:30,13:00-16:30"
    settings.WORKDAY_HOURS_PER_DAY = Decimal("8")

    assert [problem.id for problem in check_workday_settings()] == ["workdays.W001"]


@pytest.mark.parametrize("value", [0, -1, 25, "eight", float("inf")])
def test_impossible_hours_per_day_stop_the_system_check(settings, value):
    settings.WORKDAY_HOURS_PER_DAY = value

    assert [problem.id for problem in check_workday_settings()] == ["workdays.E003"]
