"""``manage.py workdays``: compute an appointment, measure working time, review a year's schedule."""

from __future__ import annotations

import argparse
from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser, DjangoHelpFormatter
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from motcua.core.errors import ApplicationError
from motcua.workdays import errors
from motcua.workdays.calendar import LimitUnit, WorkCalendar
from motcua.workdays.formatting import describe_working_time, iso_duration
from motcua.workdays.parsing import parse_amount, parse_instant
from motcua.workdays.selectors import work_calendar, workday_year_schedule

EXAMPLES = """examples:
  manage.py workdays add "24/01/2025 09:15" 3
  manage.py workdays add 2025-04-25T16:00 --same-day
  manage.py workdays add "25/04/2025 08:00" 4 --hours --office-hours 07:30-11:30,13:00-17:00
  manage.py workdays between 2025-04-24T09:00 "28/04/2025 11:30"
  manage.py workdays year 2026"""


class ExamplesFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Keeps the examples' line breaks."""


class BilingualParser(CommandParser):
    """argparse words its own errors in English; put the Vietnamese in front, as every other error does."""

    def error(self, message):
        vietnamese = _("invalid arguments")
        super().error(f"{vietnamese} / invalid arguments: {message}")


class Command(BaseCommand):
    help = "Working-day calendar: add a time limit to an instant, measure working time, list a year's exceptions."

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.epilog, parser.formatter_class = EXAMPLES, ExamplesFormatter
        return parser

    def add_arguments(self, parser):
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{add,between,year}", parser_class=BilingualParser
        )
        add = actions.add_parser("add", help="Print the due instant (ISO 8601, local time) of a limit.")
        add.add_argument("start", help="Reception instant: ISO 8601 or dd/mm/yyyy HH:MM (local time).")
        add.add_argument("amount", nargs="?", help="Working days (default), may be fractional: 3, 0.5, 0,25.")
        unit = add.add_mutually_exclusive_group()
        unit.add_argument("--hours", action="store_true", help="The amount is in working hours.")
        unit.add_argument("--calendar-days", action="store_true", help="The amount is in calendar days.")
        unit.add_argument("--same-day", action="store_true", help="Same-day rule (cut-off); no amount.")
        between = actions.add_parser("between", help="Print the working time from A to B.")
        between.add_argument("start", help="Instant A: ISO 8601 or dd/mm/yyyy HH:MM.")
        between.add_argument("end", help="Instant B: ISO 8601 or dd/mm/yyyy HH:MM.")
        year = actions.add_parser("year", help="List a year's weekdays off and weekend days worked.")
        year.add_argument("year", type=int, help="The year, e.g. 2026.")
        for sub in (add, between, year):
            sub.add_argument("--office-hours", help=f"Office hours of the locality (default {settings.WORKDAY_HOURS}).")

    def handle(self, *args, action: str, office_hours: str | None = None, **options):
        try:
            calendar = work_calendar(hours=office_hours)
            lines = getattr(self, f"_{action}")(calendar, **options)
        except ApplicationError as exc:
            raise CommandError(exc.bilingual()) from exc
        self.stdout.write("\n".join(lines))

    def _add(self, calendar: WorkCalendar, *, start, amount, hours, calendar_days, same_day, **options):
        received = parse_instant(start, tz=calendar.tz)
        if same_day:
            return [calendar.same_day_due(received).isoformat()]
        if amount is None:
            raise errors.amount_missing()
        unit = (
            LimitUnit.WORKING_HOURS if hours else LimitUnit.CALENDAR_DAYS if calendar_days else LimitUnit.WORKING_DAYS
        )
        return [calendar.due_at(received, amount=parse_amount(amount), unit=unit).isoformat()]

    def _between(self, calendar: WorkCalendar, *, start, end, **options):
        elapsed = calendar.working_time_between(
            parse_instant(start, tz=calendar.tz), parse_instant(end, tz=calendar.tz)
        )
        return [describe_working_time(elapsed, day_length=calendar.day_length), iso_duration(elapsed)]

    def _year(self, calendar: WorkCalendar, *, year: int, **options):
        count = calendar.working_days_in(date(year, 1, 1), date(year, 12, 31))
        schedule = workday_year_schedule(year=year, calendar=calendar)
        lines = [
            _("%(year)s: %(count)s working days; office hours %(hours)s.")
            % {"year": year, "count": count, "hours": calendar.hours}
        ]
        for is_working, title in ((False, _("Weekdays off:")), (True, _("Weekend days worked:"))):
            lines.append(title)
            days = [entry for entry in schedule if entry.is_working == is_working]
            for entry in days:
                source = _("override") if entry.from_override else _("statutory (holidays package)")
                basis = f" — {entry.legal_basis}" if entry.legal_basis else ""
                weekday = date_format(entry.day, "l")
                lines.append(f"  {entry.day:%d/%m/%Y} {weekday:<9} {entry.name} [{source}]{basis}")
            if not days:
                lines.append("  " + _("none"))
        return lines
