"""One scenario's plan: every commune's staffing, costs and citizen benefit, summed to provinces and the country.

Figures are plain dataclasses, computed without writing to the database. Communes whose figures are equal (the
estimates give every commune of a province the same population and area) are computed once.

Costs, per year (docs/planner.md, "Costs and benefits"):

* a civil servant costs ``coefficient × base salary × (1 + allowances + contributions + overhead)`` a month;
  an FTE is ``fte_hours_per_week`` hours at the counter; the state's cost is FTE × monthly cost × 12;
* the postal enterprise's cost is the postal FTE × its monthly cost × 12 (pricing ``staff``) or the contract
  price × the dossiers the post receives at the counter (pricing ``per_dossier``);
* postage: one tariff per home pickup and per result delivered, paid by the citizen.

Citizen benefit: each pickup saves the reception trip and each delivery the return trip; a trip is twice the
mean distance to the centre, at ``travel_vnd_per_km``, and the travel time plus the mean wait at the counter, at
``time_value_vnd_per_hour``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ..checks import inputs_check
from ..inputs import ScenarioInputs
from .demand import HOURS_PER_WEEK, WEEKS_PER_YEAR, CommuneArea, Week, communes_for, week_for
from .staffing import CommuneStaffing, caches_for, staff_commune

MONTHS = 12


@dataclass
class Figures:
    """Additive figures of a commune, a province or the country (per year unless the name says week)."""

    communes: int = 0
    population: float = 0.0
    area_km2: float = 0.0
    dossiers_year: float = 0.0
    counter_visits_week: float = 0.0
    baseline_counters: int = 0
    baseline_peak_staff: int = 0
    baseline_staff_hours_week: float = 0.0
    baseline_fte: float = 0.0
    postal_counters: int = 0
    postal_peak_staff: int = 0
    postal_staff_hours_week: float = 0.0
    postal_fte: float = 0.0
    civil_left_fte: float = 0.0
    civil_freed_fte: float = 0.0
    baseline_state_cost_vnd: float = 0.0
    postal_state_cost_vnd: float = 0.0
    postal_enterprise_cost_vnd: float = 0.0
    postage_vnd: float = 0.0
    visits_avoided: float = 0.0
    hours_saved: float = 0.0
    citizen_vnd_saved: float = 0.0
    wait_minutes_visits: float = 0.0  # Σ counter visits of the week × mean wait, for the mean below

    @property
    def staff_fewer_fte(self) -> float:
        """FTE the postal model needs fewer than the baseline (civil servants left plus postal staff)."""
        return self.baseline_fte - self.postal_fte - self.civil_left_fte

    @property
    def postal_model_cost_vnd(self) -> float:
        return self.postal_state_cost_vnd + self.postal_enterprise_cost_vnd

    @property
    def mean_wait_minutes(self) -> float:
        return self.wait_minutes_visits / self.counter_visits_week if self.counter_visits_week else 0.0

    def add(self, other: Figures) -> None:
        for item in dataclasses.fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    def as_dict(self) -> dict[str, float]:
        data = dataclasses.asdict(self)
        data.update(
            staff_fewer_fte=self.staff_fewer_fte,
            postal_model_cost_vnd=self.postal_model_cost_vnd,
            mean_wait_minutes=self.mean_wait_minutes,
        )
        return data


@dataclass
class CommunePlan:
    area: CommuneArea
    figures: Figures
    staffing: CommuneStaffing


@dataclass
class ProvincePlan:
    code: str
    name: str
    figures: Figures = field(default_factory=Figures)
    communes: list[CommunePlan] = field(default_factory=list)
    baseline_staff_by_hour: list[int] = field(default_factory=lambda: [0] * HOURS_PER_WEEK)
    postal_staff_by_hour: list[int] = field(default_factory=lambda: [0] * HOURS_PER_WEEK)


@dataclass
class CountryPlan:
    week: Week
    figures: Figures = field(default_factory=Figures)
    provinces: list[ProvincePlan] = field(default_factory=list)

    def commune_plans(self) -> list[CommunePlan]:
        return [commune for province in self.provinces for commune in province.communes]


def plan_run(inputs: ScenarioInputs, *, province: str | None = None) -> CountryPlan:
    """The plan of every commune of ``province`` (a GSO code) or of the whole country."""
    inputs_check(inputs)
    week = week_for(inputs)
    plan = CountryPlan(week=week)
    staffed: dict[float, CommuneStaffing] = {}
    caches = caches_for(inputs)
    provinces: dict[str, ProvincePlan] = {}
    for area in communes_for(inputs, province=province):
        key = round(area.population, 6)
        if key not in staffed:
            staffed[key] = staff_commune(week, inputs, area.population, caches)
        figures = commune_figures(inputs, week, area, staffed[key])
        target = provinces.get(area.province_code)
        if target is None:
            target = provinces[area.province_code] = ProvincePlan(
                code=area.province_code, name=inputs.provinces[area.province_code].name
            )
            plan.provinces.append(target)
        target.communes.append(CommunePlan(area=area, figures=figures, staffing=staffed[key]))
        target.figures.add(figures)
        weeks = staffed[key]
        target.baseline_staff_by_hour = [
            a + b for a, b in zip(target.baseline_staff_by_hour, weeks.baseline.staff, strict=True)
        ]
        target.postal_staff_by_hour = [
            a + b + c for a, b, c in zip(target.postal_staff_by_hour, weeks.postal.staff, weeks.left.staff, strict=True)
        ]
    for item in plan.provinces:
        plan.figures.add(item.figures)
    return plan


def civil_servant_month_vnd(inputs: ScenarioInputs) -> float:
    costs = inputs.costs
    salary = costs.salary_coefficient * costs.base_salary_vnd
    return salary * (1 + costs.allowances_pct + costs.contributions_pct + costs.overhead_pct)


def commune_figures(inputs: ScenarioInputs, week: Week, area: CommuneArea, staffing: CommuneStaffing) -> Figures:
    service, costs = inputs.service, inputs.costs
    fte_hours = costs.fte_hours_per_week
    shrinkage = inputs.queue.shrinkage
    baseline_hours = staffing.baseline.staff_hours(week.open_hours, shrinkage)
    postal_hours = staffing.postal.staff_hours(week.open_hours, shrinkage)
    left_hours = staffing.left.staff_hours(week.open_hours, shrinkage)
    civil_month = civil_servant_month_vnd(inputs)
    dossiers = area.population * sum(week.dossiers_per_capita_year.values())
    counter_receptions = dossiers * max(0.0, 1 - service.online_share - service.pickup_share)
    if costs.postal_pricing == "per_dossier":
        enterprise = counter_receptions * service.postal_share * costs.postal_price_per_dossier_vnd
    else:
        enterprise = postal_hours / fte_hours * costs.postal_staff_month_vnd * MONTHS
    pickups, deliveries = dossiers * service.pickup_share, dossiers * service.delivery_share
    trip_km = 2 * area.distance_km
    wait_hours = staffing.postal_model_wait_seconds / 3600
    visits_avoided = pickups + deliveries
    hours_saved = visits_avoided * (trip_km / costs.travel_speed_kmh + wait_hours)
    visits_week = staffing.baseline.visits
    return Figures(
        communes=1,
        population=area.population,
        area_km2=area.area_km2,
        dossiers_year=dossiers,
        counter_visits_week=visits_week,
        baseline_counters=staffing.baseline.counters,
        baseline_peak_staff=max(staffing.baseline.staff),
        baseline_staff_hours_week=baseline_hours,
        baseline_fte=baseline_hours / fte_hours,
        postal_counters=staffing.postal.counters + staffing.left.counters,
        postal_peak_staff=max(a + b for a, b in zip(staffing.postal.staff, staffing.left.staff, strict=True)),
        postal_staff_hours_week=postal_hours,
        postal_fte=postal_hours / fte_hours,
        civil_left_fte=left_hours / fte_hours,
        civil_freed_fte=(baseline_hours - left_hours) / fte_hours,
        baseline_state_cost_vnd=baseline_hours / fte_hours * civil_month * MONTHS,
        postal_state_cost_vnd=left_hours / fte_hours * civil_month * MONTHS,
        postal_enterprise_cost_vnd=enterprise,
        postage_vnd=visits_avoided * costs.postage_vnd,
        visits_avoided=visits_avoided,
        hours_saved=hours_saved,
        citizen_vnd_saved=visits_avoided * trip_km * costs.travel_vnd_per_km
        + hours_saved * costs.time_value_vnd_per_hour,
        wait_minutes_visits=visits_week * staffing.postal_model_wait_seconds / 60,
    )


__all__ = ["WEEKS_PER_YEAR", "CommunePlan", "CountryPlan", "Figures", "ProvincePlan", "plan_run"]
