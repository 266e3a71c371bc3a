"""What every planner page does first: the user's planning scope, the province asked for, the scenario shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.http import Http404, HttpRequest

from motcua.core.errors import ApplicationError
from motcua.desk.access import roles_required
from motcua.localities.models import Province

from ..inputs import ScenarioInputs, inputs_from_dict
from ..models import Scenario, ScenarioVersion
from ..selectors import (
    PLANNING_ROLES,
    PlanningScope,
    planning_scope,
    scenario_get,
    scenario_version_get,
    scenarios_visible,
)

planners_only = roles_required(PLANNING_ROLES)


def scope_of(request: HttpRequest) -> PlanningScope:
    return planning_scope(user=request.user)


def province_or_404(request: HttpRequest, code: str) -> Province:
    """The province ``code`` if the user plans for it; any other answers 404, whether or not it exists."""
    if not scope_of(request).covers(code):
        raise Http404
    province = Province.objects.filter(code=code).first()
    if province is None:
        raise Http404
    return province


def scenario_or_404(request: HttpRequest, pk: int | str | None) -> Scenario:
    try:
        return scenario_get(user=request.user, pk=int(pk or 0))
    except (ApplicationError, ValueError):
        raise Http404 from None


def query_number(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        raise Http404 from None


@dataclass(frozen=True)
class Shown:
    """The scenario and version a page shows, and the ones the picker offers."""

    scenario: Scenario | None
    version: ScenarioVersion | None
    choices: list[Scenario]
    versions: list[ScenarioVersion]

    @property
    def inputs(self) -> ScenarioInputs:
        assert self.version is not None
        return inputs_from_dict(self.version.inputs)

    def query(self) -> str:
        """The query string that shows the same scenario and version on another page."""
        if self.scenario is None or self.version is None:
            return ""
        return f"?scenario={self.scenario.pk}&version={self.version.number}"


def _postal_share(scenario: Scenario) -> float:
    version = scenario.versions.order_by("-number").first()
    return float(version.inputs.get("service", {}).get("postal_share", 0)) if version else 0.0


def shown_scenario(request: HttpRequest, *, province: str | None) -> Shown:
    """The scenario of ``?scenario=`` (404 if the user may not see it or it does not cover ``province``) and
    version ``?version=`` (the latest by default); without them, the first scenario in which the post takes
    counter work (else the first one). ``province`` ``None``: the country page, where every visible scenario
    may be shown."""
    visible = scenarios_visible(user=request.user)
    if province is not None:
        visible = visible.filter(Q(province_id=province) | Q(province__isnull=True))
    choices = list(visible.order_by("province_id", "pk"))
    wanted = query_number(request.GET.get("scenario"))
    if wanted is not None:
        scenario = next((item for item in choices if item.pk == wanted), None)
        if scenario is None:
            raise Http404
    else:
        scenario = next((item for item in choices if _postal_share(item) > 0), choices[0] if choices else None)
    if scenario is None:
        return Shown(None, None, choices, [])
    try:
        version = scenario_version_get(scenario=scenario, number=query_number(request.GET.get("version")))
    except ApplicationError:
        raise Http404 from None
    return Shown(scenario, version, choices, list(scenario.versions.order_by("-number")))


def error_context(error: ApplicationError) -> dict[str, Any]:
    return {"error": error.render(), "error_code": error.code}
