"""The country: the 34 provinces as a table and as a tile map coloured by a chosen figure, for the scenario
shown. A province's planner sees his province's figures; the others stay grey, without figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core import charts
from motcua.core.charts import number
from motcua.core.errors import ApplicationError
from motcua.localities.models import Commune

from ..scenarios import scenario_result
from .common import error_context, planners_only, scope_of, shown_scenario

MEASURES: dict[str, str | Promise] = {
    "population": gettext_lazy("Population"),
    "postal_model_fte": gettext_lazy("Staff needed, postal model (FTE)"),
    "civil_freed_fte": gettext_lazy("Civil servants freed (FTE)"),
    "cost_saved_vnd": gettext_lazy("Cost saved a year"),
    "hours_saved": gettext_lazy("Citizens' hours saved a year"),
}


@dataclass(frozen=True)
class ProvinceRow:
    code: str
    name: str
    population: int
    communes: int
    in_scope: bool
    figures: dict[str, Any] | None  # None: not planned in this scenario, or out of the user's scope

    @property
    def measure_fte(self) -> float | None:
        return self.measure("postal_model_fte")

    def measure(self, key: str) -> float | None:
        if key == "population":
            return float(self.population) if self.in_scope else None
        if self.figures is None:
            return None
        if key == "postal_model_fte":
            return self.figures["postal_fte"] + self.figures["civil_left_fte"]
        if key == "cost_saved_vnd":
            return self.figures["baseline_state_cost_vnd"] - self.figures["postal_model_cost_vnd"]
        return float(self.figures[key])


def _caption(key: str, value: float | None) -> str:
    if value is None:
        return "–"
    if key == "population":
        return number(value / 1_000_000, 2) + " " + _("million")
    if key == "cost_saved_vnd":
        return _("%(amount)s bn ₫") % {"amount": number(value / 1_000_000_000, 1)}
    return number(value)


@planners_only
def country_page(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    shown = shown_scenario(request, province=None)
    measure = request.GET.get("measure", "postal_model_fte")
    if measure not in MEASURES:
        measure = "postal_model_fte"
    context: dict[str, Any] = {"shown": shown, "measures": MEASURES, "measure": measure, "scope": scope}
    if shown.version is None:
        return render(request, "planner/country.html", context)
    try:
        summary = scenario_result(version=shown.version)
    except ApplicationError as error:
        context.update(error_context(error))
        return render(request, "planner/country.html", context)
    planned = {item["code"]: item["figures"] for item in summary["provinces"]}
    counts: dict[str, int] = {}
    for province_code in Commune.objects.values_list("province_id", flat=True):
        counts[province_code] = counts.get(province_code, 0) + 1
    rows = []
    for code, figures in shown.inputs.provinces.items():
        in_scope = scope.covers(code)
        rows.append(
            ProvinceRow(
                code=code,
                name=figures.name,
                population=figures.population,
                communes=counts.get(code, figures.communes),
                in_scope=in_scope,
                figures=planned.get(code) if in_scope else None,
            )
        )
    query = shown.query()
    tiles = [
        charts.Tile(
            code=row.code,
            label=row.name,
            value=row.measure(measure),
            caption=_caption(measure, row.measure(measure)),
            url=reverse("planner:province", args=[row.code]) + query if row.in_scope else "",
            highlighted=row.in_scope and not scope.country,
        )
        for row in rows
    ]
    shown_rows = [row for row in rows if row.measure(measure) is not None]
    top = max(shown_rows, key=lambda row: row.measure(measure) or 0.0, default=None)
    desc = _("Each province is a tile placed roughly where it lies, darker for a larger figure.")
    if top is not None:
        desc += " " + _("Largest: %(name)s, %(value)s.") % {
            "name": top.name,
            "value": _caption(measure, top.measure(measure)),
        }
    context.update(
        rows=rows,
        summary=summary,
        totals=summary["figures"],
        totals_model_fte=summary["figures"]["postal_fte"] + summary["figures"]["civil_left_fte"],
        tile_map=charts.tile_map(title=str(MEASURES[measure]), desc=desc, tiles=tiles),
        query=query,
    )
    return render(request, "planner/country.html", context)
