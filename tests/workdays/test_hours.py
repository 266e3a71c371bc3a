"""Office hours are read from `HH:MM-HH:MM` periods and refused with a stable code when malformed."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from motcua.core.errors import ApplicationError
from motcua.workdays.hours import OfficeHours


def test_default_office_hours_make_an_eight_hour_day_with_a_lunch_break():
    hours = OfficeHours.parse("07:00-11:30,13:30-17:00")

    assert hours.day_length == timedelta(hours=8)
    assert (hours.opening, hours.closing) == (time(7), time(17))
    assert str(hours) == "07:00-11:30,13:30-17:00"


def test_office_hours_accept_spaces_en_dashes_semicolons_and_seconds():
    hours = OfficeHours.parse(" 7:30 – 11:30 ; 13:00-16:30:30 ")

    assert str(hours) == "07:30-11:30,13:00-16:30:30"
    assert hours.day_length == timedelta(hours=7, minutes=30, seconds=30)


@pytest.mark.parametrize(
    ("spec", "code"),
    [
        ("", "workdays_hours_empty"),
        (" , ", "workdays_hours_empty"),
        ("9-5", "workdays_hours_malformed"),
        ("07:00-25:00", "workdays_hours_malformed"),
        ("07:60-11:00", "workdays_hours_malformed"),
        ("07:00", "workdays_hours_malformed"),
        ("11:30-07:00", "workdays_hours_reversed"),
        ("07:00-07:00", "workdays_hours_reversed"),
        ("07:00-12:00,11:00-17:00", "workdays_hours_overlap"),
        ("13:30-17:00,07:00-11:30", "workdays_hours_overlap"),
    ],
)
def test_malformed_office_hours_are_refused_with_a_stable_code(spec, code):
    with pytest.raises(ApplicationError) as caught:
        OfficeHours.parse(spec)

    assert caught.value.code == code
    assert "Office hours" in caught.value.render("en")


def test_adjacent_periods_are_allowed():
    assert OfficeHours.parse("07:00-11:30,11:30-16:00").day_length == timedelta(hours=9)
