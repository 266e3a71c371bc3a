"""``manage.py plan_staffing``: the counters a queue needs (Erlang C, or Erlang A with a patience), as one object.

    manage.py plan_staffing --arrivals-per-hour 6 --service-seconds 600 --target-wait-seconds 900 \\
        --service-level 95 --json

With ``--servers N`` it evaluates N counters; with ``--service-level L`` it finds the fewest that serve L of the
citizens within the target wait. L is a fraction below 1 and a percentage from 1 up: ``0.8``, ``80`` and ``80%``
all mean 80 % (so ``1`` means 1 %, never 100 %, which no queue reaches). Bad input stops with the bilingual message
and a non-zero exit code. See :mod:`motcua.planner.queueing` for the units and formulas.
"""

from __future__ import annotations

import json
import math
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import ApplicationError
from motcua.planner import errors
from motcua.planner.queueing import Staffing, evaluate, required


class Command(BaseCommand):
    help = (
        "Counters needed to keep the wait under a target (Erlang C; Erlang A with --patience-seconds): evaluate "
        "--servers N, or find the fewest for --service-level L (0.8, 80 or 80%%). Times in seconds, arrivals per hour."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--arrivals-per-hour", required=True, help="Citizens arriving per hour (Poisson).")
        parser.add_argument("--service-seconds", required=True, help="Mean service time at a counter, in seconds.")
        parser.add_argument("--target-wait-seconds", required=True, help="Target wait, in seconds (900 = 15 min).")
        choice = parser.add_mutually_exclusive_group(required=True)
        choice.add_argument("--servers", help="Evaluate this many counters.")
        choice.add_argument("--service-level", help="Find the fewest counters for this service level (0.8 or 80).")
        parser.add_argument("--patience-seconds", help="Mean patience before leaving, in seconds (Erlang A).")
        parser.add_argument("--shrinkage", default="0", help="Share of paid time away from the counter, [0, 1).")
        parser.add_argument("--max-occupancy", default="1", help="Most a counter may be busy, (0, 1].")
        parser.add_argument("--minimum", default="0", help="Fewest counters open whatever the demand.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            staffing = self._plan(options)
        except ApplicationError as error:
            raise CommandError(error.bilingual()) from None
        figures = staffing.as_dict()
        if not staffing.stable:
            warning = errors.unstable(servers=staffing.servers, load=staffing.offered_load).bilingual()
            figures["warning"] = warning
            self.stderr.write(warning)
        if options["json"]:
            self.stdout.write(json.dumps(figures, ensure_ascii=False))
        else:
            for name, value in figures.items():
                self.stdout.write(f"{name}: {value}")

    def _plan(self, options: dict[str, Any]) -> Staffing:
        common: dict[str, Any] = {
            "arrivals_per_hour": _number(options["arrivals_per_hour"], "arrivals_per_hour"),
            "service_seconds": _number(options["service_seconds"], "service_seconds"),
            "target_wait_seconds": _number(options["target_wait_seconds"], "target_wait_seconds"),
            "patience_seconds": (
                None
                if options["patience_seconds"] is None
                else _number(options["patience_seconds"], "patience_seconds")
            ),
        }
        shrinkage = _number(options["shrinkage"], "shrinkage")
        if options["servers"] is not None:
            return evaluate(**common, servers=_count(options["servers"], "servers"), shrinkage=shrinkage)
        return required(
            **common,
            service_level=service_level_fraction(options["service_level"]),
            max_occupancy=_number(options["max_occupancy"], "max_occupancy"),
            shrinkage=shrinkage,
            minimum=_count(options["minimum"], "minimum"),
        )


def service_level_fraction(text: str) -> float:
    """``0.8``, ``80`` and ``80%`` → 0.8: below 1 a fraction, from 1 up (or with ``%``) a percentage."""
    stripped = text.strip()
    percent = stripped.endswith("%")
    value = _number(stripped.removesuffix("%").strip(), "service_level")
    if percent or value >= 1:
        value /= 100.0
    if not 0 < value < 1:
        raise errors.service_level_out_of_range()
    return value


def _number(text: str, field: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise errors.not_a_number(field=field) from None
    if not math.isfinite(value):
        raise errors.not_a_number(field=field)
    return value


def _count(text: str, field: str) -> int:
    value = _number(text, field)
    if not value.is_integer() or value < 0:
        raise errors.servers_negative(field=field)
    if value > 1e9:
        raise errors.too_large(field=field, limit=1e9)
    return int(value)
