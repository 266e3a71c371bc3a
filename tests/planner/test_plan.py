"""The country model: every commune planned, every open hour meeting the wait target, pooling never worse."""

from __future__ import annotations

import math

import pytest

from motcua.planner.inputs import CommuneFigures
from motcua.planner.model import plan_run
from motcua.planner.model.demand import HOURS_PER_WEEK, CommuneArea, Week, communes_for, week_for
from motcua.planner.model.plan import civil_servant_month_vnd, commune_figures
from motcua.planner.model.staffing import CommuneStaffing, WeekStaffing, queues_for, staff_commune
from motcua.planner.queueing import evaluate

from .conftest import HA_TINH


def test_the_country_plan_has_all_3321_communes_and_adds_up(inputs):
    plan = plan_run(inputs)
    communes = plan.commune_plans()
    assert len(communes) == 3321 == plan.figures.communes
    assert len({commune.area.code for commune in communes}) == 3321
    assert len(plan.provinces) == 34
    assert round(plan.figures.population) == 113_572_156
    assert plan.figures.postal_fte == pytest.approx(sum(c.figures.postal_fte for c in communes))
    ha_tinh = next(province for province in plan.provinces if province.code == HA_TINH)
    assert len(ha_tinh.communes) == 69
    assert round(ha_tinh.figures.population) == 1_622_901


def test_commune_estimates_share_the_province_and_a_measured_commune_replaces_its_share(inputs):
    estimated = communes_for(inputs, province=HA_TINH)
    assert len({area.population for area in estimated}) == 1
    assert estimated[0].population == pytest.approx(1_622_901 / 69)
    assert estimated[0].distance_km == pytest.approx(2 / 3 * math.sqrt(5994.45 / 69 / math.pi))
    measured = estimated[0].code
    inputs.communes[measured] = CommuneFigures(population=50_000, area_km2=10.0, source="measured")
    areas = {area.code: area for area in communes_for(inputs, province=HA_TINH)}
    assert areas[measured].population == 50_000 and areas[measured].measured
    assert sum(area.population for area in areas.values()) == pytest.approx(1_622_901)
    assert sum(area.area_km2 for area in areas.values()) == pytest.approx(5994.45)


@pytest.mark.parametrize("patience", [None, 20.0])
def test_every_open_hour_of_every_queue_meets_the_wait_target(inputs, patience):
    """Checked against queueing.evaluate, independently of how the engine searched for the counters."""
    inputs.queue.patience_minutes = patience
    inputs.service.postal_share = 0.7  # all three kinds of queue: per field, pooled, and the civil servants left
    week = week_for(inputs)
    target, level = inputs.queue.target_wait_minutes * 60, inputs.queue.service_level
    for population in {area.population for area in communes_for(inputs, province=HA_TINH)} | {3000.0, 90_000.0}:
        staffing = staff_commune(week, inputs, population)
        queues = queues_for(week, inputs, population)
        checked = [(queues.pooled, staffing.postal.servers)]
        checked += [(queues.fields[code], staffing.baseline.by_field[code]) for code in inputs.fields]
        checked += [(queues.left[code], staffing.left.by_field[code]) for code in inputs.fields]
        for cells, servers in checked:
            assert all(servers[hour] == 0 for hour in range(HOURS_PER_WEEK) if hour not in week.open_slots)
            assert len(cells) == HOURS_PER_WEEK
            for hour in week.open_slots:
                arrivals, seconds = cells[hour]
                assert servers[hour] >= 1  # the floors: one per field, one postal staff
                if arrivals == 0:
                    continue
                figures = evaluate(
                    arrivals_per_hour=arrivals,
                    service_seconds=seconds,
                    target_wait_seconds=target,
                    servers=servers[hour],
                    patience_seconds=patience * 60 if patience else None,
                )
                assert figures.service_level >= level - 1e-9, (population, hour)
                assert figures.occupancy <= inputs.queue.max_occupancy + 1e-9
            assert sum(arrivals for arrivals, _ in cells) > 0
            assert all(cells[hour][0] == 0 for hour in range(HOURS_PER_WEEK) if hour not in week.open_slots)


def test_pooled_postal_staff_never_outnumber_per_field_counters_on_the_same_demand(inputs):
    plan = plan_run(inputs)
    for commune in plan.commune_plans():
        staffing = commune.staffing
        assert all(
            pooled <= per_field
            for pooled, per_field in zip(staffing.postal.servers, staffing.baseline.servers, strict=True)
        )
        assert commune.figures.postal_fte <= commune.figures.baseline_fte
    assert plan.figures.postal_fte < 0.5 * plan.figures.baseline_fte  # usually far fewer
    assert plan.figures.civil_freed_fte == pytest.approx(plan.figures.baseline_fte)


