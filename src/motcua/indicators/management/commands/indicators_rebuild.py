"""Rebuild the indicators' rollups from the dossiers, and check them against the direct count
(docs/indicators.md, "Rollups")."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import ApplicationError
from motcua.indicators.periods import period_parse
from motcua.indicators.rollups import rollups_check, rollups_rebuild

USAGE_ERROR = 2
DIFFERENCES_SHOWN = 50


class Command(BaseCommand):
    help = (
        "Recount the indicators' rollup tables from the dossiers, in chunks (bounded memory), resuming an "
        "interrupted run; with --check, compare every indicator of every province and month with the direct "
        "count and exit 1 on any difference."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="from_month", help="recount only the days from this month on (YYYY-MM)")
        parser.add_argument("--check", action="store_true", help="then compare with the direct count")
        parser.add_argument("--check-only", action="store_true", help="compare without rebuilding")
        parser.add_argument("--chunk", type=int, default=50_000, help="dossiers per transaction (default 50000)")

    def handle(self, *args: Any, **options: Any) -> None:
        from_day = None
        if options["from_month"]:
            try:
                period = period_parse(options["from_month"])
            except ApplicationError as exc:
                raise CommandError(exc.bilingual(), returncode=USAGE_ERROR) from exc
            if len(period.key) != 7 or "-Q" in period.key or "-H" in period.key:
                raise CommandError("--from: YYYY-MM, e.g. 2026-05", returncode=USAGE_ERROR)
            from_day = period.first_day
        if not 1 <= options["chunk"] <= 1_000_000:
            raise CommandError("--chunk: between 1 and 1000000", returncode=USAGE_ERROR)
        if not options["check_only"]:
            folded = rollups_rebuild(from_day=from_day, chunk=options["chunk"], progress=self._progress("folded"))
            self.stdout.write(f"rollups rebuilt: {folded} dossiers folded")
        if options["check"] or options["check_only"]:
            differences = rollups_check(from_day=from_day, progress=self._progress("months checked"))
            for d in differences[:DIFFERENCES_SHOWN]:
                self.stdout.write(f"{d.period} {d.place} {d.name}: rollups {d.rollup}, direct {d.direct}")
            if differences:
                raise CommandError(f"{len(differences)} differences", returncode=1)
            self.stdout.write("rollups agree with the direct count")

    def _progress(self, what: str):
        def report(done: int, total: int) -> None:
            self.stderr.write(f"{what}: {done}/{total}")

        return report
