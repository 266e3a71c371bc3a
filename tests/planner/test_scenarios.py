"""Scenarios: versions with provenance, refusals naming the input, copies, comparison, and who sees what."""

from __future__ import annotations

import pytest

from motcua.core.errors import ApplicationError
from motcua.localities.models import Province
from motcua.planner.demo import BASELINE, PEAK, POSTAL, planner_load_demo
from motcua.planner.models import Scenario, ScenarioResult, ScenarioStatus, ScenarioVersion
from motcua.planner.scenarios import (
    scenario_copy,
    scenario_create,
    scenario_result,
    scenario_status_set,
    scenario_version_save,
    scenario_versions_compare,
    version_sources,
)
from motcua.planner.selectors import scenario_get, scenarios_visible

from .conftest import DONG_THAP, HA_TINH


def _province(code: str) -> Province:
    return Province.objects.get(code=code)


def test_a_new_scenario_starts_from_the_cited_defaults(planner_ha_tinh, inputs):
    scenario = scenario_create(actor=planner_ha_tinh, name="Thử", province=_province(HA_TINH))
    version = scenario.versions.get()
    assert version.number == 1 and version.inputs == inputs.to_dict() and version.provenance == {}
    sources = version_sources(version)
    assert sources["costs.base_salary_vnd"].startswith("Decree 73/2024")
    assert sources["provinces.42.population"] == "Resolution 202/2025/QH15"


def test_a_new_version_records_who_changed_what_and_keeps_earlier_provenance(planner_ha_tinh, inputs):
    scenario = scenario_create(actor=planner_ha_tinh, name="Thử", province=_province(HA_TINH))
    inputs.fields["DD"].dossiers_per_1000 = 120.0
    measured = "measured at Bưu cục Thành Sen from 01/03/2026 to 31/03/2026"
    second = scenario_version_save(
        actor=planner_ha_tinh,
        scenario=scenario,
        inputs=inputs.to_dict(),
        provenance={"fields.DD.dossiers_per_1000": measured},
    )
    inputs.queue.service_level = 0.9
    third = scenario_version_save(actor=planner_ha_tinh, scenario=scenario, inputs=inputs)
    assert (second.number, third.number) == (2, 3)
    assert third.provenance == {
        "fields.DD.dossiers_per_1000": measured,
        "queue.service_level": "edited by planner-ht",
    }
    assert version_sources(third)["queue.target_wait_minutes"].startswith("Decision 468")
    with pytest.raises(ApplicationError) as caught:
        third.save()
    assert caught.value.code == "planner_scenario_version_immutable"
    scenario_status_set(actor=planner_ha_tinh, scenario=scenario, status=ScenarioStatus.ARCHIVED)
    with pytest.raises(ApplicationError) as caught:
        scenario_version_save(actor=planner_ha_tinh, scenario=scenario, inputs=inputs)
    assert caught.value.code == "planner_scenario_archived"
    assert scenario.versions.count() == 3


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        (
            lambda i: setattr(i.fields["DD"], "dossiers_per_1000", -5.0),
            "inputs.fields.DD.dossiers_per_1000",
            "planner_input_negative",
        ),
        (
            lambda i: [setattr(f, "dossiers_per_1000", 0.0) for f in i.fields.values()],
            "inputs.fields",
            "planner_no_demand",
        ),
        (
            lambda i: i.service.stage_minutes.update(receive=0.0),
            "inputs.service.stage_minutes.receive",
            "planner_input_not_positive",
        ),
        (lambda i: setattr(i.queue, "service_level", 1.2), "inputs.queue.service_level", "planner_input_out_of_range"),
        (lambda i: setattr(i.queue, "shrinkage", 1.0), "inputs.queue.shrinkage", "planner_input_out_of_range"),
        (
            lambda i: setattr(i.service, "pickup_share", 0.8),
            "inputs.service.pickup_share",
            "planner_shares_exceed_whole",
        ),
        (
            lambda i: setattr(i.provinces["42"], "population", 0),
            "inputs.provinces.42.population",
            "planner_input_not_positive",
        ),
        (
            lambda i: setattr(i.profile, "weekday_hours", "7h30 đến 11h"),
            "inputs.profile.weekday_hours",
            "planner_opening_hours_unreadable",
        ),
        (
            lambda i: setattr(i.provinces["42"], "communes", 1) or setattr(i.provinces["42"], "population", 10**11),
            "inputs.fields.DD.dossiers_per_1000",
            "planner_load_never_carried",
        ),
    ],
)
def test_impossible_inputs_are_refused_naming_the_input_and_nothing_is_saved(
    planner_ha_tinh, inputs, change, field, code
):
    scenario = scenario_create(actor=planner_ha_tinh, name="Thử", province=_province(HA_TINH))
    change(inputs)
    with pytest.raises(ApplicationError) as caught:
        scenario_version_save(actor=planner_ha_tinh, scenario=scenario, inputs=inputs.to_dict())
    assert (caught.value.code, caught.value.field) == (code, field)
    assert caught.value.render("vi") != caught.value.render("en")
    assert scenario.versions.count() == 1


