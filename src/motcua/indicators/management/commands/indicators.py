"""Print the service-quality indicators of a scope and period (docs/indicators.md, "Commands")."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import ApplicationError
from motcua.indicators import errors
from motcua.indicators.models import IndicatorSet
from motcua.indicators.periods import period_parse
from motcua.indicators.postal_figures import postal_figures, postal_figures_as_json, postal_figures_as_table
from motcua.indicators.presenting import ranking_as_json, ranking_as_table, scores_as_json, scores_as_table
from motcua.indicators.scopes import scope_parse
from motcua.indicators.scores import indicator_ranking, indicator_scores
from motcua.indicators.services import indicator_figures_keep, indicator_set_ensure

USAGE_ERROR = 2
RANK_LEVELS = {"provinces": "province", "agencies": "agency", "communes": "commune"}


class Command(BaseCommand):
    help = (
        "Every indicator of the service-quality index for a scope and period, with numerator, denominator, rate "
        "and points, and the postal channel's figures. The figures of a closed period are kept, never overwritten."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scope", required=True, help="point:CODE, agency:CODE, commune:CODE, province:CODE or country"
        )
        parser.add_argument("--period", required=True, help="YYYY-MM, YYYY-Qn, YYYY-H1, YYYY-H2, YYYY-9M or YYYY")
        parser.add_argument("--json", action="store_true", help="print JSON (docs/indicators.md) instead of a table")
        parser.add_argument("--set-version", type=int, help="compute with this published version of the set")
        parser.add_argument(
            "--rank",
            choices=sorted(RANK_LEVELS),
            help="rank instead: provinces (with --scope country), or a province's agencies or communes",
        )
        parser.add_argument("--no-keep", action="store_true", help="do not keep the figures of a closed period")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            scope, period = scope_parse(options["scope"]), period_parse(options["period"])
            indicator_set = self._indicator_set(options["set_version"])
            if options["rank"]:
                ranking = indicator_ranking(
                    period=period, within=scope, level=RANK_LEVELS[options["rank"]], indicator_set=indicator_set
                )
            else:
                scores = indicator_scores(scope, period, indicator_set)
                postal = postal_figures(scope, period)
        except ApplicationError as exc:
            raise CommandError(exc.bilingual(), returncode=USAGE_ERROR) from exc
        if options["rank"]:
            if options["json"]:
                self.stdout.write(json.dumps(ranking_as_json(ranking), ensure_ascii=False, indent=2))
            else:
                self.stdout.write("\n".join(ranking_as_table(ranking)))
            return
        if period.is_closed() and not options["no_keep"]:
            self._keep(scores)
        if options["json"]:
            shown = {**scores_as_json(scores), "postal": postal_figures_as_json(postal)}
            self.stdout.write(json.dumps(shown, ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join([*scores_as_table(scores), "", *postal_figures_as_table(postal)]))

    def _indicator_set(self, version: int | None) -> IndicatorSet:
        if version is None:
            ensured = indicator_set_ensure()
            if ensured.created:
                self.stderr.write(
                    f"Đã công bố phiên bản {ensured.indicator_set.version} của bộ chỉ số theo cấu hình hiện tại / "
                    f"Published version {ensured.indicator_set.version} of the indicator set from the configuration."
                )
            return ensured.indicator_set
        found = IndicatorSet.objects.filter(name="766", version=version, published_at__isnull=False).first()
        if found is None:
            raise errors.indicator_set_not_found(name=f"766 v{version}")
        return found

    def _keep(self, scores) -> None:
        kept = indicator_figures_keep(scores=scores)
        version = scores.indicator_set.version
        if kept.other_versions and kept.stored:
            shown = ", ".join(str(v) for v in kept.other_versions)
            self.stderr.write(
                f"Số liệu kỳ {scores.period.key} đã được lưu với phiên bản {shown}: lưu thêm bản mới theo phiên bản "
                f"{version}, bản cũ giữ nguyên / Figures of {scores.period.key} were already kept with version "
                f"{shown}: stored new rows under version {version}, the earlier ones unchanged."
            )
        if kept.differing:
            codes = ", ".join(kept.differing)
            self.stderr.write(
                f"Tính lại khác số liệu đã lưu ({codes}); số liệu đã lưu giữ nguyên / The recomputation differs from "
                f"the kept figures ({codes}); the kept figures are unchanged."
            )
