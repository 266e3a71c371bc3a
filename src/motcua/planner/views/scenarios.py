"""Scenarios: the list, a new one from the defaults, its inputs edited (each save a new version), a copy."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.core.errors import ApplicationError
from motcua.localities.models import Province

from ..inputs import POSTAL_PRICING, inputs_from_dict
from ..models import Scenario
from ..scenarios import scenario_copy, scenario_create, scenario_version_save, version_sources
from ..selectors import scenario_latest_version, scenarios_visible
from .common import planners_only, scenario_or_404, scope_of
from .inputs_form import input_sections, inputs_read, place_problems


def _shown_at(scenario: Scenario, number: int | None = None) -> str:
    """Where a scenario's plan is seen: its province's page, or the country's."""
    query = f"?scenario={scenario.pk}" + (f"&version={number}" if number else "")
    if scenario.province_id:
        return reverse("planner:province", args=[scenario.province_id]) + query
    return reverse("planner:country") + query


@planners_only
def scenario_list(request: HttpRequest) -> HttpResponse:
    scenarios = list(scenarios_visible(user=request.user).order_by("province_id", "pk"))
    for scenario in scenarios:
        scenario.latest = scenario.versions.order_by("-number").first()  # type: ignore[attr-defined]
        scenario.shown_at = _shown_at(scenario)  # type: ignore[attr-defined]
    return render(request, "planner/scenarios.html", {"scenarios": scenarios})


def _provinces_offered(request: HttpRequest) -> list[Province]:
    scope = scope_of(request)
    provinces = Province.objects.order_by("name")
    return list(provinces if scope.country else provinces.filter(code__in=scope.provinces))


@planners_only
@require_http_methods(["GET", "POST"])
def scenario_new(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    provinces = _provinces_offered(request)
    typed = {"name": "", "province": provinces[0].code if len(provinces) == 1 else "", "description": ""}
    errors: dict[str, str] = {}
    if request.method == "POST":
        typed = {key: request.POST.get(key, "").strip() for key in typed}
        province = next((item for item in provinces if item.code == typed["province"]), None)
        if province is None and not (scope.country and typed["province"] == ""):
            errors["province"] = _("Choose a province you plan for.")
        else:
            try:
                scenario = scenario_create(
                    actor=request.user, name=typed["name"], province=province, description=typed["description"]
                )
            except ApplicationError as error:
                errors[error.field or "name"] = error.render()
            else:
                messages.success(request, _("Scenario created from the default inputs; change what you know better."))
                return redirect("planner:scenario_edit", pk=scenario.pk)
    context = {"provinces": provinces, "country": scope.country, "typed": typed, "errors": errors}
    return render(request, "planner/scenario_new.html", context, status=422 if errors else 200)


@planners_only
@require_http_methods(["GET", "POST"])
def scenario_edit(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = scenario_or_404(request, pk)
    latest = scenario_latest_version(scenario=scenario)
    current = inputs_from_dict(latest.inputs)
    sources = version_sources(latest)
    province = scenario.province_id
    sections = input_sections(current, province=province, sources=sources)
    elsewhere: list[str] = []
    note = ""
    if request.method == "POST":
        note = request.POST.get("note", "").strip()
        read = inputs_read(request.POST, current=current, province=province)
        sections = input_sections(current, province=province, sources=sources, typed=read.typed)
        if read.inputs is not None:
            try:
                version = scenario_version_save(actor=request.user, scenario=scenario, inputs=read.inputs, note=note)
            except ApplicationError as error:
                read.problems = [error]
            else:
                messages.success(request, _("Version %(number)s saved.") % {"number": version.number})
                return redirect(_shown_at(scenario, version.number))
        elsewhere = place_problems(sections, read.problems)
    context: dict[str, Any] = {
        "scenario": scenario,
        "latest": latest,
        "sections": sections,
        "elsewhere": elsewhere,
        "note": note,
        "has_errors": bool(elsewhere) or any(section.has_errors for section in sections),
        "shown_at": _shown_at(scenario),
        "pricing": POSTAL_PRICING,
    }
    return render(request, "planner/scenario_edit.html", context, status=422 if context["has_errors"] else 200)


@planners_only
@require_http_methods(["GET", "POST"])
def scenario_copy_page(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = scenario_or_404(request, pk)
    name = _("%(name)s (copy)") % {"name": scenario.name}
    error = ""
    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        try:
            copy = scenario_copy(actor=request.user, scenario=scenario, name=name)
        except ApplicationError as problem:
            error = problem.render()
        else:
            messages.success(request, _("Scenario copied."))
            return redirect("planner:scenario_edit", pk=copy.pk)
    return render(
        request,
        "planner/scenario_copy.html",
        {"scenario": scenario, "name": name, "error": error},
        status=422 if error else 200,
    )