def test_inputs_of_the_wrong_shape_name_the_input(planner_ha_tinh, inputs):
    scenario = scenario_create(actor=planner_ha_tinh, name="Thử", province=_province(HA_TINH))
    data = inputs.to_dict()
    data["queue"]["service_level"] = "cao"
    del data["costs"]["postage_vnd"]
    with pytest.raises(ApplicationError) as caught:
        scenario_version_save(actor=planner_ha_tinh, scenario=scenario, inputs=data)
    assert caught.value.field in ("inputs.costs.postage_vnd", "inputs.queue.service_level")


def test_a_copy_starts_from_the_latest_inputs_and_remembers_its_parent(planner_ha_tinh, inputs):
    scenario = scenario_create(actor=planner_ha_tinh, name="Gốc", province=_province(HA_TINH))
    inputs.queue.target_wait_minutes = 10.0
    scenario_version_save(actor=planner_ha_tinh, scenario=scenario, inputs=inputs)
    copy = scenario_copy(actor=planner_ha_tinh, scenario=scenario, name="Bản sao")
    assert copy.parent == scenario and copy.province_id == HA_TINH
    assert copy.versions.get().inputs["queue"]["target_wait_minutes"] == 10.0
    assert copy.versions.get().provenance == {"queue.target_wait_minutes": "edited by planner-ht"}
    with pytest.raises(ApplicationError) as caught:
        scenario_copy(actor=planner_ha_tinh, scenario=scenario, name="Bản sao")
    assert caught.value.code == "planner_scenario_name_taken"


def test_comparing_two_versions_gives_indicators_and_the_inputs_that_differ(planner_ha_tinh, inputs):
    scenario = scenario_create(actor=planner_ha_tinh, name="Gốc", province=_province(HA_TINH))
    inputs.service.pickup_share = 0.2
    second = scenario_version_save(actor=planner_ha_tinh, scenario=scenario, inputs=inputs)
    rows = scenario_versions_compare(a=scenario.versions.get(number=1), b=second)
    inputs_changed = [row for row in rows if row.kind == "input"]
    assert [(row.key, row.a, row.b) for row in inputs_changed] == [("service.pickup_share", 0.05, 0.2)]
    indicators = {row.key: row for row in rows if row.kind == "indicator"}
    avoided = indicators["visits_avoided"]
    assert avoided.b > avoided.a and avoided.difference == pytest.approx(avoided.b - avoided.a)
    assert indicators["postal_fte"].b <= indicators["postal_fte"].a  # fewer citizens at the counter


def test_a_result_is_computed_once_per_version_and_scope(planner_ha_tinh):
    scenario = scenario_create(actor=planner_ha_tinh, name="Gốc", province=_province(HA_TINH))
    version = scenario.versions.get()
    first = scenario_result(version=version)
    assert len(first["communes"]) == 69 and first["scope"] == HA_TINH
    assert ScenarioResult.objects.filter(version=version).count() == 1
    assert scenario_result(version=version) == first
    assert ScenarioResult.objects.filter(version=version).count() == 1
    with pytest.raises(ApplicationError) as caught:
        scenario_result(version=version, province=DONG_THAP)
    assert caught.value.status == 404


def test_a_province_planner_sees_and_edits_only_the_province(
    planner_ha_tinh, planner_dong_thap, planner_country, trainer
):
    ha_tinh = scenario_create(actor=planner_ha_tinh, name="HT", province=_province(HA_TINH))
    dong_thap = scenario_create(actor=planner_dong_thap, name="ĐT", province=_province(DONG_THAP))
    country = scenario_create(actor=planner_country, name="Cả nước", province=None)
    assert set(scenarios_visible(user=planner_ha_tinh)) == {ha_tinh}
    assert set(scenarios_visible(user=planner_country)) == {ha_tinh, dong_thap, country}
    with pytest.raises(ApplicationError) as caught:
        scenario_get(user=planner_ha_tinh, pk=dong_thap.pk)
    assert caught.value.status == 404
    for province in (_province(DONG_THAP), None):
        with pytest.raises(ApplicationError) as caught:
            scenario_create(actor=planner_ha_tinh, name="Không được", province=province)
        assert caught.value.code == "planner_scenario_out_of_scope"
    with pytest.raises(ApplicationError) as caught:
        scenarios_visible(user=trainer)
    assert caught.value.status == 403
    assert not Scenario.objects.filter(name="Không được").exists()


def test_the_demo_seeds_three_ha_tinh_scenarios_once(country_map):
    planner_load_demo()
    planner_load_demo()
    scenarios = {scenario.name: scenario for scenario in Scenario.objects.filter(province_id=HA_TINH)}
    assert set(scenarios) == {BASELINE, POSTAL, PEAK}
    assert scenarios[BASELINE].versions.get().inputs["service"]["postal_share"] == 0.0
    peak = scenarios[PEAK].versions.order_by("-number").first()
    assert peak.inputs["profile"]["peaks"]["tet"]["active"] and peak.inputs["profile"]["plan_month"] == 1
    assert scenarios[PEAK].parent == scenarios[POSTAL]
    assert ScenarioVersion.objects.filter(scenario__province_id=HA_TINH).count() == 4
