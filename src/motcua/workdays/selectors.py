"""Reading the calendar: the cached engine for a locality, the overrides, and a year's schedule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import cache
from .calendar import WorkCalendar
from .hours import OfficeHours
from .models import DayKind, DayOverride
from .statutory import SWAP_SOURCE, statutory_names, statutory_sources

COUNTRY = "VN"


def day_override_list(*, year: int | None = None) -> QuerySet[DayOverride]:
    overrides = DayOverride.objects.all()
    return overrides.filter(date__year=year) if year is not None else overrides


def day_override_map() -> dict[date, bool]:
    """Every override as date → is a working day. The table is small (tens of rows a year)."""
    return {day: kind == DayKind.WORKING for day, kind in DayOverride.objects.values_list("date", "kind")}


def work_calendar(*, hours: OfficeHours | str | None = None) -> WorkCalendar:
    """The calendar for office hours ``hours`` (default ``settings.WORKDAY_HOURS``) with today's overrides.

    Built once per process and reused until the overrides change (see :mod:`motcua.workdays.cache`);
    a lookup costs one cache read. A locality with other hours passes its own.
    """
    office_hours = OfficeHours.coerce(hours if hours is not None else settings.WORKDAY_HOURS)
    version = cache.overrides_version()
    key = (
        str(office_hours),
        settings.WORKDAY_HOURS_PER_DAY,
        settings.WORKDAY_SAME_DAY_CUTOFF,
        settings.TIME_ZONE,
        version,
    )
    return cache.memoised(
        key,
        lambda: WorkCalendar(
            hours=office_hours,
            overrides=day_override_map(),
            hours_per_day=settings.WORKDAY_HOURS_PER_DAY,
            same_day_cutoff=settings.WORKDAY_SAME_DAY_CUTOFF,
            tz=settings.TIME_ZONE,
            country=COUNTRY,
            version=version,
        ),
    )


@dataclass(frozen=True, slots=True)
class ScheduleDay:
    """A weekday off or a weekend day worked, with where the calendar got it from and the legal source."""

    day: date
    is_working: bool
    name: str
    from_override: bool
    legal_basis: str = ""


def workday_year_schedule(*, year: int, calendar: WorkCalendar | None = None) -> list[ScheduleDay]:
    """What differs from "Monday to Friday" in ``year``, so an administrator can check the schedule."""
    calendar = calendar or work_calendar()
    overrides = {override.date: override for override in day_override_list(year=year)}
    names = statutory_names(country=COUNTRY, year=year, language=get_language() or settings.LANGUAGE_CODE)
    sources = statutory_sources(country=COUNTRY, year=year)
    schedule = []
    for day, is_working in calendar.year_exceptions(year):
        override = overrides.get(day)
        if override is not None:
            schedule.append(ScheduleDay(day, is_working, override.name, True, override.legal_basis))
        elif is_working:
            schedule.append(ScheduleDay(day, is_working, str(_("make-up working day")), False, SWAP_SOURCE))
        else:
            name = names.get(day, str(_("day off")))
            schedule.append(ScheduleDay(day, is_working, name, False, sources.get(day, SWAP_SOURCE)))
    return schedule
