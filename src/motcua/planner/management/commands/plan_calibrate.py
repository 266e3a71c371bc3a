"""``manage.py plan_calibrate``: what was measured at receiving points, beside a scenario, and optionally used.

    manage.py plan_calibrate --point VNP.42.1 --since 01/09/2026 --json
    manage.py plan_calibrate --province 42 --apply-to "Hà Tĩnh 2026" --measures arrivals,stage:fees

Arrivals are dossiers received per hour of the week; stage durations come from the dossiers' history (see
:mod:`motcua.planner.calibration`). ``--apply-to`` saves a new version of the scenario with the chosen measures
(``arrivals`` by default) and their provenance; a measure on fewer than ``--min-samples`` dossiers is refused
with the bilingual message and a non-zero exit code.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import ApplicationError
from motcua.planner.calibration import (
    ARRIVALS,
    MIN_SAMPLES,
    Calibration,
    Comparison,
    calibration_apply,
    calibration_compare,
    calibration_measure,
)
from motcua.planner.inputs import WEEKDAYS
from motcua.planner.selectors import scenario_by_name, scenario_latest_version


class Command(BaseCommand):
    help = (
        "Arrivals per hour and stage durations measured at a receiving point (--point) or the points of a province "
        "(--province), compared with a scenario and applied to it as a new version (--apply-to)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--point", help="Code of a receiving point.")
        where.add_argument("--province", help="Province code: every receiving point of the province.")
        parser.add_argument("--since", help="First day measured, dd/mm/yyyy (default: 12 weeks before --until).")
        parser.add_argument("--until", help="Last day measured, dd/mm/yyyy (default: yesterday).")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")
        parser.add_argument("--compare-with", help="Name of a scenario to compare with (default: --apply-to's).")
        parser.add_argument("--apply-to", help="Name of a scenario: save a new version with the measures.")
        parser.add_argument(
            "--measures",
            default=ARRIVALS,
            help="What --apply-to uses, comma-separated: arrivals, stage:<code> (default: arrivals).",
        )
        parser.add_argument("--min-samples", type=int, default=MIN_SAMPLES, help="Fewest dossiers a measure needs.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            calibration = calibration_measure(
                user=None,
                point=options["point"],
                province=options["province"],
                since=_day(options["since"]),
                until=_day(options["until"]),
            )
            comparison = None
            name = options["compare_with"] or options["apply_to"]
            scenario = self._scenario(name, calibration) if name else None
            if scenario is not None:
                comparison = calibration_compare(
                    calibration=calibration,
                    version=scenario_latest_version(scenario=scenario),
                    minimum=options["min_samples"],
                )
            applied = None
            if options["apply_to"]:
                target = self._scenario(options["apply_to"], calibration)
                version = calibration_apply(
                    actor=None,
                    scenario=target,
                    calibration=calibration,
                    measures=[part.strip() for part in options["measures"].split(",") if part.strip()],
                    minimum=options["min_samples"],
                )
                applied = {"scenario": target.name, "version": version.number}
        except ApplicationError as error:
            raise CommandError(error.bilingual()) from None
        data = calibration_json(calibration, comparison)
        data["applied"] = applied
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
        else:
            self._table(data)

    def _scenario(self, name: str, calibration: Calibration):
        scenario = scenario_by_name(name=name, province=calibration.province)
        if scenario is None:
            raise CommandError(f"Không có kịch bản “{name}” / There is no scenario “{name}”")
        return scenario

    def _table(self, data: dict[str, Any]) -> None:
        period = data["period"]
        self.stdout.write(f"{', '.join(data['points'])}: {period['start']} – {period['end']} ({period['weeks']:g} w)")
        arrivals = data["arrivals"]
        self.stdout.write(f"arrivals: n = {arrivals['count']}, {arrivals['per_week']:.1f}/week")
        for day, hours in arrivals["per_hour"].items():
            cells = "  ".join(f"{hour}h {rate:.2f}" for hour, rate in hours.items())
            self.stdout.write(f"  {day}: {cells}")
        self.stdout.write(f"{'stage':<20}{'n':>6}{'mean':>10}{'p50':>10}{'p90':>10}{'planned':>10}")
        for row in data["stages"]:
            figures = [_number(row[key]) for key in ("mean", "p50", "p90", "planned")]
            self.stdout.write(f"{row['code']:<20}{row['count']:>6}" + "".join(f"{value:>10}" for value in figures))
        if data["applied"]:
            self.stdout.write(f"applied: {data['applied']['scenario']} v{data['applied']['version']}")


def calibration_json(calibration: Calibration, comparison: Comparison | None) -> dict[str, Any]:
    """The measures (and the planned numbers when compared) as one JSON-ready object."""
    arrivals = calibration.arrivals
    per_hour: dict[str, dict[str, float]] = {}
    for hour, rate in enumerate(arrivals.per_hour):
        if rate:
            per_hour.setdefault(WEEKDAYS[hour // 24], {})[f"{hour % 24:02d}"] = round(rate, 3)
    planned = {row.code: row.planned for row in comparison.stages} if comparison else {}
    data: dict[str, Any] = {
        "points": list(calibration.points),
        "province": calibration.province,
        "communes": list(calibration.communes),
        "period": {
            "start": f"{calibration.period.start:%d/%m/%Y}",
            "end": f"{calibration.period.end:%d/%m/%Y}",
            "weeks": round(calibration.period.weeks, 3),
        },
        "arrivals": {"count": arrivals.count, "per_week": round(arrivals.per_week, 3), "per_hour": per_hour},
        "stages": [
            {
                "code": stage.code,
                "count": stage.count,
                "mean": stage.mean,
                "p50": stage.p50,
                "p90": stage.p90,
                "planned": planned.get(stage.code),
            }
            for stage in calibration.stages
        ],
    }
    if comparison is not None:
        data["compared_with"] = {"scenario": comparison.version.scenario.name, "version": comparison.version.number}
        data["planned_per_week"] = comparison.planned_per_week
    return data


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise CommandError(f"Ngày không đúng dạng dd/mm/yyyy / Not a dd/mm/yyyy date: {text}") from None


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"
