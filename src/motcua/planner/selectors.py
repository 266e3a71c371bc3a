"""Who plans what: a planner of a province sees and edits that province's scenarios only; a planner of the
whole country (an assignment without a province) and administrators see them all."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from motcua.agencies.models import Role, StaffAssignment
from motcua.agencies.selectors import user_has_role
from motcua.core.localtime import local_date

from . import errors
from .models import Scenario, ScenarioVersion

PLANNING_ROLES = (Role.PLANNER, Role.ADMINISTRATOR)


@dataclass(frozen=True)
class PlanningScope:
    """``country``: every province; else the province codes of ``provinces``."""

    country: bool
    provinces: frozenset[str]

    def covers(self, province_code: str | None) -> bool:
        """Whether a scenario of ``province_code`` (``None``: the country) is within the scope."""
        return self.country or (province_code is not None and province_code in self.provinces)


def planning_scope(*, user) -> PlanningScope:
    """The user's planning scope; raises ``planner_scenario_forbidden`` for anyone but planners and admins."""
    if not user_has_role(user=user, roles=PLANNING_ROLES):
        raise errors.scenario_forbidden()
    day = local_date()
    rows = StaffAssignment.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        user=user,
        is_active=True,
        role__in=[role.value for role in PLANNING_ROLES],
    ).values_list("role", "province_id")
    country = any(role == Role.ADMINISTRATOR or province is None for role, province in rows)
    return PlanningScope(country=country, provinces=frozenset(province for _, province in rows if province))


def scenarios_visible(*, user) -> QuerySet[Scenario]:
    scope = planning_scope(user=user)
    scenarios = Scenario.objects.select_related("province", "owner", "parent")
    if scope.country:
        return scenarios
    return scenarios.filter(province_id__in=scope.provinces)


def scenario_get(*, user, pk: int) -> Scenario:
    """The scenario ``pk`` if the user may see it; one out of scope answers exactly like a missing one."""
    scenario = scenarios_visible(user=user).filter(pk=pk).first()
    if scenario is None:
        raise errors.scenario_not_found()
    return scenario


def scenario_latest_version(*, scenario: Scenario) -> ScenarioVersion:
    version = scenario.versions.order_by("-number").first()
    if version is None:
        raise errors.scenario_version_not_found()
    return version


def scenario_version_get(*, scenario: Scenario, number: int | None = None) -> ScenarioVersion:
    """Version ``number`` of the scenario, the latest when ``number`` is ``None``."""
    if number is None:
        return scenario_latest_version(scenario=scenario)
    version = scenario.versions.filter(number=number).first()
    if version is None:
        raise errors.scenario_version_not_found()
    return version


def scenario_by_name(*, name: str, province: str | None) -> Scenario | None:
    """For commands: the scenario called ``name`` of ``province`` (or of the country); any scope when the
    name is unique."""
    matches = Scenario.objects.filter(name=name)
    if province is not None:
        scoped = matches.filter(province_id=province).first()
        if scoped is not None:
            return scoped
    return matches.first() if matches.count() == 1 else matches.filter(province__isnull=True).first()
