"""The working-day calendar engine: exact, timezone-aware working-time arithmetic, with no database.

**How it is fast.** A calendar is built once for a range of years (2000–2099 by default): one flag per
day, a prefix sum of working days and the sorted list of working days. Every instant then maps to a
*working position*, the number of working microseconds since the start of the range::

    position = (working days before its date) × (working µs per day) + (working µs elapsed that day)

Adding working time is ``position + amount`` and turning a position back into an instant is a
``divmod`` and a list lookup, so every operation is O(1) (O(log p) in the handful of office periods):
no loop over days, whatever the limit.

**Conventions** (decided once here, relied on by the dossier engine and the tests):

* Instants are aware; results are in the calendar's time zone (``settings.TIME_ZONE``). Office hours
  are wall-clock hours of that zone. Amounts are exact to the microsecond.
* A *working instant* lies inside an office period of a working day, both ends included: 17:00 is the
  closing instant of the day, still "on the working day". Reception is *normalised* to the next
  working instant: after closing → next working day's opening; during lunch → afternoon opening; on a
  day off → the next working day's opening.
* **Whole working days keep the clock time**: received 09:15 Monday, 3 working days → 09:15 Thursday,
  which is how provincial receipts show appointments (same hh:mm, N working days later). Fractions of a
  day are working hours (``× WORKDAY_HOURS_PER_DAY``): 0.5 day from 07:00 → 11:00.
* A due time is **the earliest instant at which the budget is used up**. When that moment sits on a
  boundary it is the close of the preceding period, never the next opening: received after closing
  (so counted from 07:00 Tuesday) with 1 working day → due 17:00 Tuesday, not 07:00 Wednesday; received
  during lunch (counted from 13:30) with 1 day → 11:30 the next working day. Both are the same working
  moment; the earlier clock time is the one a citizen can act on, and it matches "due at closing".
* Calendar-day limits count from the day of the (normalised) reception and end at the close of the
  last day, or at the close of the next working day when the last day is a day off (Civil Code 2015,
  Art. 147–148, read for office hours).
* Same-day rule: normalised reception up to the cut-off (15:00) → due at that day's closing; strictly
  after it (15:00:00 is not after, 15:00:01 is) → at the next working day's closing.
* Transfer rule (Decree 118/2025, see ``docs/domain.md``): a dossier received strictly after the same
  cut-off goes to the agency at the start of the next working day, so the agency's time counts from
  that opening (:meth:`WorkCalendar.transfer_counts_from`).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.localtime import LOCAL_TIME_ZONE_NAME

from . import errors
from .hours import US_PER_HOUR, US_PER_SECOND, OfficeHours, clock_time, parse_clock_time
from .statutory import WEEKEND, statutory_days

Amount = int | float | Decimal | Fraction

DEFAULT_FIRST_YEAR = 2000
DEFAULT_LAST_YEAR = 2099


class LimitUnit(models.TextChoices):
    """How a procedure states its time limit; :meth:`WorkCalendar.due_at` applies the matching rule."""

    WORKING_DAYS = "working_days", _("working days")
    WORKING_HOURS = "working_hours", _("working hours")
    CALENDAR_DAYS = "calendar_days", _("calendar days")
    SAME_DAY = "same_day", _("same day (cut-off rule)")


def to_fraction(value: Amount) -> Fraction:
    """An exact rational for an amount; floats go through their shortest repr so 0.1 means 1/10."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | Fraction):
        raise errors.invalid_amount(value=value)
    if (isinstance(value, float) and not math.isfinite(value)) or (
        isinstance(value, Decimal) and not value.is_finite()
    ):
        raise errors.invalid_amount(value=value)
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def timedelta_us(value: timedelta) -> int:
    return (value.days * 86_400 + value.seconds) * US_PER_SECOND + value.microseconds


def _time_us(value: time) -> int:
    return ((value.hour * 60 + value.minute) * 60 + value.second) * US_PER_SECOND + value.microsecond


@lru_cache(maxsize=4)
def _midnights(first_ordinal: int, days: int, zone: tzinfo) -> tuple[datetime, ...]:
    """Aware midnights of the range, shared by every calendar of that range and zone (~30 ms, once):
    turning a position into an instant is then one addition instead of building a datetime."""
    start = date.fromordinal(first_ordinal)
    return tuple(datetime.combine(start + timedelta(days=i), time(0), tzinfo=zone) for i in range(days))


