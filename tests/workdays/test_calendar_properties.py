"""Properties of the engine over random instants and amounts in 2025–2027, checked with Hypothesis.

The oracle walks office periods one by one, the obvious slow algorithm, independent of the engine's
prefix sums.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from .support import CALENDAR, TZ, shipped_overrides

PERIODS = ((time(7), time(11, 30)), (time(13, 30), time(17)))
OVERRIDES = shipped_overrides()
SETTINGS = settings(max_examples=150, deadline=None)

BOUNDARIES = [time(0), time(6, 59, 59, 999999), time(7), time(9, 15, 0, 1), time(11, 30), time(11, 30, 0, 1)]
BOUNDARIES += [time(12), time(13, 30), time(14, 59, 59, 999999), time(15), time(17), time(17, 0, 0, 1), time(23, 59)]

random_instants = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31, 23, 59, 59, 999999), timezones=st.just(TZ)
)
boundary_instants = st.builds(
    lambda day, clock: datetime.combine(day, clock, tzinfo=TZ),
    st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)),
    st.sampled_from(BOUNDARIES),
)
instants = st.one_of(random_instants, boundary_instants)
day_amounts = st.decimals(min_value=0, max_value=40, places=3)
hour_amounts = st.decimals(min_value=Decimal("0.001"), max_value=200, places=3)


@cache
def _statutory(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=year, language="en_US")


def oracle_is_working_day(day: date) -> bool:
    if day in OVERRIDES:
        return OVERRIDES[day]
    base = _statutory(day.year)
    # Vietnam Cultural Day (and its nghỉ bù) is in the package but not in law (docs/domain.md, "Holidays").
    if day in base and not all("Cultural Day" in name for name in base.get_list(day)):
        return False
    return day in base.weekend_workdays or day.weekday() < 5


def oracle_add(start: datetime, amount: timedelta) -> datetime:
    """Walk period by period, spending the amount; stop at the first instant it is used up."""
    local = start.astimezone(TZ)
    day, clock = local.date(), local.timetz().replace(tzinfo=None)
    remaining = amount
    while True:
        if oracle_is_working_day(day):
            for opens, closes in PERIODS:
                if clock > closes:
                    continue
                begin = datetime.combine(day, max(clock, opens), tzinfo=TZ)
                end = datetime.combine(day, closes, tzinfo=TZ)
                if remaining == timedelta(0):
                    return begin
                if remaining <= end - begin:
                    return begin + remaining
                remaining -= end - begin
        day, clock = day + timedelta(days=1), time(0)


def hours(amount: Decimal) -> timedelta:
    return timedelta(microseconds=int(amount * 3_600_000_000))


@SETTINGS
@given(start=instants, days=day_amounts)
def test_adding_working_days_agrees_with_walking_the_office_periods(start, days):
    assert CALENDAR.add_working_days(start, days) == oracle_add(start, hours(days * 8))


@SETTINGS
@given(start=instants, amount=hour_amounts)
def test_adding_working_hours_agrees_with_walking_the_office_periods(start, amount):
    assert CALENDAR.add_working_hours(start, amount) == oracle_add(start, hours(amount))


@SETTINGS
@given(start=instants, days=day_amounts)
def test_the_working_time_between_reception_and_due_is_exactly_the_limit(start, days):
    due = CALENDAR.add_working_days(start, days)

    assert CALENDAR.working_time_between(start, due) == hours(days * 8)
    assert abs(CALENDAR.working_days_between(start, due) - float(days)) < 1e-9


@SETTINGS
@given(start=instants, days=day_amounts)
def test_a_due_instant_is_a_working_instant_never_before_the_normalised_reception(start, days):
    due = CALENDAR.add_working_days(start, days)

    assert CALENDAR.is_working_instant(due)
    assert due >= CALENDAR.next_working_instant(start)
    assert due.tzinfo == TZ


@SETTINGS
@given(first=instants, second=instants, days=day_amounts)
def test_a_later_reception_is_never_due_earlier(first, second, days):
    early, late = sorted((first, second))
    assert CALENDAR.add_working_days(early, days) <= CALENDAR.add_working_days(late, days)


@SETTINGS
@given(start=instants, one=day_amounts, other=day_amounts)
def test_a_longer_limit_is_never_due_earlier(start, one, other):
    short, long = sorted((one, other))
    assert CALENDAR.add_working_days(start, short) <= CALENDAR.add_working_days(start, long)


@SETTINGS
@given(start=instants, first=hour_amounts, second=hour_amounts)
def test_adding_hours_in_two_steps_equals_adding_them_at_once(start, first, second):
    in_steps = CALENDAR.add_working_hours(CALENDAR.add_working_hours(start, first), second)

    assert in_steps == CALENDAR.add_working_hours(start, first + second)


@SETTINGS
@given(start=instants)
def test_normalising_skips_no_working_time_and_is_idempotent(start):
    normalised = CALENDAR.next_working_instant(start)

    assert normalised >= start
    assert CALENDAR.is_working_instant(normalised)
    assert CALENDAR.working_time_between(start, normalised) == timedelta(0)
    assert CALENDAR.next_working_instant(normalised) == normalised


@SETTINGS
@given(start=instants, days=st.integers(min_value=0, max_value=60))
def test_a_calendar_day_limit_ends_at_a_closing_after_only_days_off(start, days):
    due = CALENDAR.add_calendar_days(start, days)
    last_day = CALENDAR.next_working_instant(start).date() + timedelta(days=days)

    assert due.timetz().replace(tzinfo=None) == time(17)
    assert CALENDAR.is_working_day(due.date())
    assert due.date() >= last_day
    assert all(not CALENDAR.is_working_day(last_day + timedelta(days=i)) for i in range((due.date() - last_day).days))


@SETTINGS
@given(start=instants)
def test_same_day_rule_is_due_today_exactly_when_counted_from_up_to_the_cut_off(start):
    counted_from = CALENDAR.next_working_instant(start)
    due = CALENDAR.same_day_due(start)

    assert due.timetz().replace(tzinfo=None) == time(17)
    if counted_from.time() <= time(15):  # 15:00:00 is not "after 15:00"
        assert due.date() == counted_from.date()
    else:
        assert due.date() == CALENDAR.next_working_day(counted_from.date(), include=False)


@SETTINGS
@given(first=instants, second=instants)
def test_working_time_between_is_antisymmetric_and_never_exceeds_elapsed_time(first, second):
    forward = CALENDAR.working_time_between(first, second)

    assert CALENDAR.working_time_between(second, first) == -forward
    assert abs(forward) <= abs(second - first)
