"""``manage.py queue_figures --point CODE --from YYYY-MM-DD --to YYYY-MM-DD [--json]``: a centre's queue figures.

Prints the headline (visitors, waits against the target, service, abandonment, no-shows, ratings) and each day's
verdict on Decision 468's target; ``--json`` prints the same as JSON for a script. Thin: the figures are
``tickets.figures.compute``'s, the scope and period rules ``tickets.figures.scope``'s.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import ApplicationError
from motcua.core.localtime import local_date
from motcua.tickets.figures.compute import figures_compute
from motcua.tickets.figures.scope import figures_period_check, figures_points_pick


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {text[:20]!r}") from None


def _number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f} %"


class Command(BaseCommand):
    help = "The queue figures of a centre over a period: headline and the Decision 468 target per day."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--point", required=True, help="The centre's code.")
        parser.add_argument("--from", dest="since", type=_day, help="First day, YYYY-MM-DD (default: today).")
        parser.add_argument("--to", dest="until", type=_day, help="Last day, YYYY-MM-DD (default: the first day).")
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        start = options["since"] or local_date()
        end = options["until"] or start
        try:
            figures_period_check(start=start, end=end)
            points = figures_points_pick(user=None, code=options["point"])
        except ApplicationError as error:
            raise CommandError(error.render("en")) from None
        figures = figures_compute(points=points, start=start, end=end)
        days = [
            {"day": day.key.isoformat(), "called": day.called, "within_share": day.within_share, "met": day.target_met}
            for day in figures.by_day
        ]
        if options["json"]:
            payload = {
                "point": points[0].code,
                "from": start.isoformat(),
                "to": end.isoformat(),
                "target_minutes": figures.target_minutes,
                "target_share": figures.target_share,
                "headline": figures.total.as_dict(),
                "days": days,
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        total = figures.total
        self.stdout.write(f"{points[0].name} ({points[0].code}), {figures.period_label}")
        self.stdout.write(
            f"visitors {total.arrivals}, called {total.called}, served {total.served}; "
            f"wait mean {_number(total.wait_mean)} min, median {_number(total.wait_median)}, "
            f"p90 {_number(total.wait_p90)}, max {_number(total.wait_max)}; "
            f"within {figures.target_minutes:g} min {_percent(total.within_share)}"
        )
        self.stdout.write(
            f"service mean {_number(total.service_mean)} min, p90 {_number(total.service_p90)}; "
            f"abandoned {total.abandoned}, no-shows {total.no_shows}; ratings {total.rated}, "
            f"satisfied {_percent(total.satisfied_share)}"
        )
        for day in days:
            verdict = {None: "nobody called", True: "target met", False: "target NOT met"}[day["met"]]
            share = _percent(day["within_share"])
            self.stdout.write(f"{day['day']}: {share} within the target of {day['called']} called — {verdict}")
