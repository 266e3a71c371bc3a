"""Reading instants and amounts typed by people: ISO 8601 or the Vietnamese ``dd/mm/yyyy HH:MM``."""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from . import errors

# Receipts print "09:15 24/01/2025" as often as "24/01/2025 09:15"; accept both, seconds optional.
_LOCAL_FORMATS = (
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M:%S.%f",
    "%H:%M %d/%m/%Y",
    "%H:%M:%S %d/%m/%Y",
    "%d/%m/%Y",
)


def parse_instant(text: str, *, tz: tzinfo) -> datetime:
    """An aware instant; without an offset the text is local time in ``tz``. A bare date is midnight."""
    value = " ".join(str(text).split())
    parsed = None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        for pattern in _LOCAL_FORMATS:
            try:
                parsed = datetime.strptime(value, pattern)
                break
            except ValueError:
                continue
    if parsed is None:
        raise errors.invalid_instant(value=str(text))
    return parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed


_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def parse_amount(text: str) -> Fraction:
    """An exact number of days or hours: ``3``, ``0.5``, ``0,25`` (Vietnamese decimal comma) or ``1/3``."""
    value = str(text).strip()
    try:
        if "/" in value:
            return Fraction(value)
        if not _NUMBER.match(value):
            raise ValueError(value)
        return Fraction(Decimal(value.replace(",", ".")))
    except (ValueError, ZeroDivisionError, InvalidOperation):
        raise errors.invalid_amount(value=str(text)) from None
