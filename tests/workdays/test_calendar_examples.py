"""Worked examples of the engine against the 2025–2026 schedule: weekends, Tết, swaps, lunch, after hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from motcua.core.errors import ApplicationError
from motcua.workdays.calendar import LimitUnit, WorkCalendar

from .support import TZ, at, shipped_overrides


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        ("2025-03-07 09:15", 1, "2025-03-10 09:15"),  # Friday → Monday, same clock time
        ("2025-01-24 09:15", 3, "2025-02-05 09:15"),  # Tết Ất Tỵ 25/1–2/2/2025 skipped
        ("2026-02-13 10:00", 1, "2026-02-23 10:00"),  # Tết Bính Ngọ 14/2–22/2/2026 skipped
        ("2025-04-25 10:00", 1, "2025-04-26 10:00"),  # make-up Saturday 26/4/2025 is worked
        ("2025-04-25 10:00", 4, "2025-05-05 10:00"),  # 30/4, 1/5 and swapped Friday 2/5 skipped
        ("2025-12-31 09:00", 2, "2026-01-06 09:00"),  # 1/1 and swapped Friday 2/1/2026 skipped
        ("2026-01-09 09:00", 1, "2026-01-10 09:00"),  # make-up Saturday 10/1/2026 is worked
        ("2025-08-29 09:00", 1, "2025-09-03 09:00"),  # National Day 1/9–2/9/2025
        ("2026-04-24 09:00", 1, "2026-04-28 09:00"),  # Hùng Kings 26/4/2026 on Sunday → Monday 27/4 off
        ("2026-11-23 09:00", 1, "2026-11-24 09:00"),  # 24/11 (Vietnam Culture Day) is not a holiday in law
    ],
)
def test_whole_working_days_land_at_the_same_clock_time_n_working_days_later(calendar, received, days, due):
    assert calendar.add_working_days(at(received), days) == at(due)


def test_reception_after_closing_counts_from_the_next_morning_and_is_due_at_a_closing(calendar):
    received = at("2025-03-07 17:30")  # Friday evening

    assert calendar.next_working_instant(received) == at("2025-03-10 07:00")
    assert calendar.add_working_days(received, 1) == at("2025-03-10 17:00")
    assert calendar.add_working_days(received, 2) == at("2025-03-11 17:00")


def test_reception_during_lunch_counts_from_the_afternoon_opening(calendar):
    received = at("2025-03-11 12:00")

    assert calendar.next_working_instant(received) == at("2025-03-11 13:30")
    assert calendar.add_working_days(received, 0.5) == at("2025-03-12 07:30")
    # The budget is used up at 11:30 the next day: the earliest instant, not 13:30 after lunch.
    assert calendar.add_working_days(received, 1) == at("2025-03-12 11:30")


def test_reception_before_opening_or_on_a_day_off_moves_to_the_next_opening(calendar):
    assert calendar.next_working_instant(at("2025-03-11 06:00")) == at("2025-03-11 07:00")
    assert calendar.next_working_instant(at("2025-03-08 10:00")) == at("2025-03-10 07:00")  # Saturday
    assert calendar.next_working_instant(at("2025-01-29 10:00")) == at("2025-02-03 07:00")  # Tết
    assert calendar.add_working_days(at("2025-03-11 06:00"), 1) == at("2025-03-11 17:00")


def test_a_working_instant_including_the_closing_instant_is_kept_as_is(calendar):
    for text in ("2025-03-11 07:00", "2025-03-11 11:30", "2025-03-11 16:59:59.999999", "2025-03-11 17:00"):
        assert calendar.is_working_instant(at(text))
        assert calendar.next_working_instant(at(text)) == at(text)
    assert not calendar.is_working_instant(at("2025-03-11 17:00:00.000001"))
    assert not calendar.is_working_instant(at("2025-04-30 09:00"))


@pytest.mark.parametrize(
    ("days", "due"),
    [
        (Decimal("0.25"), "2025-03-11 11:00"),
        (0.5, "2025-03-11 15:00"),
        (Fraction(3, 4), "2025-03-11 17:00"),
        (1.5, "2025-03-12 15:00"),
        ("0", "2025-03-11 09:00"),
    ],
)
def test_fractions_of_a_day_are_working_hours_of_an_eight_hour_day(calendar, days, due):
    amount = Decimal(days) if isinstance(days, str) else days
    assert calendar.add_working_days(at("2025-03-11 09:00"), amount) == at(due)


def test_working_hours_continue_past_closing_into_the_next_working_day(calendar):
    assert calendar.add_working_hours(at("2025-03-10 16:00"), 2) == at("2025-03-11 08:00")
    assert calendar.add_working_hours(at("2025-04-29 16:00"), 1) == at("2025-04-29 17:00")
    assert calendar.add_working_hours(at("2025-04-29 16:00"), 2) == at("2025-05-05 08:00")
    assert calendar.add_working_time(at("2025-03-10 11:00"), timedelta(minutes=45)) == at("2025-03-10 13:45")


def test_a_negative_amount_goes_back_in_working_time_for_early_warnings(calendar):
    assert calendar.add_working_days(at("2025-03-11 09:00"), -1) == at("2025-03-10 09:00")
    assert calendar.add_working_days(at("2025-05-05 09:00"), -1) == at("2025-04-29 09:00")


def test_calendar_day_limit_ending_on_a_holiday_ends_at_the_close_of_the_next_working_day(calendar):
    assert calendar.add_calendar_days(at("2025-01-20 09:00"), 7) == at("2025-02-03 17:00")  # 27/1 is Tết


def test_calendar_day_limit_ends_at_the_close_of_its_last_day_or_the_next_working_day(calendar):
    assert calendar.add_calendar_days(at("2025-03-03 09:00"), 10) == at("2025-03-13 17:00")
    assert calendar.add_calendar_days(at("2025-03-03 09:00"), 5) == at("2025-03-10 17:00")  # Saturday → Monday
    assert calendar.add_calendar_days(at("2025-03-07 18:00"), 3) == at("2025-03-13 17:00")  # counted from Monday
    assert calendar.add_calendar_days(at("2025-03-03 09:00"), 0) == at("2025-03-03 17:00")


@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("2025-03-11 14:59:59.999999", "2025-03-11 17:00"),
        ("2025-03-11 15:00", "2025-03-11 17:00"),  # 15:00:00 is not "after 15:00"
        ("2025-03-11 15:00:00.000001", "2025-03-12 17:00"),
        ("2025-03-11 15:00:01", "2025-03-12 17:00"),
        ("2025-03-11 12:00", "2025-03-11 17:00"),  # lunch, counted from 13:30
        ("2025-03-07 15:30", "2025-03-10 17:00"),  # Friday after the cut-off → Monday
        ("2025-04-25 15:30", "2025-04-26 17:00"),  # → make-up Saturday
        ("2025-03-08 10:00", "2025-03-10 17:00"),  # Saturday → Monday, before the cut-off
        ("2025-03-10 18:00", "2025-03-11 17:00"),  # after closing → next morning, before the cut-off
    ],
)
def test_same_day_rule_is_due_at_closing_today_up_to_the_cut_off_else_next_working_day(calendar, received, due):
    assert calendar.same_day_due(at(received)) == at(due)


def test_due_at_applies_the_rule_of_each_limit_unit(calendar):
    received = at("2025-03-11 09:00")

    assert calendar.due_at(received, amount=2, unit=LimitUnit.WORKING_DAYS) == at("2025-03-13 09:00")
    assert calendar.due_at(received, amount=3, unit="working_hours") == at("2025-03-11 14:00")
    assert calendar.due_at(received, amount=2.5, unit="working_hours") == at("2025-03-11 11:30")
    assert calendar.due_at(received, amount=4, unit=LimitUnit.CALENDAR_DAYS) == at("2025-03-17 17:00")
    assert calendar.due_at(received, amount=0, unit=LimitUnit.SAME_DAY) == at("2025-03-11 17:00")
    with pytest.raises(ApplicationError) as caught:
        calendar.due_at(received, amount=1.5, unit=LimitUnit.CALENDAR_DAYS)
    assert caught.value.code == "workdays_negative_calendar_days"


def test_microseconds_survive_the_arithmetic(calendar):
    received = at("2025-03-07 09:15:00.123456")

    assert calendar.add_working_days(received, 1) == at("2025-03-10 09:15:00.123456")
    assert calendar.working_time_between(received, at("2025-03-07 09:15:00.123457")) == timedelta(microseconds=1)


def test_instants_in_other_zones_are_computed_in_hanoi_time_and_returned_in_hanoi_time(calendar):
    due = calendar.add_working_days(datetime(2025, 3, 7, 2, 15, tzinfo=UTC), 1)  # 09:15 in Hanoi

    assert due == at("2025-03-10 09:15")
    assert due.tzinfo == TZ


def test_working_time_and_days_between_two_instants(calendar):
    start, end = at("2025-04-24 09:00"), at("2025-04-28 12:30")  # over the make-up Saturday, end at lunch

    assert calendar.working_time_between(start, end) == timedelta(hours=26, minutes=30)
    assert calendar.working_days_between(start, end) == 3.3125
    assert calendar.working_days_between(end, start) == -3.3125
    assert calendar.working_time_between(at("2025-03-08 08:00"), at("2025-03-09 16:00")) == timedelta(0)


def test_finishing_during_lunch_after_a_due_time_of_1130_is_on_time(calendar):
    due = at("2025-03-12 11:30")

    assert calendar.finished_on_time(finished_at=at("2025-03-12 12:45"), due_at=due)
    assert not calendar.finished_on_time(finished_at=at("2025-03-12 13:31"), due_at=due)


def test_another_locality_may_keep_other_hours(calendar):
    local = WorkCalendar(hours="07:30-11:30,13:00-17:00", overrides=shipped_overrides(), tz=TZ)

    assert local.add_working_hours(at("2025-04-25 08:00"), 4) == at("2025-04-25 13:30")
    assert calendar.add_working_hours(at("2025-04-25 08:00"), 4) == at("2025-04-25 14:00")


def test_when_a_day_is_shorter_than_the_hours_per_day_whole_days_still_keep_the_clock_time():
    short = WorkCalendar(hours="07:30-11:30,13:00-16:30", hours_per_day=8, tz=TZ)  # 7.5 h a day

    assert short.add_working_days(at("2025-03-10 10:00"), 2) == at("2025-03-12 10:00")
    assert short.add_working_days(at("2025-03-10 10:00"), 0.5) == at("2025-03-10 15:30")  # 4 h


def test_day_queries_list_the_schedule(calendar):
    assert calendar.next_working_day(date(2025, 4, 30)) == date(2025, 5, 5)
    assert calendar.next_working_day(date(2025, 4, 25), include=False) == date(2025, 4, 26)
    assert calendar.working_days_in(date(2025, 4, 26), date(2025, 5, 4)) == 3  # Saturday 26/4, 28/4 and 29/4
    assert (date(2025, 4, 26), True) in calendar.year_exceptions(2025)
    assert (date(2025, 5, 2), False) in calendar.year_exceptions(2025)
    assert calendar.closing_of(date(2025, 3, 11)) == at("2025-03-11 17:00")


def test_overrides_win_over_the_statutory_calendar():
    plain = WorkCalendar(hours="07:00-11:30,13:30-17:00", tz=TZ)
    edited = WorkCalendar(
        hours="07:00-11:30,13:30-17:00", tz=TZ, overrides={date(2025, 3, 10): False, date(2025, 4, 30): True}
    )

    assert plain.is_working_day(date(2025, 3, 10)) and not edited.is_working_day(date(2025, 3, 10))
    assert not plain.is_working_day(date(2025, 4, 30)) and edited.is_working_day(date(2025, 4, 30))
    assert edited.add_working_days(at("2025-03-07 09:00"), 1) == at("2025-03-11 09:00")


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda c: c.add_working_days(datetime(2025, 3, 7, 9), 1), "workdays_naive_datetime"),
        (lambda c: c.add_working_days(at("2099-12-31 09:00"), 5), "workdays_out_of_range"),
        (lambda c: c.is_working_day(date(1999, 12, 31)), "workdays_out_of_range"),
        (lambda c: c.add_working_days(at("2025-03-07 09:00"), float("nan")), "workdays_invalid_amount"),
        (lambda c: c.add_working_days(at("2025-03-07 09:00"), True), "workdays_invalid_amount"),
        (lambda c: c.add_calendar_days(at("2025-03-07 09:00"), -1), "workdays_negative_calendar_days"),
    ],
)
def test_invalid_calls_raise_an_application_error_with_a_stable_code(calendar, call, code):
    with pytest.raises(ApplicationError) as caught:
        call(calendar)

    assert caught.value.code == code


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"hours_per_day": 0}, "workdays_hours_per_day_invalid"),
        ({"hours_per_day": "eight"}, "workdays_hours_per_day_invalid"),
        ({"same_day_cutoff": "3pm"}, "workdays_cutoff_malformed"),
        ({"hours": "07:00-11:30,11:00-17:00"}, "workdays_hours_overlap"),
    ],
)
def test_a_calendar_with_unreadable_settings_is_refused(kwargs, code):
    with pytest.raises(ApplicationError) as caught:
        WorkCalendar(**{"hours": "07:00-11:30,13:30-17:00", **kwargs})

    assert caught.value.code == code


@pytest.mark.parametrize(
    ("received", "after_cutoff", "counts_from"),
    [
        ("2025-03-11 15:00", False, "2025-03-11 15:00"),  # not after the cut-off: at once
        ("2025-03-11 15:00:01", True, "2025-03-12 07:00"),  # after it: the next working morning
        ("2025-03-07 16:30", True, "2025-03-10 07:00"),  # Friday afternoon → Monday morning
        ("2025-03-11 12:00", False, "2025-03-11 13:30"),  # lunch: the afternoon opening, before the cut-off
        ("2025-03-11 18:00", False, "2025-03-12 07:00"),  # after closing: the next morning, at once
    ],
)
def test_transfer_of_a_dossier_received_after_the_cut_off_counts_from_the_next_working_morning(
    calendar, received, after_cutoff, counts_from
):
    assert calendar.received_after_cutoff(at(received)) is after_cutoff
    assert calendar.transfer_counts_from(at(received)) == at(counts_from)
