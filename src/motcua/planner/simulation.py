"""A day at a commune centre, simulated event by event (SimPy): what the Erlang formulas cannot say.

Citizens arrive as a Poisson process whose rate changes hour by hour (``arrivals_per_hour[h]`` citizens per hour
during hour ``h`` from the start), go through a chain of :class:`Stage` (reception, then payment, then the
return of results, say), each with its own counters, service time distribution and breaks, and leave a queue
when their patience (exponential, mean ``patience_seconds``, drawn afresh in each queue) runs out. Arrivals stop
at the end of the profile; the day ends when the last citizen present has been served or has left.

Times are seconds from the start of the profile; rates are per hour. The same ``seed`` gives the same result.
With stationary arrivals, one stage, exponential service and no patience, the result converges to Erlang C
(:mod:`motcua.planner.queueing`); with patience, to Erlang A (``tests/planner/test_simulation.py`` checks both).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import simpy

from motcua.core.stats import percentile_nearest_rank

from . import errors
from .queueing import MAX_SECONDS, SECONDS_PER_HOUR, check_arrivals, check_service_seconds

#: The most citizens a simulation may expect (the profile's sum): beyond, it is refused as too large.
MAX_EXPECTED_ARRIVALS = 5_000_000
#: The run looks at ``cancel`` and reports ``progress`` every this many events.
CHECK_EVERY = 512
_BREAK_PRIORITY = -1  # a counter closing for a break goes before the waiting citizens (but lets service finish)
_DISTRIBUTIONS = ("exponential", "lognormal")


@dataclass(frozen=True)
class Break:
    """``servers`` counters of a stage closed from ``start_seconds`` to ``end_seconds`` (from the profile's start).

    A counter serving a citizen when the break begins closes once that service ends, and reopens at the end.
    """

    start_seconds: float
    end_seconds: float
    servers: int = 1


@dataclass(frozen=True)
class Stage:
    """One queue of the chain: ``servers`` counters, each serving in ``service_seconds`` on average.

    ``distribution``: ``"exponential"`` (what Erlang assumes) or ``"lognormal"`` (closer to real counters:
    right-skewed, with the coefficient of variation ``cv``, the standard deviation over the mean).
    """

    name: str
    servers: int
    service_seconds: float
    distribution: str = "exponential"
    cv: float = 1.0
    breaks: tuple[Break, ...] = ()


@dataclass(frozen=True)
class StageResult:
    """One stage's figures: counts of citizens, the share who waited at all and within the target, mean wait (s)."""

    name: str
    arrived: int
    served: int
    abandoned: int
    p_wait: float
    p_within_target: float
    mean_wait_seconds: float


@dataclass(frozen=True)
class SimulationResult:
    """What a simulated day gives. Waits are the time a citizen spent queueing, summed over the stages.

    ``wait_p50/p90/p95_seconds``: percentiles of the waits of the citizens who were served to the end;
    ``p_wait``: the share of arrivals who queued at some stage; ``p_within_target``: the share of arrivals served
    to the end whose wait was within the target (the simulated service level; those who left count against it);
    ``abandon_rate``: the share of arrivals who left a queue; ``events``: SimPy events processed;
    ``cancelled``: True when ``cancel`` stopped the run, the figures then cover the citizens finished so far.
    """

    arrivals: int
    served: int
    abandoned: int
    abandon_rate: float
    p_wait: float
    p_within_target: float
    mean_wait_seconds: float
    wait_p50_seconds: float
    wait_p90_seconds: float
    wait_p95_seconds: float
    events: int
    simulated_seconds: float
    cancelled: bool = False
    stages: tuple[StageResult, ...] = field(default=())
    waits_seconds: tuple[float, ...] = field(default=(), repr=False)  # the served citizens' waits, ascending


@dataclass
class _Tally:
    arrived: int = 0
    served: int = 0
    abandoned: int = 0
    waited: int = 0
    within: int = 0
    total_wait: float = 0.0


def simulate(
    *,
    arrivals_per_hour: Sequence[float],
    stages: Sequence[Stage],
    target_wait_seconds: float = 900.0,
    patience_seconds: float | None = None,
    seed: int = 0,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> SimulationResult:
    """Simulate citizens arriving hour by hour (``arrivals_per_hour``, one rate per hour) through ``stages``.

    ``target_wait_seconds``: the target for the total wait of a citizen; ``patience_seconds``: mean patience in
    each queue (``None``: nobody leaves); ``seed``: the random stream (same seed, same result); ``progress``: called
    with the fraction of the profile simulated (0 to 1) every ``CHECK_EVERY`` events and with 1.0 at the end;
    ``cancel``: asked every ``CHECK_EVERY`` events, True stops the run cleanly with ``cancelled=True`` and the
    figures of the citizens finished so far.
    """
    profile = _checked_profile(arrivals_per_hour)
    checked_stages = tuple(_checked_stage(stage, index) for index, stage in enumerate(stages))
    if not checked_stages:
        raise errors.simulation_no_stages()
    target = float(target_wait_seconds)
    if not math.isfinite(target):
        raise errors.not_a_number(field="target_wait_seconds")
    if target < 0:
        raise errors.target_wait_negative()
    if patience_seconds is not None and not (0 < float(patience_seconds) <= MAX_SECONDS):
        raise errors.patience_not_positive()
    run = _Run(profile, checked_stages, target, patience_seconds, random.Random(seed))  # noqa: S311 - a reproducible simulation, not a secret
    return run.execute(progress, cancel)


def _checked_profile(arrivals_per_hour: Sequence[float]) -> tuple[float, ...]:
    profile = tuple(check_arrivals(rate, f"arrivals_per_hour[{hour}]") for hour, rate in enumerate(arrivals_per_hour))
    if not profile:
        raise errors.simulation_no_hours()
    if sum(profile) > MAX_EXPECTED_ARRIVALS:
        raise errors.too_large(field="arrivals_per_hour", limit=MAX_EXPECTED_ARRIVALS)
    return profile


def _checked_stage(stage: Stage, index: int) -> Stage:
    path = f"stages[{index}]"
    check_service_seconds(stage.service_seconds, f"{path}.service_seconds")
    if isinstance(stage.servers, bool) or not isinstance(stage.servers, int) or stage.servers < 1:
        raise errors.simulation_no_servers(field=f"{path}.servers")
    if stage.distribution not in _DISTRIBUTIONS:
        raise errors.simulation_distribution_unknown(field=f"{path}.distribution")
    if not (math.isfinite(stage.cv) and stage.cv > 0):
        raise errors.not_a_number(field=f"{path}.cv")
    for number, pause in enumerate(stage.breaks):
        valid = (
            0 <= pause.start_seconds < pause.end_seconds
            and math.isfinite(pause.end_seconds)
            and 1 <= pause.servers <= stage.servers
        )
        if not valid:
            raise errors.simulation_break_invalid(field=f"{path}.breaks[{number}]")
    return stage


class _Run:
    """One simulation: the SimPy environment, the counters, the random stream and the tallies."""

    def __init__(
        self,
        profile: tuple[float, ...],
        stages: tuple[Stage, ...],
        target: float,
        patience: float | None,
        rng: random.Random,
    ) -> None:
        self.env = simpy.Environment()
        self.profile = profile
        self.stages = stages
        self.target = target
        self.abandon_rate = None if patience is None else 1.0 / float(patience)
        self.rng = rng
        # A plain Resource is faster; a stage with breaks needs priorities so that a break goes before the queue.
        self.counters = [
            simpy.PriorityResource(self.env, capacity=stage.servers)
            if stage.breaks
            else simpy.Resource(self.env, capacity=stage.servers)
            for stage in stages
        ]
        self.samplers = [self._sampler(stage) for stage in stages]
        self.tallies = [_Tally() for _ in stages]
        self.served_waits: list[float] = []
        self.arrivals = self.abandoned = self.waited = self.within = 0
        self.total_wait = 0.0
        self.horizon = len(profile) * SECONDS_PER_HOUR

    def _sampler(self, stage: Stage) -> Callable[[], float]:
        mean = float(stage.service_seconds)
        if stage.distribution == "exponential":
            rate = 1.0 / mean
            return lambda: self.rng.expovariate(rate)
        sigma = math.sqrt(math.log1p(stage.cv * stage.cv))
        mu = math.log(mean) - sigma * sigma / 2.0
        return lambda: self.rng.lognormvariate(mu, sigma)

    def execute(self, progress: Callable[[float], None] | None, cancel: Callable[[], bool] | None) -> SimulationResult:
        env = self.env
        env.process(self._arrivals())
        for stage, counter in zip(self.stages, self.counters, strict=True):
            for pause in stage.breaks:
                for _ in range(pause.servers):
                    env.process(self._break(cast(simpy.PriorityResource, counter), pause))
        events, cancelled, step = 0, False, env.step
        try:
            while True:
                done = 0
                for done in range(1, CHECK_EVERY + 1):  # noqa: B007 - how many ran is read when the schedule ends
                    step()
                events += CHECK_EVERY
                if cancel is not None and cancel():
                    cancelled = True
                    break
                if progress is not None:
                    progress(min(env.now / self.horizon, 1.0))
        except simpy.core.EmptySchedule:
            events += done - 1  # the step that found the schedule empty processed nothing
        if progress is not None and not cancelled:
            progress(1.0)
        return self._result(events, cancelled)

    def _arrivals(self) -> Generator[simpy.Event, Any, None]:
        """A Poisson process with a rate constant within each hour (memoryless, so redrawing at the hour is exact)."""
        env, rng = self.env, self.rng
        for hour, per_hour in enumerate(self.profile):
            end = (hour + 1) * SECONDS_PER_HOUR
            if per_hour == 0.0:
                yield env.timeout(end - env.now)
                continue
            rate = per_hour / SECONDS_PER_HOUR
            while True:
                gap = rng.expovariate(rate)
                if env.now + gap >= end:
                    yield env.timeout(end - env.now)
                    break
                yield env.timeout(gap)
                self.arrivals += 1
                env.process(self._citizen())

    def _citizen(self) -> Generator[simpy.Event, Any, None]:
        env, rng = self.env, self.rng
        queued = 0.0
        waited = False
        for counter, sample, tally in zip(self.counters, self.samplers, self.tallies, strict=True):
            tally.arrived += 1
            came = env.now
            with counter.request() as request:
                if self.abandon_rate is None:
                    yield request
                else:
                    patience = env.timeout(rng.expovariate(self.abandon_rate))
                    yield request | patience
                    if not request.triggered:
                        wait = env.now - came
                        tally.abandoned += 1
                        tally.waited += 1
                        tally.total_wait += wait
                        self.abandoned += 1
                        self.waited += 1
                        self.total_wait += queued + wait
                        return
                wait = env.now - came
                queued += wait
                tally.total_wait += wait
                if wait > 0.0:
                    waited = True
                    tally.waited += 1
                if wait <= self.target:
                    tally.within += 1
                yield env.timeout(sample())
                tally.served += 1
        self.waited += waited
        self.total_wait += queued
        self.served_waits.append(queued)
        if queued <= self.target:
            self.within += 1

    def _break(self, counter: simpy.PriorityResource, pause: Break) -> Generator[simpy.Event, Any, None]:
        env = self.env
        yield env.timeout(pause.start_seconds)
        with counter.request(priority=_BREAK_PRIORITY) as request:
            yield request
            if env.now < pause.end_seconds:
                yield env.timeout(pause.end_seconds - env.now)

    def _result(self, events: int, cancelled: bool) -> SimulationResult:
        finished = len(self.served_waits) + self.abandoned
        waits = sorted(self.served_waits)
        share = (lambda count: count / finished) if finished else (lambda count: 0.0)
        return SimulationResult(
            arrivals=self.arrivals,
            served=len(waits),
            abandoned=self.abandoned,
            abandon_rate=share(self.abandoned),
            p_wait=share(self.waited),
            p_within_target=share(self.within),
            mean_wait_seconds=self.total_wait / finished if finished else 0.0,
            wait_p50_seconds=percentile_nearest_rank(waits, 0.50),
            wait_p90_seconds=percentile_nearest_rank(waits, 0.90),
            wait_p95_seconds=percentile_nearest_rank(waits, 0.95),
            events=events,
            simulated_seconds=self.env.now,
            cancelled=cancelled,
            waits_seconds=tuple(waits),
            stages=tuple(
                StageResult(
                    name=stage.name,
                    arrived=tally.arrived,
                    served=tally.served,
                    abandoned=tally.abandoned,
                    p_wait=tally.waited / tally.arrived if tally.arrived else 0.0,
                    p_within_target=tally.within / tally.arrived if tally.arrived else 0.0,
                    mean_wait_seconds=tally.total_wait / tally.arrived if tally.arrived else 0.0,
                )
                for stage, tally in zip(self.stages, self.tallies, strict=True)
            ),
        )
