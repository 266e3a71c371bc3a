"""Simulation runs: days at a commune centre simulated event by event, in the background, with progress and cancel.

What is simulated is the scenario version's **postal model** at one commune (the pooled queue the post serves,
:mod:`.model.staffing`): on the chosen day of the week, its arrivals hour by hour (the planned week's profile for the
commune's population) and, hour by hour, the counters the analytic plan opens; a closed hour (lunch) closes every
counter, citizens already queueing wait through it. Service times are exponential (what Erlang assumes) unless the
run asks for lognormal ones. Each day starts empty and is simulated with its own random stream (``seed + day``).

The run, step by step (:func:`simulation_run_execute`, the body of the ``planner.simulate`` task):

1. claim the run under a row lock: a run already over does nothing (a task delivered twice), else it becomes
   ``running`` and its attempt is counted;
2. build the day (:func:`day_plan`) from the version, simulate day after day, writing ``progress`` every 2 % and
   reading ``cancel_requested`` at each write: a cancel stops the day in progress cleanly, and the run ends
   ``cancelled`` with the progress it reached and the figures of the citizens finished so far;
3. write the result: waits (percentiles, the distribution), P(wait ≤ target), the abandon rate, and the analytic
   plan's P(wait > 0) and service level for the same hours (where the Erlang assumptions hold — exponential
   service, one hour at a time in steady state — the two agree within 5 percentage points).

An :class:`~motcua.core.errors.ApplicationError` ends the run ``failed`` with its message; any other error leaves it
``queued`` for the broker to deliver again, up to :data:`MAX_ATTEMPTS`. A redelivered run starts again from the
beginning (the same seed gives the same result).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.core.errors import ApplicationError
from motcua.core.stats import percentile_nearest_rank
from motcua.localities.models import Commune

from . import errors
from .inputs import inputs_from_dict
from .model.demand import communes_for, week_for
from .model.staffing import queues_for, staff_commune
from .queueing import evaluate
from .run_models import RUN_ENDED, RunStatus, SimulationRun
from .selectors import planning_scope
from .simulation import Break, SimulationResult, Stage, simulate

MAX_DAYS = 30
MAX_ATTEMPTS = 3
#: Progress is written when it has moved on by this much since the last write.
PROGRESS_STEP = 0.02
#: Where the analytic plan and the simulation are said to agree (difference of two shares).
AGREEMENT = 0.05
#: The wait distribution's bins, in minutes: no wait, then (a, b], the last open-ended.
WAIT_BINS_MINUTES = (0, 5, 10, 15, 20, 30, 45, 60)
SECONDS_PER_HOUR = 3600
DISTRIBUTIONS = ("exponential", "lognormal")


@dataclass(frozen=True)
class DayPlan:
    """One day of the commune's pooled queue: hours ``first_hour`` … ``first_hour + len(arrivals) − 1``."""

    first_hour: int
    arrivals_per_hour: tuple[float, ...]  # expected citizens in each hour (the open part's rate × the open part)
    open_part: tuple[float, ...]
    servers: tuple[int, ...]  # counters the plan opens in each hour (0 when closed)
    service_seconds: float
    target_wait_seconds: float
    patience_seconds: float | None

    def stage(self, *, distribution: str = "exponential", cv: float = 1.0) -> Stage:
        """The counters as one stage: the day's most, with the others closed (breaks) in hours that need fewer."""
        most = max(self.servers)
        breaks = tuple(
            Break(index * SECONDS_PER_HOUR, (index + 1) * SECONDS_PER_HOUR, most - servers)
            for index, servers in enumerate(self.servers)
            if servers < most
        )
        return Stage("counter", most, self.service_seconds, distribution=distribution, cv=cv, breaks=breaks)


