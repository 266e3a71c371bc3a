"""The statutory base of the calendar, from the ``holidays`` package (Vietnam, public category).

What ``holidays`` 0.109 knows for Vietnam (read in ``holidays/countries/vietnam.py``):

* fixed days: 1/1, Hùng Kings (10/3 lunar, since 2007), 30/4, 1/5, 2/9 and, since 2021, one day next
  to 2/9 chosen by a weekday rule; 24/11 Vietnam Cultural Day from 2026 (Resolution 80-NQ/TW);
* Tết: lunar new year's eve and days 1–4 (days 1–3 before 2013), and when one of them falls on a
  weekend a "29 Tết" or "mùng 5/6" day instead, by a rule — not the days the government announces;
* compensatory days (nghỉ bù) when a fixed holiday falls on Saturday or Sunday;
* a short list of announced swaps (2010–2026: e.g. 2/5/2025 off for Saturday 26/4/2025, 31/8/2026 off
  for Saturday 22/8/2026); the Saturdays worked in exchange are in ``weekend_workdays``.

It does not know most announced schedules (e.g. Friday 2/1/2026 off for Saturday 10/1/2026), so the
announced ones are shipped as :class:`DayOverride` rows and administrators correct the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from types import MappingProxyType

import holidays

#: Saturday and Sunday, as ``date.weekday()`` numbers.
WEEKEND = frozenset({5, 6})

#: Django language code → the package's language code for holiday names.
_NAME_LANGUAGES = {"vi": "vi", "en": "en_US"}


@dataclass(frozen=True, slots=True)
class StatutoryDays:
    """Day ordinals (``date.toordinal()``) the package marks as holidays or as working weekend days."""

    holidays: frozenset[int]
    weekend_workdays: frozenset[int]


def _country_calendar(country: str, years: range, language: str | None = None) -> holidays.HolidayBase:
    return holidays.country_holidays(country, years=years, language=language, categories=(holidays.PUBLIC,))


@lru_cache(maxsize=8)
def statutory_days(*, country: str, first_year: int, last_year: int) -> StatutoryDays:
    """Computed once per process and year range: the package is slow next to the engine (~0.1 s)."""
    calendar = _country_calendar(country, range(first_year, last_year + 1))
    first, last = date(first_year, 1, 1), date(last_year, 12, 31)
    return StatutoryDays(
        holidays=frozenset(day.toordinal() for day in calendar if first <= day <= last),
        weekend_workdays=frozenset(
            day.toordinal() for day in getattr(calendar, "weekend_workdays", ()) if first <= day <= last
        ),
    )


@lru_cache(maxsize=32)
def statutory_names(*, country: str, year: int, language: str) -> Mapping[date, str]:
    """Holiday names of one year in a Django language (Vietnamese or English), for listings only."""
    code = _NAME_LANGUAGES.get(language.split("-")[0], "vi")
    return MappingProxyType(dict(_country_calendar(country, range(year, year + 1), language=code).items()))