class WorkCalendar:
    """Working days (Monday–Friday minus holidays, plus overrides) and office hours, for one locality.

    ``overrides`` maps a date to ``True`` (a working day, e.g. a make-up Saturday) or ``False`` (a day
    off); they win over the statutory base of :mod:`.statutory`. Build one through
    :func:`motcua.workdays.selectors.work_calendar`, which adds the database overrides and caches it;
    construct one directly (no database) in benchmarks and pure tests. Instances are immutable.
    """

    __slots__ = (
        "_before",
        "_cum",
        "_cum_ends",
        "_cutoff_us",
        "_day_us",
        "_ends",
        "_first",
        "_flags",
        "_hpd_us",
        "_midnights",
        "_n",
        "_starts",
        "_working",
        "first_year",
        "hours",
        "last_year",
        "tz",
        "version",
    )

    def __init__(
        self,
        *,
        hours: OfficeHours | str,
        overrides: Mapping[date, bool] | None = None,
        hours_per_day: float | Decimal = 8.0,
        same_day_cutoff: time | str = "15:00",
        tz: tzinfo | str = LOCAL_TIME_ZONE_NAME,
        first_year: int = DEFAULT_FIRST_YEAR,
        last_year: int = DEFAULT_LAST_YEAR,
        country: str = "VN",
        version: str = "",
    ) -> None:
        self.hours = OfficeHours.coerce(hours)
        self.tz = ZoneInfo(tz) if isinstance(tz, str) else tz
        self.first_year, self.last_year, self.version = first_year, last_year, version
        try:
            hours_per_day = float(hours_per_day)
        except (TypeError, ValueError):
            raise errors.hours_per_day_invalid(value=hours_per_day) from None
        if not (math.isfinite(hours_per_day) and 0 < hours_per_day <= 24):
            raise errors.hours_per_day_invalid(value=hours_per_day)
        self._hpd_us = round(Fraction(repr(hours_per_day)) * US_PER_HOUR)
        cutoff = parse_clock_time(same_day_cutoff) if isinstance(same_day_cutoff, str) else _time_us(same_day_cutoff)
        if cutoff is None:
            raise errors.cutoff_malformed(value=str(same_day_cutoff))
        self._cutoff_us = cutoff
        self._build_periods()
        self._build_days(overrides or {}, country)

    def _build_periods(self) -> None:
        self._starts = [start for start, _end in self.hours.periods]
        self._ends = [end for _start, end in self.hours.periods]
        self._before, self._cum_ends, total = [], [], 0
        for start, end in self.hours.periods:
            self._before.append(total)
            total += end - start
            self._cum_ends.append(total)
        self._day_us = total

    def _build_days(self, overrides: Mapping[date, bool], country: str) -> None:
        base = statutory_days(country=country, first_year=self.first_year, last_year=self.last_year)
        chosen = {day.toordinal(): bool(is_working) for day, is_working in overrides.items()}
        self._first = date(self.first_year, 1, 1).toordinal()
        self._n = date(self.last_year, 12, 31).toordinal() - self._first + 1
        self._flags = bytearray(self._n)
        self._cum = [0] * (self._n + 1)
        self._working: list[int] = []
        for index in range(self._n):
            ordinal = self._first + index
            is_working = chosen.get(ordinal)
            if is_working is None:
                if ordinal in base.holidays:
                    is_working = False
                elif ordinal in base.weekend_workdays:
                    is_working = True
                else:
                    is_working = (ordinal - 1) % 7 not in WEEKEND  # date(1, 1, 1) was a Monday
            self._cum[index] = len(self._working)
            if is_working:
                self._flags[index] = 1
                self._working.append(index)
        self._cum[self._n] = len(self._working)
        self._midnights = _midnights(self._first, self._n, self.tz)

    def __repr__(self) -> str:
        return f"<WorkCalendar {self.hours} {self.tz} {self.first_year}–{self.last_year} v={self.version or '-'}>"

    # --- properties ------------------------------------------------------------------------------------

    @property
    def day_length(self) -> timedelta:
        """Working time in one working day (8 h for 07:00–11:30, 13:30–17:00)."""
        return timedelta(microseconds=self._day_us)

    @property
    def hours_per_day(self) -> float:
        """Working hours one "working day" stands for when limits are fractional (WORKDAY_HOURS_PER_DAY)."""
        return self._hpd_us / US_PER_HOUR

    @property
    def same_day_cutoff(self) -> time:
        return clock_time(self._cutoff_us)

    # --- days ------------------------------------------------------------------------------------------

    def _day_index(self, day: date) -> int:
        index = day.toordinal() - self._first
        if not 0 <= index < self._n:
            raise errors.out_of_range(value=day, first=self.first_year, last=self.last_year)
        return index

    def is_working_day(self, day: date) -> bool:
        return bool(self._flags[self._day_index(day)])

    def next_working_day(self, day: date, *, include: bool = True) -> date:
        """The first working day on or after ``day`` (strictly after it when ``include`` is False)."""
        index = self._day_index(day) + (0 if include else 1)
        return self._date(self._working_index(self._cum[min(index, self._n)], day))

    def working_days_in(self, start: date, end: date) -> int:
        """Number of working days in [start, end], both included."""
        return self._cum[self._day_index(end) + 1] - self._cum[self._day_index(start)]

    def year_exceptions(self, year: int) -> list[tuple[date, bool]]:
        """The year's weekdays that are days off (False) and weekend days that are worked (True)."""
        start, end = self._day_index(date(year, 1, 1)), self._day_index(date(year, 12, 31))
        found = []
        for index in range(start, end + 1):
            is_weekday = (self._first + index - 1) % 7 not in WEEKEND
            if bool(self._flags[index]) != is_weekday:
                found.append((self._date(index), not is_weekday))
        return found

    def opening_of(self, day: date) -> datetime:
        return self._datetime(self._day_index(day), self._starts[0])

    def closing_of(self, day: date) -> datetime:
        return self._datetime(self._day_index(day), self._ends[-1])

    # --- instants --------------------------------------------------------------------------------------

    def is_working_instant(self, at: datetime) -> bool:
        index, us = self._split(at)
        return bool(self._flags[index]) and self._in_period(us)

    def next_working_instant(self, at: datetime) -> datetime:
        """Normalise a reception: itself when working, else the next opening (see module docstring)."""
        index, us = self._split(at)
        if self._flags[index] and self._in_period(us):
            return at.astimezone(self.tz)
        return self._instant(self._position(index, us), at_end=False, origin=at)

    def working_position(self, at: datetime) -> int:
        """Working microseconds from the start of the calendar's range to ``at`` (monotone in ``at``)."""
        return self._position(*self._split(at))

    # --- arithmetic ------------------------------------------------------------------------------------

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """``start`` plus an amount of working time; a negative amount goes back in working time."""
        return self._shift(start, timedelta_us(amount))

    def add_working_hours(self, start: datetime, hours: Amount) -> datetime:
        return self._shift(start, round(to_fraction(hours) * US_PER_HOUR))

    def add_working_days(self, start: datetime, days: Amount) -> datetime:
        """``start`` plus N working days: whole days keep the clock time, the fraction is working hours."""
        if type(days) is int:  # the common case, kept free of Fraction arithmetic
            return self._shift(start, days * self._day_us)
        exact = to_fraction(days)
        whole = int(exact)  # towards zero, so -1.5 days is -1 day and -0.5 day
        return self._shift(start, whole * self._day_us + round((exact - whole) * self._hpd_us))

    def add_calendar_days(self, start: datetime, days: int) -> datetime:
        """Close of the Nth calendar day after the reception day, moved to the next working day's close."""
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise errors.negative_calendar_days(value=days)
        index, _us = self._split(self.next_working_instant(start))
        target = index + days
        if target >= self._n:
            raise errors.out_of_range(value=start, first=self.first_year, last=self.last_year)
        if not self._flags[target]:
            target = self._working_index(self._cum[target], start)
        return self._datetime(target, self._ends[-1])

    def received_after_cutoff(self, start: datetime) -> bool:
        """Whether the normalised reception is strictly after the cut-off: 15:00:00 is not, 15:00:01 is."""
        _index, us = self._split(self.next_working_instant(start))
        return us > self._cutoff_us

    def same_day_due(self, start: datetime) -> datetime:
        """Received up to the cut-off → this working day's closing; strictly after it → the next one's."""
        index, us = self._split(self.next_working_instant(start))
        if us > self._cutoff_us:
            index = self._working_index(self._cum[index] + 1, start)
        return self._datetime(index, self._ends[-1])

    def transfer_counts_from(self, received_at: datetime) -> datetime:
        """When the agency's time starts for a dossier received at ``received_at``: at once (the
        normalised reception), or the next working day's opening when received after the cut-off."""
        normalised = self.next_working_instant(received_at)
        index, us = self._split(normalised)
        if us > self._cutoff_us:
            return self._datetime(self._working_index(self._cum[index] + 1, received_at), self._starts[0])
        return normalised

    def due_at(self, start: datetime, *, amount: Amount, unit: LimitUnit | str) -> datetime:
        """The appointment for a limit as procedures state it; one entry point for the dossier engine."""
        unit = LimitUnit(unit)
        if unit == LimitUnit.WORKING_DAYS:
            return self.add_working_days(start, amount)
        if unit == LimitUnit.WORKING_HOURS:
            return self.add_working_hours(start, amount)
        if unit == LimitUnit.CALENDAR_DAYS:
            exact = to_fraction(amount)
            if exact.denominator != 1:
                raise errors.negative_calendar_days(value=amount)
            return self.add_calendar_days(start, int(exact))
        return self.same_day_due(start)

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time from ``start`` to ``end``; negative when ``end`` is earlier."""
        return timedelta(microseconds=self.working_position(end) - self.working_position(start))

    def working_days_between(self, start: datetime, end: datetime) -> float:
        """Working days from ``start`` to ``end``: whole days, plus the rest in WORKDAY_HOURS_PER_DAY units.

        The inverse of :meth:`add_working_days` (exact up to float rounding).
        """
        elapsed = self.working_position(end) - self.working_position(start)
        whole, rest = divmod(abs(elapsed), self._day_us)
        return math.copysign(whole + rest / self._hpd_us, elapsed) if elapsed else 0.0

    def finished_on_time(self, *, finished_at: datetime, due_at: datetime) -> bool:
        """Compared in working time, so finishing during lunch or after hours on the due day is on time
        when no working time has passed since the due instant."""
        return self.working_position(finished_at) <= self.working_position(due_at)

    # --- internals -------------------------------------------------------------------------------------

    def _split(self, at: datetime) -> tuple[int, int]:
        local = at
        if at.tzinfo is not self.tz:
            if at.tzinfo is None or at.utcoffset() is None:
                raise errors.naive_datetime(value=at)
            local = at.astimezone(self.tz)
        index = local.toordinal() - self._first
        if not 0 <= index < self._n:
            raise errors.out_of_range(value=at, first=self.first_year, last=self.last_year)
        us = ((local.hour * 60 + local.minute) * 60 + local.second) * US_PER_SECOND + local.microsecond
        return index, us

    def _in_period(self, us: int) -> bool:
        period = bisect_right(self._starts, us) - 1
        return period >= 0 and us <= self._ends[period]

    def _position(self, index: int, us: int) -> int:
        done = self._cum[index] * self._day_us
        if not self._flags[index]:
            return done
        period = bisect_right(self._starts, us) - 1
        if period < 0:
            return done
        return done + self._before[period] + min(us, self._ends[period]) - self._starts[period]

    def _instant(self, position: int, *, at_end: bool, origin: datetime) -> datetime:
        rank, rest = divmod(position, self._day_us)
        if at_end and rest == 0 and rank > 0:
            rank, rest = rank - 1, self._day_us
        index = self._working_index(rank, origin)
        period = bisect_left(self._cum_ends, rest) if at_end else bisect_right(self._cum_ends, rest)
        return self._datetime(index, self._starts[period] + rest - self._before[period])

    def _shift(self, start: datetime, amount_us: int) -> datetime:
        """``_instant(_position(_split(start)) + amount, at_end=True)``, written out: the hot path of
        every appointment, where Python's call overhead is a third of the cost."""
        if amount_us == 0:
            return self.next_working_instant(start)
        local = start
        if start.tzinfo is not self.tz:
            if start.tzinfo is None or start.utcoffset() is None:
                raise errors.naive_datetime(value=start)
            local = start.astimezone(self.tz)
        index = local.toordinal() - self._first
        if not 0 <= index < self._n:
            raise errors.out_of_range(value=start, first=self.first_year, last=self.last_year)
        day_us, starts = self._day_us, self._starts
        position = self._cum[index] * day_us + amount_us
        if self._flags[index]:
            us = ((local.hour * 60 + local.minute) * 60 + local.second) * US_PER_SECOND + local.microsecond
            period = bisect_right(starts, us) - 1
            if period >= 0:
                position += self._before[period] + min(us, self._ends[period]) - starts[period]
        rank, rest = divmod(position, day_us)
        if rest == 0 and rank > 0:
            rank, rest = rank - 1, day_us
        if not 0 <= rank < len(self._working):
            raise errors.out_of_range(value=start, first=self.first_year, last=self.last_year)
        period = bisect_left(self._cum_ends, rest)
        us = starts[period] + rest - self._before[period]
        return self._midnights[self._working[rank]] + timedelta(microseconds=us)

    def _working_index(self, rank: int, value: date | datetime) -> int:
        if not 0 <= rank < len(self._working):
            raise errors.out_of_range(value=value, first=self.first_year, last=self.last_year)
        return self._working[rank]

    def _date(self, index: int) -> date:
        return date.fromordinal(self._first + index)

    def _datetime(self, index: int, us: int) -> datetime:
        # Aware + timedelta is wall-clock arithmetic in Python: office hours are wall-clock hours.
        return self._midnights[index] + timedelta(microseconds=us)
