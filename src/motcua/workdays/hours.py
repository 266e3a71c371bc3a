"""Office hours of a working day, parsed from ``HH:MM-HH:MM`` periods (``settings.WORKDAY_HOURS``).

Times are held as microseconds since midnight so that the engine's arithmetic is exact to the
microsecond and never touches floating point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time, timedelta
from itertools import pairwise

from . import errors

US_PER_SECOND = 1_000_000
US_PER_HOUR = 3600 * US_PER_SECOND

_TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$")
# A period is two times joined by a hyphen or an en dash, as administrators tend to type either.
_PERIOD = re.compile(r"^\s*([0-9:]+)\s*[-–]\s*([0-9:]+)\s*$")


def parse_clock_time(text: str) -> int | None:
    """``HH:MM`` or ``HH:MM:SS`` on a 24-hour clock → microseconds since midnight; None when malformed."""
    match = _TIME.match(text)
    if not match:
        return None
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return ((hour * 60 + minute) * 60 + second) * US_PER_SECOND


def format_clock_time(us: int) -> str:
    seconds, _micro = divmod(us, US_PER_SECOND)
    hour, rest = divmod(seconds, 3600)
    minute, second = divmod(rest, 60)
    return f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second else "")


def clock_time(us: int) -> time:
    seconds, micro = divmod(us, US_PER_SECOND)
    hour, rest = divmod(seconds, 3600)
    minute, second = divmod(rest, 60)
    return time(hour, minute, second, micro)


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """The periods a working day is open, in order, e.g. 07:00–11:30 and 13:30–17:00.

    A locality may keep different hours, so the engine takes an ``OfficeHours`` per calendar rather
    than reading the setting everywhere. Each period is ``(start_us, end_us)``; the end instant itself
    still counts as working (a due time of 17:00 is "at closing", not "after hours").
    """

    periods: tuple[tuple[int, int], ...]

    @classmethod
    def parse(cls, spec: str) -> OfficeHours:
        """Read ``"07:00-11:30,13:30-17:00"``; raise :class:`ApplicationError` naming the faulty part."""
        value = str(spec)
        parts = [part for part in re.split(r"[,;]", value) if part.strip()]
        if not parts:
            raise errors.hours_empty(value=value)
        periods: list[tuple[int, int]] = []
        for part in parts:
            match = _PERIOD.match(part)
            start = parse_clock_time(match[1]) if match else None
            end = parse_clock_time(match[2]) if match else None
            if start is None or end is None:
                raise errors.hours_malformed(value=value, part=part.strip())
            if end <= start:
                raise errors.hours_reversed(value=value, part=part.strip())
            periods.append((start, end))
        for (_start, previous_end), (next_start, _end) in pairwise(periods):
            if next_start < previous_end:
                raise errors.hours_overlap(value=value)
        return cls(periods=tuple(periods))

    @classmethod
    def coerce(cls, hours: OfficeHours | str) -> OfficeHours:
        return hours if isinstance(hours, OfficeHours) else cls.parse(hours)

    @property
    def day_us(self) -> int:
        """Working microseconds in one working day."""
        return sum(end - start for start, end in self.periods)

    @property
    def day_length(self) -> timedelta:
        return timedelta(microseconds=self.day_us)

    @property
    def opening_us(self) -> int:
        return self.periods[0][0]

    @property
    def closing_us(self) -> int:
        return self.periods[-1][1]

    @property
    def opening(self) -> time:
        return clock_time(self.opening_us)

    @property
    def closing(self) -> time:
        return clock_time(self.closing_us)

    def __str__(self) -> str:
        return ",".join(f"{format_clock_time(start)}-{format_clock_time(end)}" for start, end in self.periods)
