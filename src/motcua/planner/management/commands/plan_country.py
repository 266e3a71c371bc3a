"""``manage.py plan_country``: plan every commune of a scenario (or of one province) and print or save it.

    manage.py plan_country --scenario "Mô hình bưu điện" --province 42 --json
    manage.py plan_country --scenario "Mô hình bưu điện" --xlsx plan.xlsx

``--json`` prints one object: the scenario, the version, the scope's figures, the provinces' totals and one
row per commune. ``--xlsx`` writes the workbook of :func:`motcua.planner.exchange.plan_workbook`.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import ApplicationError
from motcua.planner import errors
from motcua.planner.exchange import plan_workbook
from motcua.planner.inputs import inputs_from_dict
from motcua.planner.model import plan_run
from motcua.planner.model.summary import plan_summary
from motcua.planner.scenarios import version_sources
from motcua.planner.selectors import scenario_by_name, scenario_version_get


class Command(BaseCommand):
    help = "Plan every commune of a scenario (or of one province): JSON rows on stdout, or an Excel workbook."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scenario", required=True, help="The scenario's name.")
        parser.add_argument("--scenario-version", type=int, help="Its version number (default: the latest).")
        parser.add_argument("--province", help="Plan this province only (GSO code, e.g. 42).")
        output = parser.add_mutually_exclusive_group(required=True)
        output.add_argument("--json", action="store_true", help="Print the plan as one JSON object.")
        output.add_argument("--xlsx", metavar="FILE", help="Write the plan and its inputs to an Excel workbook.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            self._handle(options)
        except ApplicationError as error:
            raise CommandError(error.bilingual()) from None

    def _handle(self, options: dict[str, Any]) -> None:
        scenario = scenario_by_name(name=options["scenario"], province=options["province"])
        if scenario is None:
            raise errors.scenario_not_found()
        version = scenario_version_get(scenario=scenario, number=options["scenario_version"])
        province = options["province"] or scenario.province_id
        if scenario.province_id and province != scenario.province_id:
            raise errors.province_not_in_scope(code=str(province))
        inputs = inputs_from_dict(version.inputs)
        started = time.perf_counter()
        plan = plan_run(inputs, province=province)
        elapsed = time.perf_counter() - started
        if options["json"]:
            summary = plan_summary(plan, scope=province or "")
            summary.pop("open_hours")
            body = {"scenario": scenario.name, "version": version.number, **summary}
            self.stdout.write(json.dumps(body, ensure_ascii=False))
            return
        path = Path(options["xlsx"])
        path.write_bytes(plan_workbook(plan, inputs, version_sources(version)))
        self.stdout.write(
            f"{path}: {plan.figures.communes} communes planned in {elapsed:.1f} s ({scenario.name} v{version.number})"
        )
