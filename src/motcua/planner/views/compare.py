"""Two scenarios (or two versions of one) side by side: the plan's figures, the inputs that differ, a chart."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.core import charts
from motcua.core.charts import Series
from motcua.core.errors import ApplicationError

from ..scenarios import ComparisonRow, scenario_versions_compare
from ..selectors import scenario_version_get, scenarios_visible
from .common import error_context, planners_only, query_number, scenario_or_404
from .figures import million_vnd
from .labels import INDICATOR_LABELS, input_label

STAFF_INDICATORS = ("baseline_fte", "postal_fte", "civil_left_fte", "civil_freed_fte")
COST_INDICATORS = (
    "baseline_state_cost_vnd",
    "postal_state_cost_vnd",
    "postal_enterprise_cost_vnd",
    "postal_model_cost_vnd",
)


def _digits(key: str) -> int | None:
    """Decimals to write an indicator with; ``None``: an amount of money."""
    if "_vnd" in key:
        return None
    return 1 if key.endswith(("_fte", "_minutes")) else 0


def _label(row: ComparisonRow) -> str:
    return str(INDICATOR_LABELS.get(row.key, row.key)) if row.kind == "indicator" else input_label(row.key)


def _chart(
    rows: dict[str, ComparisonRow], keys: tuple[str, ...], *, title: str, names: tuple[str, str], money: bool
) -> str:
    fmt = million_vnd if money else (lambda value: charts.number(value, 1))
    desc = "; ".join(
        f"{INDICATOR_LABELS[key]}: {names[0]} {fmt(rows[key].a)}, {names[1]} {fmt(rows[key].b)}" for key in keys
    )
    return charts.bars(
        title=title,
        desc=desc,
        series=[Series(names[0], charts.SERIES_COLOURS[2]), Series(names[1], charts.SERIES_COLOURS[3])],
        groups=[(str(INDICATOR_LABELS[key]), [rows[key].a, rows[key].b]) for key in keys],
        fmt=fmt,
    )


@planners_only
def scenario_compare(request: HttpRequest) -> HttpResponse:
    choices = list(scenarios_visible(user=request.user).order_by("province_id", "pk"))
    context: dict[str, Any] = {"choices": choices}
    a_pk, b_pk = request.GET.get("a"), request.GET.get("b")
    if not (a_pk and b_pk):
        context.update(a=choices[0] if choices else None, b=choices[1] if len(choices) > 1 else None)
        return render(request, "planner/compare.html", context)
    scenario_a, scenario_b = scenario_or_404(request, a_pk), scenario_or_404(request, b_pk)
    try:
        version_a = scenario_version_get(scenario=scenario_a, number=query_number(request.GET.get("av")))
        version_b = scenario_version_get(scenario=scenario_b, number=query_number(request.GET.get("bv")))
        rows = scenario_versions_compare(a=version_a, b=version_b)
    except ApplicationError as error:
        context.update(a=scenario_a, b=scenario_b, **error_context(error))
        return render(request, "planner/compare.html", context, status=error.status if error.status < 500 else 400)
    names = (f"A: {scenario_a.name} v{version_a.number}", f"B: {scenario_b.name} v{version_b.number}")
    indicators = {row.key: row for row in rows if row.kind == "indicator"}
    context.update(
        a=scenario_a,
        b=scenario_b,
        version_a=version_a,
        version_b=version_b,
        versions_a=list(scenario_a.versions.order_by("-number")),
        versions_b=list(scenario_b.versions.order_by("-number")),
        indicator_rows=[(row, _label(row), _digits(row.key)) for row in rows if row.kind == "indicator"],
        input_rows=[(row, _label(row)) for row in rows if row.kind == "input"],
        staff_chart=_chart(indicators, STAFF_INDICATORS, title=_("Staff (FTE)"), names=names, money=False),
        cost_chart=_chart(indicators, COST_INDICATORS, title=_("Cost a year"), names=names, money=True),
    )
    return render(request, "planner/compare.html", context)
