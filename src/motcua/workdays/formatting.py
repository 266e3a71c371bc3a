"""Writing working time for people (localised) and for machines (ISO 8601 durations)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from .calendar import timedelta_us
from .hours import US_PER_HOUR, US_PER_SECOND


def iso_duration(amount: timedelta) -> str:
    """``PT19H30M``: hours, not days, because an ISO day is 24 h of calendar time, not a working day."""
    total = timedelta_us(amount)
    sign, total = ("-" if total < 0 else ""), abs(total)
    hours, rest = divmod(total, US_PER_HOUR)
    minutes, rest = divmod(rest, 60 * US_PER_SECOND)
    seconds = Decimal(rest) / US_PER_SECOND
    text = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if seconds or not text:
        text += f"{seconds.normalize():f}S"
    return f"{sign}PT{text}"


def hours_number(amount: timedelta) -> str:
    """Working time as a localised number of hours: 19.5 in English, 19,5 in Vietnamese."""
    hours = (Decimal(timedelta_us(amount)) / US_PER_HOUR).quantize(Decimal("0.000001")).normalize()
    return number_format(f"{hours:f}")


def describe_working_time(amount: timedelta, *, day_length: timedelta) -> str:
    """``2 days 03:30 working time (19.5 h)``: whole working days of ``day_length``, then hh:mm[:ss]."""
    total = timedelta_us(amount)
    sign, total = ("-" if total < 0 else ""), abs(total)
    days, rest = divmod(total, timedelta_us(day_length))
    seconds, micro = divmod(rest, US_PER_SECOND)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    clock = f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second or micro else "")
    if micro:
        clock += f".{micro:06d}"
    return gettext("%(sign)s%(days)s %(clock)s working time (%(hours)s h)") % {
        "sign": sign,
        "days": ngettext("%(count)d day", "%(count)d days", days) % {"count": days},
        "clock": clock,
        "hours": sign + hours_number(timedelta(microseconds=total)),
    }