def day_plan(*, version, commune: Commune, day: date) -> DayPlan:
    """The arrivals and counters of the postal model at ``commune`` on ``day``'s weekday, from ``version``."""
    inputs = inputs_from_dict(version.inputs)
    area = next((a for a in communes_for(inputs, province=commune.province_id) if a.code == commune.code), None)
    if area is None:
        raise errors.run_commune_not_found(code=commune.code)
    week = week_for(inputs)
    pooled = queues_for(week, inputs, area.population).pooled
    servers = staff_commune(week, inputs, area.population).postal.servers
    hours = range(day.weekday() * 24, day.weekday() * 24 + 24)
    opened = [hour for hour in hours if week.open_hours[hour] > 0 and pooled[hour][0] > 0]
    if not opened:
        raise errors.run_day_closed(day=f"{day:%d/%m/%Y}")
    span = range(opened[0], opened[-1] + 1)
    expected = [pooled[hour][0] * week.open_hours[hour] for hour in span]
    work = sum(count * pooled[hour][1] for count, hour in zip(expected, span, strict=True))
    queue = inputs.queue
    return DayPlan(
        first_hour=opened[0] % 24,
        arrivals_per_hour=tuple(expected),
        open_part=tuple(week.open_hours[hour] for hour in span),
        servers=tuple(servers[hour] if week.open_hours[hour] > 0 else 0 for hour in span),
        service_seconds=work / sum(expected),
        target_wait_seconds=queue.target_wait_minutes * 60,
        patience_seconds=queue.patience_minutes * 60 if queue.patience_minutes is not None else None,
    )


# --- starting, cancelling, reading ---------------------------------------------------------------------------


def simulation_run_start(
    *,
    actor,
    version,
    commune: Commune,
    day: date,
    days: int = 1,
    seed: int = 0,
    distribution: str = "exponential",
    cv: float = 1.0,
) -> SimulationRun:
    """Queue a run of ``days`` simulated days like ``day`` at ``commune``; the task is sent once committed."""
    scenario = version.scenario
    if actor is not None and not planning_scope(user=actor).covers(scenario.province_id):
        raise errors.scenario_not_found()
    if scenario.province_id not in (None, commune.province_id):
        raise errors.run_commune_not_found(code=commune.code)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise errors.run_days_out_of_range(most=MAX_DAYS)
    day_plan(version=version, commune=commune, day=day)  # refuses a closed day or a commune out of the plan
    if distribution not in DISTRIBUTIONS:
        raise errors.simulation_distribution_unknown(field="distribution")
    if not (isinstance(cv, int | float) and math.isfinite(cv) and cv > 0):
        raise errors.not_a_number(field="cv")
    run = SimulationRun.objects.create(
        version=version,
        commune=commune,
        parameters={"day": day.isoformat(), "days": days, "seed": seed, "distribution": distribution, "cv": cv},
        created_by=actor,
    )
    transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from .tasks import simulate_task

    simulate_task.delay(run_id)


def simulation_run_cancel(*, run: SimulationRun, actor) -> SimulationRun:
    """A queued run ends at once; a running one is asked to stop (it ends ``cancelled`` at its next progress)."""
    with transaction.atomic():
        run = SimulationRun.objects.select_for_update().get(pk=run.pk)
        if run.status == RunStatus.CANCELLED or (run.status == RunStatus.RUNNING and run.cancel_requested):
            return run
        if run.status in RUN_ENDED:
            raise errors.run_not_cancellable(status=RunStatus(run.status).label)
        run.cancel_requested = True
        fields = ["cancel_requested"]
        if run.status == RunStatus.QUEUED:
            run.status, run.finished_at = RunStatus.CANCELLED, timezone.now()
            fields += ["status", "finished_at"]
        run.save(update_fields=fields)
    return run


def simulation_runs_visible(*, user):
    scope = planning_scope(user=user)
    runs = SimulationRun.objects.select_related("version__scenario", "commune", "created_by")
    if scope.country:
        return runs
    return runs.filter(commune__province_id__in=scope.provinces)


def simulation_run_get(*, user, pk: int) -> SimulationRun:
    """The run ``pk`` if within the user's planning scope; one out of scope answers like a missing one."""
    run = simulation_runs_visible(user=user).filter(pk=pk).first()
    if run is None:
        raise errors.run_not_found()
    return run


# --- running -------------------------------------------------------------------------------------------------


