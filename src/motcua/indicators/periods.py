"""Periods of the index: a month, a quarter, six months, nine months or a year, in Vietnam's local days
(docs/indicators.md, "Scopes and periods")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from motcua.core.localtime import LOCAL_TIME_ZONE, local_date

from . import errors

_PERIOD = re.compile(r"(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<nine>9M)))?")
_LONGEST = 10  # "2026-Q2", "2026-9M": no period is longer; anything longer is refused before the pattern


@dataclass(frozen=True)
class Period:
    key: str  # as typed, normalised: 2026-05, 2026-Q2, 2026-H1, 2026-9M, 2026
    first_day: date
    end_day: date  # exclusive

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first_day, time.min, tzinfo=LOCAL_TIME_ZONE)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.end_day, time.min, tzinfo=LOCAL_TIME_ZONE)

    def is_closed(self, today: date | None = None) -> bool:
        """Whether the period is over (its figures may be kept and compared)."""
        return self.end_day <= (today or local_date())


def _month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def period_parse(text: str) -> Period:
    """``2026-05``, ``2026-Q2``, ``2026-H1`` / ``2026-H2`` (six months), ``2026-9M`` (the first nine months) or
    ``2026``; anything else is refused with :func:`~.errors.indicator_period_invalid`."""
    cleaned = (text or "").strip().upper()
    match = _PERIOD.fullmatch(cleaned) if len(cleaned) <= _LONGEST else None
    if match is None:
        raise errors.indicator_period_invalid(text=text or "")
    year = int(match["year"])
    if not 1900 <= year <= 9998:
        raise errors.indicator_period_invalid(text=text)
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise errors.indicator_period_invalid(text=text)
        first, months = month, 1
    elif match["quarter"]:
        first, months = 3 * int(match["quarter"]) - 2, 3
    elif match["half"]:
        first, months = 6 * int(match["half"]) - 5, 6
    elif match["nine"]:
        first, months = 1, 9
    else:
        first, months = 1, 12
    return Period(key=cleaned, first_day=date(year, first, 1), end_day=_month_start(year, first + months))
