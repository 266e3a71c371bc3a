"""The pausable processing clock: supplement pauses move the due instant by exactly the paused working time."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.core.errors import ApplicationError
from motcua.workdays.clock import ProcessingClock

from .support import CALENDAR, TZ, at


def _clock(received: str = "2025-03-10 09:00", days: int = 5) -> ProcessingClock:
    start = at(received)
    return ProcessingClock.start(started_at=start, due_at=CALENDAR.add_working_days(start, days))


def test_a_supplement_pause_moves_the_due_instant_by_the_working_time_paused():
    clock = _clock()  # due Monday 17/3/2025 09:00
    paused = clock.pause(at=at("2025-03-11 15:00"))
    resumed = paused.resume(at=at("2025-03-13 10:00"), calendar=CALENDAR)  # 2 h + 8 h + 3 h = 13 h

    assert clock.due_at == at("2025-03-17 09:00")
    assert resumed.pauses[0].working_time == timedelta(hours=13)
    assert resumed.due_at == at("2025-03-18 16:00")  # 6 h on Monday 17/3, 7 h on Tuesday
    assert resumed.base_due_at == clock.due_at
    assert resumed.paused_working_time == timedelta(hours=13)


def test_a_pause_over_a_weekend_and_tet_counts_only_working_time():
    clock = _clock("2025-01-20 09:00", days=10)
    resumed = clock.pause(at=at("2025-01-24 16:00")).resume(at=at("2025-02-03 08:00"), calendar=CALENDAR)

    assert resumed.paused_working_time == timedelta(hours=2)
    assert CALENDAR.working_time_between(clock.due_at, resumed.due_at) == timedelta(hours=2)


def test_a_moved_due_instant_is_re_normalised_to_a_working_instant():
    start = at("2025-03-10 09:00")
    clock = ProcessingClock.start(started_at=start, due_at=at("2025-03-10 16:00"))
    resumed = clock.pause(at=at("2025-03-10 10:00")).resume(at=at("2025-03-10 12:00"), calendar=CALENDAR)

    assert resumed.due_at == at("2025-03-11 07:30")  # 1.5 h paused: 16:00 → 17:00, then 07:00 → 07:30


def test_working_time_used_excludes_pauses_and_freezes_while_paused():
    clock = _clock().pause(at=at("2025-03-10 10:00"))

    assert clock.is_paused
    assert clock.working_time_used(at=at("2025-03-12 10:00"), calendar=CALENDAR) == timedelta(hours=1)
    assert clock.working_time_left(at=at("2025-03-12 10:00"), calendar=CALENDAR) == timedelta(hours=39)
    assert not clock.is_overdue(at=at("2025-04-30 10:00"), calendar=CALENDAR)

    running = clock.resume(at=at("2025-03-11 10:00"), calendar=CALENDAR)
    assert running.working_time_used(at=at("2025-03-11 11:00"), calendar=CALENDAR) == timedelta(hours=2)
    assert running.is_overdue(at=running.due_at + timedelta(minutes=1), calendar=CALENDAR)
    assert not running.is_overdue(at=running.due_at, calendar=CALENDAR)


def test_the_clock_refuses_impossible_transitions():
    clock = _clock()
    paused = clock.pause(at=at("2025-03-11 10:00"))

    with pytest.raises(ApplicationError) as twice:
        paused.pause(at=at("2025-03-11 11:00"))
    with pytest.raises(ApplicationError) as not_paused:
        clock.resume(at=at("2025-03-11 11:00"), calendar=CALENDAR)
    with pytest.raises(ApplicationError) as backwards:
        paused.resume(at=at("2025-03-11 09:00"), calendar=CALENDAR)
    with pytest.raises(ApplicationError) as naive:
        clock.pause(at=datetime(2025, 3, 11, 10))

    assert twice.value.code == "workdays_clock_already_paused"
    assert not_paused.value.code == "workdays_clock_not_paused"
    assert backwards.value.code == "workdays_clock_time_reversed"
    assert naive.value.code == "workdays_naive_datetime"


def test_the_clock_state_round_trips_through_json_to_the_microsecond():
    clock = _clock("2025-03-10 09:00:00.250001")
    clock = clock.pause(at=at("2025-03-11 10:00:00.000007")).resume(at=at("2025-03-12 10:00"), calendar=CALENDAR)
    clock = clock.pause(at=at("2025-03-13 08:00"))

    stored = json.loads(json.dumps(clock.to_json()))

    assert ProcessingClock.from_json(stored) == clock
    assert stored["pauses"][0]["working_us"] == 8 * 3600 * 10**6 - 7
    assert stored["pauses"][1]["resumed_at"] is None


@pytest.mark.parametrize(
    "state",
    [
        {"version": 2},
        {"version": 1, "started_at": "2025-03-10T09:00:00+07:00"},
        {"version": 1, "started_at": "2025-03-10T09:00", "base_due_at": "x", "due_at": "x"},
        {
            "version": 1,
            "started_at": "2025-03-10T09:00:00+07:00",
            "base_due_at": "2025-03-17T09:00:00+07:00",
            "due_at": "2025-03-17T09:00:00+07:00",
            "pauses": [{"paused_at": "2025-03-11T09:00:00+07:00"}, {"paused_at": "2025-03-12T09:00:00+07:00"}],
        },
    ],
)
def test_an_unreadable_stored_clock_is_refused(state):
    with pytest.raises(ApplicationError) as caught:
        ProcessingClock.from_json(state)

    assert caught.value.code == "workdays_clock_state_invalid"


instants = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 6, 30), timezones=st.just(TZ))


@settings(max_examples=150, deadline=None)
@given(
    start=instants,
    days=st.integers(min_value=1, max_value=30),
    pause_after=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=20)),
    pause_for=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=40)),
)
def test_pause_and_resume_shift_the_due_instant_by_exactly_the_paused_working_time(start, days, pause_after, pause_for):
    clock = ProcessingClock.start(started_at=start, due_at=CALENDAR.add_working_days(start, days))
    paused_at = start + pause_after
    resumed = clock.pause(at=paused_at).resume(at=paused_at + pause_for, calendar=CALENDAR)
    paused_working_time = CALENDAR.working_time_between(paused_at, paused_at + pause_for)

    assert CALENDAR.working_time_between(clock.due_at, resumed.due_at) == paused_working_time
    assert CALENDAR.is_working_instant(resumed.due_at)
    assert resumed.due_at >= clock.due_at
    assert clock.working_time_used(at=paused_at, calendar=CALENDAR) == resumed.working_time_used(
        at=paused_at + pause_for, calendar=CALENDAR
    )
