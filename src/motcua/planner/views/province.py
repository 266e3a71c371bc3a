"""A province's plan (totals, the two ways of organising compared, citizens' benefit, charts, its communes) and
one commune's week hour by hour."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.certification.gaps import certified_postal_staff
from motcua.core import charts
from motcua.core.charts import Series, number
from motcua.core.errors import ApplicationError

from ..detail import commune_week, version_sensitivity, version_waits
from ..model.plan import plan_run
from ..scenarios import scenario_result, version_sources
from .common import Shown, error_context, planners_only, province_or_404, shown_scenario
from .figures import comparison, cost_chart, million_vnd, staff_heatmap, tornado_chart, waits_chart
from .labels import DAY_LABELS, input_label


def province_plan(shown: Shown, code: str) -> dict[str, Any]:
    """The plan of province ``code`` in the shown version, with its charts (the page's and the report's)."""
    assert shown.version is not None
    inputs = shown.inputs
    summary = scenario_result(version=shown.version, province=code)
    province = next(item for item in summary["provinces"] if item["code"] == code)
    figures = province["figures"]
    plan = plan_run(inputs, province=code)
    waits = version_waits(shown.version, inputs, code, plan)
    goal, target = inputs.queue.service_level, inputs.queue.target_wait_minutes
    communes = [row for row in summary["communes"] if row["province"] == code]
    top = max(*province["postal_staff_by_hour"], *province["baseline_staff_by_hour"])  # one scale for both maps
    return {
        "summary": summary,
        "figures": figures,
        "comparison": comparison(figures),
        "communes": communes,
        "goal": goal,
        "target_minutes": target,
        "all_communes_meet_goal": all(row["worst_service_level"] >= goal - 1e-9 for row in communes),
        "net_citizen_vnd": figures["citizen_vnd_saved"] - figures["postage_vnd"],
        "heatmap_scenario": staff_heatmap(
            title=_("Staff at counters by hour of the week, scenario"),
            open_hours=summary["open_hours"],
            staff=province["postal_staff_by_hour"],
            desc_lead=_("People at the counters of all communes of the province, by day and clock hour."),
            top=top,
        ),
        "heatmap_baseline": staff_heatmap(
            title=_("Staff at counters by hour of the week, one civil servant per field"),
            open_hours=summary["open_hours"],
            staff=province["baseline_staff_by_hour"],
            desc_lead=_("People at the counters of all communes of the province, by day and clock hour."),
            top=top,
        ),
        "cost_chart": cost_chart(figures),
        "tornado_chart": tornado_chart(version_sensitivity(shown.version, inputs, code)),
        "waits_chart": waits_chart(waits, target_minutes=target, goal=goal),
        "waits": waits,
    }


@planners_only
def province_page(request: HttpRequest, code: str) -> HttpResponse:
    province = province_or_404(request, code)
    shown = shown_scenario(request, province=code)
    context: dict[str, Any] = {"province": province, "shown": shown}
    if shown.version is not None:
        try:
            context.update(province_plan(shown, code))
        except ApplicationError as error:
            context.update(error_context(error))
        else:  # the people certified for reception today, against what the plan needs (issue 12, item 7)
            context["certified_staff"] = certified_postal_staff(province_code=code)
    return render(request, "planner/province.html", context)


@planners_only
def commune_page(request: HttpRequest, code: str, commune: str) -> HttpResponse:
    province = province_or_404(request, code)
    shown = shown_scenario(request, province=code)
    if shown.version is None:
        raise Http404
    inputs = shown.inputs
    try:
        plan = plan_run(inputs, province=code)
    except ApplicationError as error:
        return render(request, "planner/commune.html", {"province": province, "shown": shown, **error_context(error)})
    week = commune_week(inputs, plan, commune)
    if week is None:
        raise Http404
    labels = [f"{DAY_LABELS[row.day]} {row.hour:02d}h" for row in week.rows]
    goal = week.goal
    level_chart = charts.share_lines(
        title=_("Chance of being served within %(minutes)s minutes, hour by hour")
        % {"minutes": number(week.target_minutes)},
        desc=_(
            "In every open hour of the week the scenario's counters serve at least %(worst)s of citizens within "
            "%(minutes)s minutes; the goal is %(goal)s."
        )
        % {
            "worst": charts.percent(week.worst_service_level, 1),
            "minutes": number(week.target_minutes),
            "goal": charts.percent(goal),
        },
        x_labels=labels,
        series=[
            (
                Series(_("One civil servant per field"), charts.BASELINE_COLOUR),
                [row.baseline_service_level for row in week.rows],
            ),
            (Series(_("Scenario"), charts.SCENARIO_COLOUR), [row.service_level for row in week.rows]),
        ],
        goal=goal,
        goal_label=_("goal %(goal)s") % {"goal": charts.percent(goal)},
    )
    sources = version_sources(shown.version)  # type: ignore[arg-type]
    used = [
        key
        for key in sources
        if key.startswith(
            ("queue.", "service.", "profile.weekday_hours", "profile.saturday_hours", "profile.plan_month")
        )
        or (key.startswith("profile.peaks.") and key.endswith((".multiplier", ".active")))
    ]
    flat = inputs.flat()
    context = {
        "province": province,
        "shown": shown,
        "week": week,
        "hours": list(zip(labels, week.rows, strict=True)),
        "area": week.commune.area,
        "figures": week.commune.figures,
        "level_chart": level_chart,
        "goal": goal,
        "inputs_used": [(input_label(key), flat[key], sources[key]) for key in used],
        "postal_cost": million_vnd(week.commune.figures.postal_model_cost_vnd),
    }
    return render(request, "planner/commune.html", context)
