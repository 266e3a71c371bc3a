"""System checks: refuse to start with office hours or a cut-off that the engine cannot read."""

from __future__ import annotations

import math

from django.conf import settings
from django.core.checks import Error, Warning, register

from motcua.core.errors import ApplicationError

from .hours import US_PER_HOUR, OfficeHours, parse_clock_time


@register()
def check_workday_settings(app_configs=None, **kwargs) -> list[Error | Warning]:
    problems: list[Error | Warning] = []
    try:
        hours = OfficeHours.parse(settings.WORKDAY_HOURS)
    except ApplicationError as exc:
        problems.append(Error(exc.bilingual(), hint="Example: 07:00-11:30,13:30-17:00", id="workdays.E001"))
        hours = None
    cutoff = parse_clock_time(str(settings.WORKDAY_SAME_DAY_CUTOFF))
    if cutoff is None:
        problems.append(
            Error(f"WORKDAY_SAME_DAY_CUTOFF={settings.WORKDAY_SAME_DAY_CUTOFF!r} is not HH:MM.", id="workdays.E002")
        )
    try:
        per_day = float(settings.WORKDAY_HOURS_PER_DAY)
    except (TypeError, ValueError):
        per_day = math.nan
    if not (math.isfinite(per_day) and 0 < per_day <= 24):
        problems.append(
            Error(f"WORKDAY_HOURS_PER_DAY={settings.WORKDAY_HOURS_PER_DAY!r} must be in (0, 24].", id="workdays.E003")
        )
    elif hours is not None and abs(hours.day_us - per_day * US_PER_HOUR) >= 1:
        problems.append(
            Warning(
                f"WORKDAY_HOURS ({hours}) last {hours.day_us / US_PER_HOUR:g} h a day but WORKDAY_HOURS_PER_DAY "
                f"is {per_day:g}: whole working days keep the clock time, fractions of a day use {per_day:g} h.",
                id="workdays.W001",
            )
        )
    if hours is not None and cutoff is not None and not hours.opening_us <= cutoff <= hours.closing_us:
        problems.append(
            Warning(
                f"WORKDAY_SAME_DAY_CUTOFF {settings.WORKDAY_SAME_DAY_CUTOFF} is outside {hours}.", id="workdays.W002"
            )
        )
    return problems
