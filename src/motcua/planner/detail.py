"""What the pages and the report show beyond a plan's summary: one commune's week hour by hour with the chance
of being served within the target wait, the distribution of waits in a province, and the sensitivity.

The summary kept in ``ScenarioResult`` has totals and staff by hour; the chance of being served within the
target in each hour, and the waits' distribution, come from evaluating the planned counters again with
:func:`motcua.planner.queueing.evaluate` (the same formulas that chose them). The sensitivity plans the province
about 25 times, so it is kept in the cache per version (versions never change).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from .inputs import WEEKDAYS, ScenarioInputs
from .model.demand import HOURS_PER_WEEK, Week
from .model.plan import CommunePlan, CountryPlan, plan_run
from .model.sensitivity import Sensitivity, sensitivity
from .model.staffing import Cell, CommuneStaffing, Queues, queues_for
from .model.summary import ENGINE
from .models import ScenarioVersion
from .queueing import evaluate

#: The waits (minutes) at which the distribution is drawn.
WAIT_POINTS = (0.0, 2.5, 5.0, 7.5, 10.0, 12.5, 15.0, 20.0, 25.0, 30.0, 45.0, 60.0)
SENSITIVITY_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class HourRow:
    """One open hour of a commune's week, in the scenario's way of organising and in the baseline."""

    day: str  # "mon".."sat"
    hour: int  # clock hour 0..23
    arrivals: float  # counter visits in this hour (all fields)
    servers: int  # counters open (the post's pooled counters and the civil servants' left at counters)
    staff: int
    service_level: float  # the worst queue's chance of being served within the target
    mean_wait_minutes: float
    baseline_servers: int
    baseline_service_level: float


@dataclass(frozen=True)
class CommuneWeek:
    commune: CommunePlan
    rows: list[HourRow]
    target_minutes: float
    goal: float  # the share to serve within the target

    @property
    def worst_service_level(self) -> float:
        return min((row.service_level for row in self.rows if row.arrivals > 0), default=1.0)

    @property
    def target_met(self) -> bool:
        return all(row.service_level >= self.goal - 1e-9 for row in self.rows if row.arrivals > 0)


def _scenario_queues(staffing: CommuneStaffing, queues: Queues, share: float, hour: int) -> list[tuple[int, Cell]]:
    """(counters, cell) of each queue of the scenario's way of organising in ``hour``: the post's pooled queue
    and the fields' queues of the civil servants left at counters."""
    cells: list[tuple[int, Cell]] = []
    if share > 0:
        cells.append((staffing.postal.servers[hour], queues.pooled[hour]))
    if share < 1:
        cells += [(staffing.left.by_field[code][hour], queues.left[code][hour]) for code in queues.left]
    return cells


def _baseline_queues(staffing: CommuneStaffing, queues: Queues, hour: int) -> list[tuple[int, Cell]]:
    return [(staffing.baseline.by_field[code][hour], queues.fields[code][hour]) for code in queues.fields]


def _evaluated(
    inputs: ScenarioInputs, cells: list[tuple[int, Cell]], wait_minutes: float
) -> list[tuple[float, float, float]]:
    """(arrivals, chance of waiting at most ``wait_minutes``, mean wait in seconds) of each busy queue."""
    queue = inputs.queue
    patience = queue.patience_minutes * 60 if queue.patience_minutes is not None else None
    figures = []
    for servers, (arrivals, seconds) in cells:
        if arrivals <= 0:
            continue
        result = evaluate(
            arrivals_per_hour=arrivals,
            service_seconds=seconds,
            target_wait_seconds=wait_minutes * 60,
            servers=servers,
            patience_seconds=patience,
            shrinkage=queue.shrinkage,
        )
        figures.append((arrivals, result.service_level, result.asa_seconds))
    return figures


