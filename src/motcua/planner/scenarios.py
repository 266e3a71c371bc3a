"""Scenarios: create from the defaults, save a new version of the inputs, copy, compare, and their results.

A version's inputs are checked in full before anything is written (:mod:`.checks`): impossible inputs raise an
error naming the input's dotted key. Each version records where its changed numbers came from: a key left as
in the previous version keeps its provenance, a key changed without one given is "edited by <user>".
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from motcua.localities.models import Province

from . import errors
from .checks import inputs_check
from .defaults import default_inputs, meta_for
from .inputs import ScenarioInputs, inputs_from_dict
from .model.plan import plan_run
from .model.summary import ENGINE, plan_summary
from .models import Scenario, ScenarioResult, ScenarioStatus, ScenarioVersion
from .selectors import planning_scope, scenario_latest_version


def _inputs(value: ScenarioInputs | dict[str, Any]) -> ScenarioInputs:
    inputs = value if isinstance(value, ScenarioInputs) else inputs_from_dict(value)
    inputs_check(inputs)
    return inputs


def _check_scope(*, actor, province: Province | None) -> None:
    if actor is None:  # commands and the demo loader act for the system
        return
    scope = planning_scope(user=actor)
    if not scope.covers(province.code if province else None):
        raise errors.scenario_out_of_scope(field="province")


@transaction.atomic
def scenario_create(
    *,
    actor,
    name: str,
    province: Province | None,
    inputs: ScenarioInputs | dict[str, Any] | None = None,
    provenance: dict[str, str] | None = None,
    description: str = "",
    note: str = "",
    parent: Scenario | None = None,
) -> Scenario:
    """A new scenario of ``province`` (``None``: the country) with version 1: ``inputs`` or the defaults."""
    name = name.strip()
    if not name:
        raise errors.scenario_name_empty()
    _check_scope(actor=actor, province=province)
    checked = _inputs(inputs) if inputs is not None else default_inputs()
    if Scenario.objects.filter(name=name, province=province).exists():
        raise errors.scenario_name_taken(name=name)
    try:
        with transaction.atomic():
            scenario = Scenario.objects.create(
                name=name, province=province, owner=actor, description=description, parent=parent
            )
    except IntegrityError:
        raise errors.scenario_name_taken(name=name) from None
    ScenarioVersion.objects.create(
        scenario=scenario,
        number=1,
        inputs=checked.to_dict(),
        provenance=dict(provenance or {}),
        note=note,
        created_by=actor,
    )
    return scenario


@transaction.atomic
def scenario_version_save(
    *,
    actor,
    scenario: Scenario,
    inputs: ScenarioInputs | dict[str, Any],
    note: str = "",
    provenance: dict[str, str] | None = None,
) -> ScenarioVersion:
    """A new version of ``scenario`` with ``inputs`` (checked in full first; nothing is written if wrong)."""
    _check_scope(actor=actor, province=scenario.province)
    if scenario.status == ScenarioStatus.ARCHIVED:
        raise errors.scenario_archived()
    checked = _inputs(inputs)
    locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
    previous = scenario_latest_version(scenario=locked)
    return ScenarioVersion.objects.create(
        scenario=locked,
        number=previous.number + 1,
        inputs=checked.to_dict(),
        provenance=provenance_merge(previous=previous, inputs=checked, given=provenance or {}, actor=actor),
        note=note,
        created_by=actor,
    )


def provenance_merge(
    *, previous: ScenarioVersion, inputs: ScenarioInputs, given: dict[str, str], actor
) -> dict[str, str]:
    before = inputs_from_dict(previous.inputs).flat()
    after = inputs.flat()
    edited = f"edited by {actor.get_username()}" if actor is not None else "edited"
    merged = {key: text for key, text in previous.provenance.items() if key in after}
    for key, value in after.items():
        if key in given:
            merged[key] = given[key]
        elif before.get(key) != value:
            merged[key] = edited
    return merged


@transaction.atomic
def scenario_copy(*, actor, scenario: Scenario, name: str, province: Province | None = None) -> Scenario:
    """A new scenario with the latest inputs of ``scenario`` (and their provenance), remembering its parent."""
    latest = scenario_latest_version(scenario=scenario)
    return scenario_create(
        actor=actor,
        name=name,
        province=province if province is not None else scenario.province,
        inputs=latest.inputs,
        provenance=latest.provenance,
        description=scenario.description,
        note=f"copy of {scenario.name} v{latest.number}",
        parent=scenario,
    )


@transaction.atomic
def scenario_status_set(*, actor, scenario: Scenario, status: ScenarioStatus | str) -> Scenario:
    """Mark the scenario a draft, proposed, or archived (an archived scenario takes no new version)."""
    _check_scope(actor=actor, province=scenario.province)
    chosen = ScenarioStatus(status)
    Scenario.objects.filter(pk=scenario.pk).update(status=chosen)
    scenario.status = chosen
    return scenario


def version_sources(version: ScenarioVersion) -> dict[str, str]:
    """Where each number of ``version`` comes from: its provenance, else the default's source."""
    flat = inputs_from_dict(version.inputs).flat()
    return {key: version.provenance.get(key) or meta_for(key).source for key in flat}