class _Progress:
    """Writes the run's progress every ``PROGRESS_STEP`` and reads ``cancel_requested`` at each write."""

    def __init__(self, run_id: int, days: int, on_progress: Callable[[float], None] | None) -> None:
        self.run_id, self.days, self.on_progress = run_id, days, on_progress
        self.day = 0
        self.written = 0.0
        self.cancelled = False

    def report(self, fraction: float) -> None:
        overall = min(1.0, (self.day + fraction) / self.days)
        if overall - self.written < PROGRESS_STEP and overall < 1.0:
            return
        self.written = overall
        SimulationRun.objects.filter(pk=self.run_id).update(progress=overall)
        if self.on_progress is not None:
            self.on_progress(overall)
        self.cancelled = SimulationRun.objects.filter(pk=self.run_id, cancel_requested=True).exists()

    def cancel(self) -> bool:
        return self.cancelled


def simulation_run_execute(*, run_id: int, on_progress: Callable[[float], None] | None = None) -> SimulationRun:
    """Run ``run_id`` to its end (see the module's steps); ``on_progress`` is told each progress written."""
    run = _claim(run_id)
    if run.status in RUN_ENDED:
        return run
    try:
        plan = day_plan(version=run.version, commune=run.commune, day=date.fromisoformat(run.parameters["day"]))
        stage = plan.stage(
            distribution=run.parameters.get("distribution", "exponential"), cv=run.parameters.get("cv", 1)
        )
        days = int(run.parameters.get("days", 1))
        tracker = _Progress(run.pk, days, on_progress)
        results: list[SimulationResult] = []
        for day in range(days):
            tracker.day = day
            result = simulate(
                arrivals_per_hour=plan.arrivals_per_hour,
                stages=[stage],
                target_wait_seconds=plan.target_wait_seconds,
                patience_seconds=plan.patience_seconds,
                seed=int(run.parameters.get("seed", 0)) + day,
                progress=tracker.report,
                cancel=tracker.cancel,
            )
            results.append(result)
            if result.cancelled or tracker.cancelled:
                break
    except ApplicationError as error:
        return _end(run, RunStatus.FAILED, error_code=error.code, error_message=error.bilingual())
    except Exception as error:
        if run.attempts >= MAX_ATTEMPTS:
            final = errors.run_interrupted()
            message = f"{final.bilingual()} ({type(error).__name__}: {error})"
            return _end(run, RunStatus.FAILED, error_code=final.code, error_message=message)
        SimulationRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(
            status=RunStatus.QUEUED, error_message=f"{type(error).__name__}: {error}"[:2000]
        )
        raise
    cancelled = tracker.cancelled or results[-1].cancelled
    summary = run_result(plan, results, days=days, distribution=stage.distribution)
    if cancelled:
        return _end(run, RunStatus.CANCELLED, result=summary)
    return _end(run, RunStatus.DONE, result=summary, progress=1.0)


@transaction.atomic
def _claim(run_id: int) -> SimulationRun:
    run = SimulationRun.objects.select_for_update().select_related("version", "commune").get(pk=run_id)
    if run.status in RUN_ENDED:
        return run
    run.status = RunStatus.RUNNING
    run.attempts += 1
    run.progress = 0.0
    run.started_at = run.started_at or timezone.now()
    run.save(update_fields=["status", "attempts", "progress", "started_at"])
    return run


def _end(run: SimulationRun, status: str, *, progress: float | None = None, **fields: Any) -> SimulationRun:
    """The run's end, written once: a run cancelled or ended meanwhile keeps its state."""
    with transaction.atomic():
        locked = SimulationRun.objects.select_for_update().get(pk=run.pk)
        if locked.status in RUN_ENDED:
            return locked
        locked.status = status
        locked.finished_at = timezone.now()
        if progress is not None:
            locked.progress = progress
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
    return locked


# --- the result ----------------------------------------------------------------------------------------------


