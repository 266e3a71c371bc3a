"""Benchmark: appointments with the working-day engine against a naive day-by-day loop.

Computes 1,000,000 appointment instants (random receptions over 2025–2027, limits of 1–30 working days)
with :class:`WorkCalendar`, then the same on a sample with the loop it replaces (step one day at a
time, skipping weekends and holidays), checks that both agree on the sample and prints the throughput
of each and their ratio. No database: the shipped 2025–2026 schedule is passed to the engine directly.

    DJANGO_SETTINGS_MODULE=motcua.conf.test .venv/bin/python bench/workdays_bench.py [--count N] [--sample N]
"""

# ruff: noqa: E402 - the project's imports follow the sys.path and settings set-up below
from __future__ import annotations

import argparse
import importlib
import os
import random
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo
from datetime import time as clock_time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.conf.test")

import django

django.setup()

import holidays
from django.conf import settings

from motcua.workdays.calendar import WorkCalendar
from motcua.workdays.hours import OfficeHours
from motcua.workdays.hours import clock_time as to_clock

shipped = importlib.import_module("motcua.workdays.migrations.0003_announced_schedules_2025_2026")

Period = tuple[clock_time, clock_time]


def shipped_overrides() -> dict[date, bool]:
    return {date.fromisoformat(day): kind == "working" for day, kind, _name, _basis in shipped.ANNOUNCED}


def naive_working_day_predicate(overrides: dict[date, bool]) -> Callable[[date], bool]:
    """Per-day lookups in plain sets: the baseline's own holiday data, built from the package directly."""
    base = holidays.country_holidays("VN", years=range(2024, 2031))
    days_off, weekend_worked = set(base), set(base.weekend_workdays)

    def is_working_day(day: date) -> bool:
        if day in overrides:
            return overrides[day]
        if day in days_off:
            return False
        return day in weekend_worked or day.weekday() < 5

    return is_working_day


def naive_add_working_days(
    start: datetime, days: int, *, is_working_day: Callable[[date], bool], periods: list[Period], tz: tzinfo
) -> datetime:
    """The loop the engine replaces, with the engine's conventions (see ``motcua.workdays.calendar``)."""
    local = start.astimezone(tz)
    day, clock = local.date(), local.time()
    # Normalise: inside a period (ends included) stays; before a period moves to its opening; else next day.
    while True:
        if is_working_day(day):
            following = [(opens, closes) for opens, closes in periods if clock <= closes]
            if following:
                clock = max(clock, following[0][0])
                break
        day, clock = day + timedelta(days=1), clock_time(0)
    opening_of = [opens for opens, _closes in periods]
    steps, at_end_of = days, None
    if clock in opening_of:  # an opening is the same working moment as the previous period's close
        index = opening_of.index(clock)
        if index == 0:
            steps, at_end_of = days - 1, periods[-1][1]
        else:
            at_end_of = periods[index - 1][1]
    for _ in range(steps):
        day += timedelta(days=1)
        while not is_working_day(day):
            day += timedelta(days=1)
    return datetime.combine(day, at_end_of or clock, tzinfo=tz)


def random_receptions(count: int, rng: random.Random, tz: tzinfo) -> list[tuple[datetime, int]]:
    first = datetime(2025, 1, 1, tzinfo=tz).timestamp()
    span = datetime(2028, 1, 1, tzinfo=tz).timestamp() - first
    return [
        (datetime.fromtimestamp(first + rng.random() * span, tz).replace(microsecond=rng.randrange(10**6)), n)
        for n in (rng.randint(1, 30) for _ in range(count))
    ]


def best_of(repeat: int, run: Callable[[], None]) -> float:
    """Best wall time of ``repeat`` runs: the least disturbed by other processes on a shared machine."""
    timings = []
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000, help="appointments computed by the engine")
    parser.add_argument("--sample", type=int, default=20_000, help="appointments computed by the naive loop")
    parser.add_argument("--seed", type=int, default=20250426)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each; the best is reported")
    args = parser.parse_args()

    overrides = shipped_overrides()
    hours = OfficeHours.parse(settings.WORKDAY_HOURS)
    tz_name = settings.TIME_ZONE

    started = time.perf_counter()
    calendar = WorkCalendar(hours=hours, overrides=overrides, tz=tz_name, hours_per_day=settings.WORKDAY_HOURS_PER_DAY)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    WorkCalendar(hours=hours, overrides=overrides, tz=tz_name, hours_per_day=settings.WORKDAY_HOURS_PER_DAY)
    warm = time.perf_counter() - started
    print(
        f"calendar {calendar.first_year}–{calendar.last_year}: built in {cold * 1000:.0f} ms cold "
        f"(holidays package, day tables), {warm * 1000:.1f} ms when only the overrides change"
    )

    rng = random.Random(args.seed)
    receptions = random_receptions(args.count, rng, calendar.tz)
    print(f"{len(receptions):,} random receptions 2025–2027 with limits of 1–30 working days")

    add = calendar.add_working_days

    def engine_run() -> None:
        for start, days in receptions:
            add(start, days)

    engine_seconds = best_of(args.repeat, engine_run)
    engine_rate = len(receptions) / engine_seconds

    sample = receptions[: args.sample]
    is_working_day = naive_working_day_predicate(overrides)
    periods = [(to_clock(opens), to_clock(closes)) for opens, closes in hours.periods]
    naive: list[datetime] = []

    def naive_run() -> None:
        naive[:] = [
            naive_add_working_days(start, days, is_working_day=is_working_day, periods=periods, tz=calendar.tz)
            for start, days in sample
        ]

    naive_seconds = best_of(args.repeat, naive_run)
    naive_rate = len(sample) / naive_seconds

    disagreements = [
        (start, days, expected, add(start, days))
        for (start, days), expected in zip(sample, naive, strict=True)
        if add(start, days) != expected
    ]
    print(f"agreement on the sample: {len(sample) - len(disagreements):,}/{len(sample):,}")
    for start, days, expected, got in disagreements[:5]:
        print(f"  {start.isoformat()} + {days}: naive {expected.isoformat()} engine {got.isoformat()}")
    best = f"best of {args.repeat}"
    print(f"engine: {engine_rate:,.0f} appointments/s ({len(receptions):,} in {engine_seconds:.2f} s, {best})")
    print(f"naive loop: {naive_rate:,.0f} appointments/s ({len(sample):,} in {naive_seconds:.2f} s, {best})")
    print(f"ratio X/Y = {engine_rate / naive_rate:.1f}×")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
