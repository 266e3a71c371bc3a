"""``/planner``: scenarios of the model project, their versions of inputs, computed results and comparisons.

Planners and administrators only. A planner of a province sees that province's scenarios only: any other
answers exactly like one that does not exist (404). Impossible inputs are a 422 problem naming the input
(``errors[].loc`` ends with its dotted key).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from motcua.localities.models import Province
from motcua.planner import errors
from motcua.planner.defaults import input_fields
from motcua.planner.inputs import inputs_from_dict
from motcua.planner.models import Scenario, ScenarioVersion
from motcua.planner.scenarios import (
    scenario_copy,
    scenario_create,
    scenario_result,
    scenario_version_save,
    scenario_versions_compare,
    version_sources,
)
from motcua.planner.selectors import scenario_get, scenario_version_get, scenarios_visible

from ..pagination import LimitOffsetPagination
from ..schemas.planner import (
    CompareQuery,
    ComparisonRowOut,
    ResultOut,
    ScenarioDetail,
    ScenarioIn,
    ScenarioOut,
    VersionIn,
    VersionOut,
)
from ..schemas.problems import Problem
from .dossiers import caller

router = Router(tags=["planner"])

READ_ERRORS = {401: Problem, 403: Problem, 404: Problem, 422: Problem}
WRITE_ERRORS = {401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}


def _version_summary(version: ScenarioVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "note": version.note,
        "created_by": version.created_by.get_username() if version.created_by else None,
        "created_at": version.created_at,
    }


def _version(version: ScenarioVersion) -> dict[str, Any]:
    rows = input_fields(inputs_from_dict(version.inputs), version_sources(version))
    return {
        **_version_summary(version),
        "scenario": version.scenario_id,
        "inputs": version.inputs,
        "sources": [dataclasses.asdict(row) for row in rows],
    }


def _province(code: str | None) -> Province | None:
    if code is None:
        return None
    province = Province.objects.filter(code=code).first()
    if province is None:
        raise errors.province_unknown(field="province", name=code)
    return province


@router.get("/scenarios", response={200: list[ScenarioOut], **READ_ERRORS}, summary="Scenarios")
@paginate(LimitOffsetPagination)
def planner_scenarios_list(request: HttpRequest) -> QuerySet[Scenario]:
    """The scenarios the caller may see: a province's planner those of the province, others all."""
    return scenarios_visible(user=caller(request)).prefetch_related("versions")


@router.post("/scenarios", response={201: ScenarioDetail, **WRITE_ERRORS}, summary="Create a scenario")
def planner_scenario_create(request: HttpRequest, payload: ScenarioIn) -> Status:
    """From the cited defaults, from `inputs`, or as a copy of the latest inputs of `copy_of`."""
    user = caller(request)
    province = _province(payload.province)
    if payload.copy_of is not None:
        source = scenario_get(user=user, pk=payload.copy_of)
        scenario = scenario_copy(actor=user, scenario=source, name=payload.name, province=province)
    else:
        scenario = scenario_create(
            actor=user, name=payload.name, province=province, inputs=payload.inputs, description=payload.description
        )
    return Status(201, scenario)


@router.get("/scenarios/{scenario_id}", response={200: ScenarioDetail, **READ_ERRORS}, summary="A scenario")
def planner_scenario_get(request: HttpRequest, scenario_id: int) -> Scenario:
    return scenario_get(user=caller(request), pk=scenario_id)


@router.post("/scenarios/{scenario_id}/versions", response={201: VersionOut, **WRITE_ERRORS}, summary="Save new inputs")
def planner_version_create(request: HttpRequest, scenario_id: int, payload: VersionIn) -> Status:
    """A new version with every input checked first: an impossible one is a 422 naming it, and nothing is saved."""
    user = caller(request)
    scenario = scenario_get(user=user, pk=scenario_id)
    version = scenario_version_save(
        actor=user, scenario=scenario, inputs=payload.inputs, note=payload.note, provenance=payload.provenance
    )
    return Status(201, _version(version))


@router.get(
    "/scenarios/{scenario_id}/versions/{number}", response={200: VersionOut, **READ_ERRORS}, summary="A version"
)
def planner_version_get(request: HttpRequest, scenario_id: int, number: int) -> dict[str, Any]:
    """Its inputs, and every number with its unit and source (the default's, or where the version got it)."""
    scenario = scenario_get(user=caller(request), pk=scenario_id)
    return _version(scenario_version_get(scenario=scenario, number=number))


@router.get("/scenarios/{scenario_id}/result", response={200: ResultOut, **READ_ERRORS}, summary="The plan")
def planner_result_get(
    request: HttpRequest, scenario_id: int, province: str | None = None, version: int | None = None
) -> dict[str, Any]:
    """The plan of the scenario's latest version (or `version`) for its province, or for `province` of a
    country-wide scenario: totals, each province's totals and staff by hour of the week, one row per commune.
    Computed once per version and kept."""
    scenario = scenario_get(user=caller(request), pk=scenario_id)
    chosen = scenario_version_get(scenario=scenario, number=version)
    summary = scenario_result(version=chosen, province=province)
    return {"scenario": scenario.pk, "version": chosen.number, **summary}


@router.get("/compare", response={200: list[ComparisonRowOut], **READ_ERRORS}, summary="Compare")
def planner_compare(request: HttpRequest, query: Query[CompareQuery]) -> list[Any]:
    """Two scenario versions side by side: the plan's indicators, then every input that differs."""
    user = caller(request)
    a = scenario_version_get(scenario=scenario_get(user=user, pk=query.a), number=query.a_version)
    b = scenario_version_get(scenario=scenario_get(user=user, pk=query.b), number=query.b_version)
    return list(scenario_versions_compare(a=a, b=b, province=query.province))