def commune_week(inputs: ScenarioInputs, plan: CountryPlan, commune_code: str) -> CommuneWeek | None:
    """The open hours of ``commune_code``'s week in ``plan`` (``None`` if the plan has no such commune)."""
    commune = next((item for item in plan.commune_plans() if item.area.code == commune_code), None)
    if commune is None:
        return None
    week: Week = plan.week
    queues = queues_for(week, inputs, commune.area.population)
    staffing = commune.staffing
    share = inputs.service.postal_share
    target = inputs.queue.target_wait_minutes
    rows = []
    for hour in range(HOURS_PER_WEEK):
        if week.open_hours[hour] <= 0:
            continue
        scenario_cells = _scenario_queues(staffing, queues, share, hour)
        scenario = _evaluated(inputs, scenario_cells, target)
        baseline = _evaluated(inputs, _baseline_queues(staffing, queues, hour), target)
        arrivals = sum(item[0] for item in scenario)
        rows.append(
            HourRow(
                day=WEEKDAYS[hour // 24],
                hour=hour % 24,
                arrivals=arrivals,
                servers=sum(servers for servers, _cell in scenario_cells),
                staff=staffing.postal.staff[hour] + staffing.left.staff[hour],
                service_level=min((item[1] for item in scenario), default=1.0),
                mean_wait_minutes=sum(a * w for a, _s, w in scenario) / arrivals / 60 if arrivals else 0.0,
                baseline_servers=staffing.baseline.servers[hour],
                baseline_service_level=min((item[1] for item in baseline), default=1.0),
            )
        )
    return CommuneWeek(commune=commune, rows=rows, target_minutes=target, goal=inputs.queue.service_level)


@dataclass(frozen=True)
class WaitDistribution:
    """The share of counter visits served within each wait of ``WAIT_POINTS``, over every commune and open hour
    of the planned week, in the baseline and in the scenario's way of organising."""

    minutes: tuple[float, ...]
    baseline: tuple[float, ...]
    scenario: tuple[float, ...]


def wait_distribution(inputs: ScenarioInputs, plan: CountryPlan) -> WaitDistribution:
    week = plan.week
    share = inputs.service.postal_share
    # Communes with the same estimate share one staffing: evaluate each once, weighted by how many use it.
    groups: dict[int, tuple[CommunePlan, int]] = {}
    for commune in plan.commune_plans():
        known = groups.get(id(commune.staffing))
        groups[id(commune.staffing)] = (commune, (known[1] if known else 0) + 1)
    sums = {"baseline": [0.0] * len(WAIT_POINTS), "scenario": [0.0] * len(WAIT_POINTS)}
    weights = {"baseline": 0.0, "scenario": 0.0}
    for commune, count in groups.values():
        queues = queues_for(week, inputs, commune.area.population)
        for hour in range(HOURS_PER_WEEK):
            if week.open_hours[hour] <= 0:
                continue
            cells = {
                "baseline": _baseline_queues(commune.staffing, queues, hour),
                "scenario": _scenario_queues(commune.staffing, queues, share, hour),
            }
            for kind, queue_cells in cells.items():
                for index, minutes in enumerate(WAIT_POINTS):
                    for arrivals, level, _wait in _evaluated(inputs, queue_cells, minutes):
                        weight = arrivals * week.open_hours[hour] * count
                        sums[kind][index] += weight * level
                        if index == 0:
                            weights[kind] += weight
    return WaitDistribution(
        minutes=WAIT_POINTS,
        baseline=tuple(value / weights["baseline"] if weights["baseline"] else 1.0 for value in sums["baseline"]),
        scenario=tuple(value / weights["scenario"] if weights["scenario"] else 1.0 for value in sums["scenario"]),
    )


def _cache_key(kind: str, version: ScenarioVersion, province: str | None) -> str:
    return f"planner:{kind}:{ENGINE}:{version.pk}:{province or 'VN'}"


def version_sensitivity(version: ScenarioVersion, inputs: ScenarioInputs, province: str | None) -> Sensitivity:
    """The tornado of ``version`` for ``province``, computed once per version (a version never changes)."""
    key = _cache_key("sensitivity", version, province)
    kept = cache.get(key)
    if kept is None:
        kept = sensitivity(inputs, province=province)
        cache.set(key, kept, SENSITIVITY_SECONDS)
    return kept


def version_waits(
    version: ScenarioVersion, inputs: ScenarioInputs, province: str, plan: CountryPlan | None = None
) -> WaitDistribution:
    key = _cache_key("waits", version, province)
    kept = cache.get(key)
    if kept is None:
        kept = wait_distribution(inputs, plan or plan_run(inputs, province=province))
        cache.set(key, kept, SENSITIVITY_SECONDS)
    return kept