# --- results ------------------------------------------------------------------------------------------------


def scenario_result(*, version: ScenarioVersion, province: str | None = None) -> dict[str, Any]:
    """The plan summary of ``version`` for ``province`` (or the scenario's scope), computed once and kept.

    A version never changes, so its result is kept in ``ScenarioResult`` for the engine revision that made it
    (a database row rather than the cache: the country's plan takes seconds, and the row survives restarts
    and is shared by every server without a cache server).
    """
    scenario = version.scenario
    if scenario.province_id is not None:
        if province not in (None, scenario.province_id):
            raise errors.province_not_in_scope(code=str(province))
        province = scenario.province_id
    scope = province or ""
    stored = ScenarioResult.objects.filter(version=version, scope=scope, engine=ENGINE).first()
    if stored is not None:
        return stored.summary
    started = time.perf_counter()
    plan = plan_run(inputs_from_dict(version.inputs), province=province)
    summary = plan_summary(plan, scope=scope)
    elapsed = time.perf_counter() - started
    ScenarioResult.objects.get_or_create(
        version=version, scope=scope, engine=ENGINE, defaults={"summary": summary, "seconds": elapsed}
    )
    return summary


# --- comparison ---------------------------------------------------------------------------------------------

INDICATORS = (
    "dossiers_year",
    "baseline_counters",
    "baseline_fte",
    "postal_counters",
    "postal_fte",
    "civil_left_fte",
    "civil_freed_fte",
    "staff_fewer_fte",
    "baseline_state_cost_vnd",
    "postal_state_cost_vnd",
    "postal_enterprise_cost_vnd",
    "postal_model_cost_vnd",
    "postage_vnd",
    "visits_avoided",
    "hours_saved",
    "citizen_vnd_saved",
    "mean_wait_minutes",
)


@dataclass(frozen=True)
class ComparisonRow:
    kind: str  # "indicator" (a result of the plan) or "input" (an input that differs)
    key: str
    a: Any
    b: Any
    difference: float | None  # b − a, for numbers


def scenario_versions_compare(
    *, a: ScenarioVersion, b: ScenarioVersion, province: str | None = None
) -> list[ComparisonRow]:
    """Side by side: the plan's indicators of both versions, then every input whose value differs."""
    scope = province or a.scenario.province_id or b.scenario.province_id
    figures_a = scenario_result(version=a, province=scope)["figures"]
    figures_b = scenario_result(version=b, province=scope)["figures"]
    rows = [
        ComparisonRow("indicator", key, figures_a[key], figures_b[key], _difference(figures_a[key], figures_b[key]))
        for key in INDICATORS
    ]
    flat_a, flat_b = inputs_from_dict(a.inputs).flat(), inputs_from_dict(b.inputs).flat()
    for key in sorted(set(flat_a) | set(flat_b)):
        if flat_a.get(key) != flat_b.get(key):
            rows.append(
                ComparisonRow(
                    "input", key, flat_a.get(key), flat_b.get(key), _difference(flat_a.get(key), flat_b.get(key))
                )
            )
    return rows


def _difference(a: Any, b: Any) -> float | None:
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and not isinstance(b, bool):
        return b - a
    return None