def test_costs_and_benefits_follow_their_formulas_on_a_hand_computed_commune(inputs):
    """One commune of π km² (mean distance 2/3 km), 10,000 people, two fields."""
    inputs.fields = {code: inputs.fields[code] for code in ("HT", "CT")}
    inputs.fields["HT"].dossiers_per_1000 = 300.0
    inputs.fields["CT"].dossiers_per_1000 = 200.0
    inputs.service.pickup_share, inputs.service.delivery_share = 0.1, 0.2
    inputs.costs.travel_speed_kmh, inputs.costs.travel_vnd_per_km = 20.0, 1000
    inputs.costs.time_value_vnd_per_hour, inputs.costs.postage_vnd = 30_000, 16_000
    inputs.queue.shrinkage = 0.2
    area = CommuneArea("00001", "Xã Mẫu", HA_TINH, 10_000.0, math.pi, False)
    week = Week(
        open_hours=(1.0,) * 40 + (0.0,) * 128,
        shares=(1 / 40,) * 40 + (0.0,) * 128,
        visits_per_capita={"HT": 0.01, "CT": 0.01},
        service_seconds={"HT": 600.0, "CT": 300.0},
        dossiers_per_capita_year={"HT": 0.3, "CT": 0.2},
    )
    # The baseline: 2 counters open 40 hours, 10 visits; 12 minutes' wait per visit on average.
    baseline = WeekStaffing((2,) * 40 + (0,) * 128, (3,) * 40 + (0,) * 128, 2, 10 * 720.0, 10.0, 0.9)
    postal = WeekStaffing((1,) * 40 + (0,) * 128, (2,) * 40 + (0,) * 128, 1, 10 * 360.0, 10.0, 0.85)
    empty = WeekStaffing((0,) * 168, (0,) * 168, 0, 0.0, 0.0, 1.0)
    figures = commune_figures(inputs, week, area, CommuneStaffing(baseline=baseline, postal=postal, left=empty))

    month = 2.34 * 2_340_000 * (1 + 0.25 + 0.205 + 0.20)
    assert civil_servant_month_vnd(inputs) == pytest.approx(month)
    assert figures.baseline_fte == pytest.approx(2 * 40 / 0.8 / 40)  # 100 paid hours for 80 counter-hours
    assert figures.postal_fte == pytest.approx(1 * 40 / 0.8 / 40)
    assert figures.baseline_state_cost_vnd == pytest.approx(2.5 * month * 12)
    assert figures.postal_state_cost_vnd == 0
    assert figures.postal_enterprise_cost_vnd == pytest.approx(1.25 * 9_000_000 * 12)
    dossiers = 10_000 * 0.5
    assert figures.dossiers_year == pytest.approx(dossiers)
    visits = dossiers * (0.1 + 0.2)
    assert figures.visits_avoided == pytest.approx(visits)
    assert figures.postage_vnd == pytest.approx(visits * 16_000)
    trip_km = 2 * 2 / 3
    hours = visits * (trip_km / 20 + 360 / 3600)  # travel, and the postal model's 6-minute mean wait
    assert figures.hours_saved == pytest.approx(hours)
    assert figures.citizen_vnd_saved == pytest.approx(visits * trip_km * 1000 + hours * 30_000)
    assert figures.mean_wait_minutes == pytest.approx(6.0)

    inputs.costs.postal_pricing = "per_dossier"
    per_dossier = commune_figures(inputs, week, area, CommuneStaffing(baseline=baseline, postal=postal, left=empty))
    counter_receptions = dossiers * (1 - inputs.service.online_share - 0.1)
    assert per_dossier.postal_enterprise_cost_vnd == pytest.approx(counter_receptions * 20_000)


def test_arrivals_of_the_week_add_up_to_the_yearly_rate(inputs):
    week = week_for(inputs)
    population = 10_000.0
    visits = sum(
        week.arrivals(population, code, hour) * week.open_hours[hour]
        for code in inputs.fields
        for hour in range(HOURS_PER_WEEK)
    )
    per_year = sum(item.dossiers_per_1000 for item in inputs.fields.values()) / 1000 * population
    counter_visits = (1 - 0.30 - 0.05) + (1 - 0.30 - 0.15)  # reception and return visits per dossier
    assert visits == pytest.approx(per_year * counter_visits / (365.25 / 7))
    assert sum(week.shares) == pytest.approx(1)
    assert week.open_hours[7] == 0.5 and week.open_hours[8] == 1 and week.open_hours[12] == 0
    assert all(hours == 0 for hours in week.open_hours[5 * 24 :])  # closed on Saturday and Sunday by default


def test_a_peak_week_needs_more_staff_and_the_tornado_moves_the_right_way(inputs):
    from motcua.planner.model.sensitivity import VARIED, peak_inputs, sensitivity

    result = sensitivity(inputs, province=HA_TINH)
    assert {row.key for row in result.rows} == set(VARIED)
    assert result.peak.postal_model_staff > result.base.postal_model_staff
    rows = {row.key: row for row in result.rows}
    population = rows["provinces.*.population"]
    assert population.low.postal_model_staff < result.base.postal_model_staff < population.high.postal_model_staff
    salary = rows["costs.base_salary_vnd"]
    assert salary.low.baseline_cost_vnd < salary.high.baseline_cost_vnd
    assert salary.low.postal_model_staff == salary.high.postal_model_staff
    assert peak_inputs(inputs).profile.plan_month == 1
