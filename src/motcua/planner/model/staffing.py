"""Counters and staff for one commune's planned week, in the two ways of organising the front office.

* **Baseline** ("one civil servant per field at the counter", today's model): each field has its own queue
  and counter(s), with at least ``minimum_per_field`` open whenever the centre is open.
* **Postal model**: the post's staff serve every field from one pooled queue (at least ``minimum_postal_staff``
  during opening hours); a share ``1 − postal_share`` of the work stays with per-field civil servants.

Every open hour of the week is a cell: the fewest counters that serve ``service_level`` of the citizens within
the target wait (Erlang C, or Erlang A with a patience), capped by the maximum occupancy, then the staff to
roster for them after shrinkage (:func:`motcua.planner.queueing.required_table`). The pooled queue's service
time is the mean of the fields' weighted by their arrivals (the same in every hour, since the fields share
one daily profile).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from .. import errors
from ..inputs import ScenarioInputs
from ..queueing import MAX_SERVERS, Staffing, required_table
from .demand import HOURS_PER_WEEK, Week

Cell = tuple[float, float]  # (citizens per hour, mean service seconds)


@dataclass(frozen=True)
class Queues:
    """The cells of one commune's week, 168 per queue (hour 0 = Monday 00:00; a closed hour has no arrivals): per
    field (the baseline, and the civil servants left in the postal model) and pooled (the post's share)."""

    fields: dict[str, tuple[Cell, ...]]
    pooled: tuple[Cell, ...]
    left: dict[str, tuple[Cell, ...]]


@dataclass(frozen=True)
class WeekStaffing:
    """Servers and staff per hour of the week (168 values each) of one way of organising, with its counters
    (the most servers open at once; in the baseline the sum over fields of each field's most)."""

    servers: tuple[int, ...]
    staff: tuple[int, ...]
    counters: int
    wait_seconds_visits: float  # Σ visits × mean wait, for averaging
    visits: float  # counter visits of the week
    worst_service_level: float
    by_field: dict[str, tuple[int, ...]] = field(default_factory=dict)  # the baseline's servers per field

    def staff_hours(self, open_hours: tuple[float, ...], shrinkage: float) -> float:
        """Paid hours for the week: counter-hours ÷ (1 − shrinkage). Shrinkage is spread over the week rather
        than rounded up hour by hour (rounding each hour would roster two people for every single counter)."""
        return sum(servers * hours for servers, hours in zip(self.servers, open_hours, strict=True)) / (1 - shrinkage)


EMPTY = WeekStaffing((0,) * HOURS_PER_WEEK, (0,) * HOURS_PER_WEEK, 0, 0.0, 0.0, 1.0)


@dataclass(frozen=True)
class CommuneStaffing:
    baseline: WeekStaffing
    postal: WeekStaffing
    left: WeekStaffing  # civil servants still at counters in the postal model

    @property
    def postal_model_wait_seconds(self) -> float:
        visits = self.postal.visits + self.left.visits
        return (self.postal.wait_seconds_visits + self.left.wait_seconds_visits) / visits if visits else 0.0


def queues_for(week: Week, inputs: ScenarioInputs, population: float) -> Queues:
    """Every hour of the week's cells (for pages and checks; the engine reads only the open hours)."""
    open_cells = _open_queues(week, inputs, population, with_left=True)
    closed = (0.0, _mean_service(week))

    def whole_week(cells: tuple[Cell, ...]) -> tuple[Cell, ...]:
        by_hour = dict(zip(week.open_slots, cells, strict=True))
        return tuple(by_hour.get(hour, (0.0, cells[0][1] if cells else closed[1])) for hour in range(HOURS_PER_WEEK))

    return Queues(
        fields={code: whole_week(cells) for code, cells in open_cells.fields.items()},
        pooled=whole_week(open_cells.pooled),
        left={code: whole_week(cells) for code, cells in open_cells.left.items()},
    )


def _open_queues(week: Week, inputs: ScenarioInputs, population: float, *, with_left: bool) -> Queues:
    """The cells of the open hours only (``Week.open_slots``, in order): what the engine plans."""
    share = inputs.service.postal_share
    # Citizens per hour in each open hour for one visit per inhabitant and week.
    intensity = [population * week.shares[hour] / week.open_hours[hour] for hour in week.open_slots]
    fields: dict[str, tuple[Cell, ...]] = {}
    left: dict[str, tuple[Cell, ...]] = {}
    for code in inputs.fields:
        visits, seconds = week.visits_per_capita[code], week.service_seconds[code]
        fields[code] = tuple([(rate * visits, seconds) for rate in intensity])
        if with_left:
            kept = visits * (1 - share)
            left[code] = tuple([(rate * kept, seconds) for rate in intensity])
    total, pooled_seconds = sum(week.visits_per_capita.values()) * share, _mean_service(week)
    pooled = tuple([(rate * total, pooled_seconds) for rate in intensity])
    return Queues(fields=fields, pooled=pooled, left=left)


def _mean_service(week: Week) -> float:
    """The pooled queue's mean service time: the fields' weighted by their visits (the same every hour)."""
    total = sum(week.visits_per_capita.values())
    if total <= 0:
        return sum(week.service_seconds.values()) / max(1, len(week.service_seconds))
    return sum(week.visits_per_capita[code] * week.service_seconds[code] for code in week.service_seconds) / total


#: Arrivals are rounded *up* to this many citizens per hour before a cell is planned, so that communes of
#: nearly equal demand share one computation (the plan is made for at most 0.01 citizen an hour more than the
#: demand: never fewer counters than needed).
ARRIVALS_RESOLUTION = 0.01


class StaffingCache:
    """The cells already planned under one policy, shared by every commune of a plan.

    :func:`motcua.planner.queueing.required_table` reuses work within one call; communes are planned one by one,
    so this keeps the results across them and asks only for the cells not seen yet.
    """

    def __init__(self, policy: dict[str, Any]) -> None:
        self.policy = policy
        self.known: dict[tuple[int, float], Staffing] = {}

    def table(self, cells: list[Cell]) -> list[Staffing]:
        keys = [(math.ceil(arrivals / ARRIVALS_RESOLUTION - 1e-9), seconds) for arrivals, seconds in cells]
        missing = [key for key in dict.fromkeys(keys) if key not in self.known]
        if missing:
            found = required_table([(n * ARRIVALS_RESOLUTION, seconds) for n, seconds in missing], **self.policy)
            self.known.update(zip(missing, found, strict=True))
        return [self.known[key] for key in keys]


@dataclass(frozen=True)
class Caches:
    per_field: StaffingCache  # the baseline's and the civil servants left in the postal model
    pooled: StaffingCache


def caches_for(inputs: ScenarioInputs) -> Caches:
    queue = inputs.queue
    return Caches(
        per_field=StaffingCache(_policy(inputs, minimum=queue.minimum_per_field)),
        pooled=StaffingCache(_policy(inputs, minimum=queue.minimum_postal_staff)),
    )


def staff_commune(
    week: Week, inputs: ScenarioInputs, population: float, caches: Caches | None = None
) -> CommuneStaffing:
    """The two ways of organising one commune of ``population``; pass the plan's ``caches`` to share work."""
    caches = caches or caches_for(inputs)
    share = inputs.service.postal_share
    queues = _open_queues(week, inputs, population, with_left=share < 1)
    baseline = _combine({code: _plan(week, cells, caches.per_field, code) for code, cells in queues.fields.items()})
    postal = _plan(week, queues.pooled, caches.pooled, "") if share > 0 else EMPTY
    left = (
        _combine({code: _plan(week, cells, caches.per_field, code) for code, cells in queues.left.items()})
        if share < 1
        else EMPTY
    )
    return CommuneStaffing(baseline=baseline, postal=postal, left=left)


def _policy(inputs: ScenarioInputs, *, minimum: int) -> dict[str, Any]:
    queue = inputs.queue
    return {
        "target_wait_seconds": queue.target_wait_minutes * 60,
        "service_level": queue.service_level,
        "patience_seconds": queue.patience_minutes * 60 if queue.patience_minutes is not None else None,
        "max_occupancy": queue.max_occupancy,
        "shrinkage": queue.shrinkage,
        "minimum": minimum,
    }


def _plan(week: Week, cells: tuple[Cell, ...], cache: StaffingCache, code: str) -> WeekStaffing:
    """The week of one queue from its cells (one per open hour)."""
    cap = MAX_SERVERS * cache.policy["max_occupancy"]
    for arrivals, seconds in cells:
        if arrivals * seconds / 3600 > cap:
            key = f"inputs.fields.{code}.dossiers_per_1000" if code else "inputs.service.postal_share"
            raise errors.load_never_carried(field=key, load=arrivals * seconds / 3600, cap=MAX_SERVERS)
    table = cache.table(list(cells))
    servers = [0] * HOURS_PER_WEEK
    staff = [0] * HOURS_PER_WEEK
    wait = visits = 0.0
    worst = 1.0
    for hour, (arrivals, _), result in zip(week.open_slots, cells, table, strict=True):
        servers[hour], staff[hour] = result.servers, result.staff
        if arrivals > 0:
            arriving = arrivals * week.open_hours[hour]
            visits += arriving
            wait += arriving * result.asa_seconds
            worst = min(worst, result.service_level)
    return WeekStaffing(tuple(servers), tuple(staff), max(servers), wait, visits, worst)


def _combine(parts: dict[str, WeekStaffing]) -> WeekStaffing:
    if not parts:
        return EMPTY
    weeks = list(parts.values())
    return WeekStaffing(
        servers=tuple(map(sum, zip(*(part.servers for part in weeks), strict=True))),
        staff=tuple(map(sum, zip(*(part.staff for part in weeks), strict=True))),
        counters=sum(part.counters for part in weeks),
        wait_seconds_visits=sum(part.wait_seconds_visits for part in weeks),
        visits=sum(part.visits for part in weeks),
        worst_service_level=min(part.worst_service_level for part in weeks),
        by_field={code: part.servers for code, part in parts.items()},
    )
