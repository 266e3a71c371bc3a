"""The statutory base of the calendar, from the ``holidays`` package (Vietnam, public category).

What ``holidays`` 0.109 knows for Vietnam (read in ``holidays/countries/vietnam.py``):

* fixed days: 1/1, Hùng Kings (10/3 lunar, since 2007), 30/4, 1/5, 2/9 and, since 2021, one day next
  to 2/9 chosen by a weekday rule; 24/11 Vietnam Cultural Day from 2026 (Resolution 80-NQ/TW) —
  **left out here**: a Politburo resolution is not law, and the Labour Code 2019, Art. 112(1), still
  lists eleven days (docs/domain.md, "Holidays"). Until the amendment is in force an administrator may
  add the day as an override naming its source; once it is, the name leaves :data:`NOT_IN_FORCE`;
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

#: Days the package marks as holidays that are not law (yet), by the package's English name; their
#: compensatory days ("… (observed)") go with them. Vietnam Cultural Day 24/11: chosen by the Politburo
#: (Resolution 80-NQ/TW); Government Resolution 30/NQ-CP (2026) asks for an amendment of the Labour Code,
#: Art. 112(1), which had not been passed when this was written (docs/domain.md, "Holidays").
NOT_IN_FORCE = ("Vietnam Cultural Day",)

#: Where each of the package's holidays comes from, by its English name (docs/domain.md, "Holidays").
_LABOUR_CODE = "Bộ luật Lao động 2019, Điều 112 khoản 1"
#: A day off swapped for a weekend day worked (and that weekend day), known to the package without the document.
SWAP_SOURCE = "Lịch hoán đổi ngày làm việc do Chính phủ công bố (theo thư viện holidays; chưa đối chiếu)"
_SOURCES = (
    ("(observed)", "Bộ luật Lao động 2019, Điều 112 khoản 3 (nghỉ bù khi trùng ngày nghỉ hằng tuần)"),
    ("substituted", SWAP_SOURCE),
    ("Lunar New Year", _LABOUR_CODE + " điểm b (Tết Âm lịch 05 ngày; ngày cụ thể do Thủ tướng quyết định)"),
    ("National Day", _LABOUR_CODE + " điểm đ (02/9 và 01 ngày liền kề)"),
)


@dataclass(frozen=True, slots=True)
class StatutoryDays:
    """Day ordinals (``date.toordinal()``) the package marks as holidays or as working weekend days."""

    holidays: frozenset[int]
    weekend_workdays: frozenset[int]


def _country_calendar(country: str, years: range, language: str | None = None) -> holidays.HolidayBase:
    return holidays.country_holidays(country, years=years, language=language, categories=(holidays.PUBLIC,))


def _in_force(calendar: holidays.HolidayBase, day: date) -> bool:
    """False when every name the package gives ``day`` is one of :data:`NOT_IN_FORCE` (or its nghỉ bù)."""
    return any(not any(name.startswith(gone) for gone in NOT_IN_FORCE) for name in calendar.get_list(day))


def source_of(name: str) -> str:
    """The legal source of a package holiday, from its English name."""
    return next((source for marker, source in _SOURCES if marker in name), _LABOUR_CODE)


@lru_cache(maxsize=8)
def statutory_days(*, country: str, first_year: int, last_year: int) -> StatutoryDays:
    """Computed once per process and year range: the package is slow next to the engine (~0.1 s)."""
    calendar = _country_calendar(country, range(first_year, last_year + 1), language="en_US")
    first, last = date(first_year, 1, 1), date(last_year, 12, 31)
    return StatutoryDays(
        holidays=frozenset(day.toordinal() for day in calendar if first <= day <= last and _in_force(calendar, day)),
        weekend_workdays=frozenset(
            day.toordinal() for day in getattr(calendar, "weekend_workdays", ()) if first <= day <= last
        ),
    )


@lru_cache(maxsize=32)
def statutory_names(*, country: str, year: int, language: str) -> Mapping[date, str]:
    """Holiday names of one year in a Django language (Vietnamese or English), for listings only."""
    code = _NAME_LANGUAGES.get(language.split("-")[0], "vi")
    return MappingProxyType(dict(_country_calendar(country, range(year, year + 1), language=code).items()))


@lru_cache(maxsize=32)
def statutory_sources(*, country: str, year: int) -> Mapping[date, str]:
    """The legal source of each holiday in force the package gives for ``year``."""
    calendar = _country_calendar(country, range(year, year + 1), language="en_US")
    return MappingProxyType({day: source_of(name) for day, name in calendar.items() if _in_force(calendar, day)})