def run_result(plan: DayPlan, results: list[SimulationResult], *, days: int, distribution: str) -> dict[str, Any]:
    """The JSON kept on the run: the simulated figures over every day simulated, beside the analytic plan's."""
    waits = sorted(wait for result in results for wait in result.waits_seconds)
    finished = sum(result.served + result.abandoned for result in results)

    def share(name: str) -> float:
        return sum(getattr(r, name) * (r.served + r.abandoned) for r in results) / finished if finished else 0.0

    simulated = {
        "p_wait": share("p_wait"),
        "service_level": share("p_within_target"),
        "abandon_rate": share("abandon_rate"),
    }
    analytic = analytic_figures(plan)
    return {
        "days_asked": days,
        "days_simulated": len(results),
        "cancelled": any(result.cancelled for result in results) or len(results) < days,
        "arrivals": sum(result.arrivals for result in results),
        "served": len(waits),
        "abandoned": sum(result.abandoned for result in results),
        **simulated,
        "mean_wait_seconds": sum(r.mean_wait_seconds * (r.served + r.abandoned) for r in results) / finished
        if finished
        else 0.0,
        "wait_p50_seconds": percentile_nearest_rank(waits, 0.50),
        "wait_p90_seconds": percentile_nearest_rank(waits, 0.90),
        "wait_p95_seconds": percentile_nearest_rank(waits, 0.95),
        "target_wait_seconds": plan.target_wait_seconds,
        "histogram": wait_histogram(waits),
        "analytic": analytic,
        "agree": {key: abs(simulated[key] - analytic[key]) <= AGREEMENT for key in ("p_wait", "service_level")},
        "erlang_assumptions": distribution == "exponential",
        "distribution": distribution,
        "service_seconds": plan.service_seconds,
        "patience_seconds": plan.patience_seconds,
        "hours": [
            {"hour": plan.first_hour + index, "arrivals": arrivals, "servers": servers}
            for index, (arrivals, servers) in enumerate(zip(plan.arrivals_per_hour, plan.servers, strict=True))
        ],
    }


def analytic_figures(plan: DayPlan) -> dict[str, float]:
    """The analytic plan's P(wait > 0), service level and abandonment over the day's hours, weighted by arrivals.

    Each open hour is a steady-state Erlang C (or A) queue with the plan's counters; an hour whose counters
    cannot carry the load without anyone leaving (Erlang C, unstable) counts as everyone waiting, nobody within
    the target.
    """
    total = p_wait = level = abandon = 0.0
    for expected, part, servers in zip(plan.arrivals_per_hour, plan.open_part, plan.servers, strict=True):
        if expected <= 0 or servers <= 0 or part <= 0:
            continue
        figures = evaluate(
            arrivals_per_hour=expected / part,
            service_seconds=plan.service_seconds,
            target_wait_seconds=plan.target_wait_seconds,
            servers=servers,
            patience_seconds=plan.patience_seconds,
        )
        total += expected
        p_wait += expected * figures.p_wait
        level += expected * figures.service_level
        abandon += expected * (figures.p_abandon or 0.0)
    if not total:
        return {"p_wait": 0.0, "service_level": 1.0, "abandon_rate": 0.0}
    return {"p_wait": p_wait / total, "service_level": level / total, "abandon_rate": abandon / total}


def wait_histogram(waits: list[float]) -> list[dict[str, Any]]:
    """The served citizens' waits in :data:`WAIT_BINS_MINUTES`: ``low``/``high`` in minutes (``high`` None for the
    last, open-ended bin; the first bin, 0–0, is "no wait"), ``count`` and ``share``."""
    edges = [edge * 60 for edge in WAIT_BINS_MINUTES]
    counts = [0] * (len(edges) + 1)
    for wait in waits:
        if wait <= 0:
            counts[0] += 1
            continue
        index = next((i for i, edge in enumerate(edges[1:], start=1) if wait <= edge), len(edges))
        counts[index] += 1
    bounds = [(0, 0), *itertools.pairwise(WAIT_BINS_MINUTES), (WAIT_BINS_MINUTES[-1], None)]
    total = len(waits)
    return [
        {"low": low, "high": high, "count": count, "share": count / total if total else 0.0}
        for (low, high), count in zip(bounds, counts, strict=True)
    ]
