"""Benchmark: the planner's queueing against pyworkforce's Erlang C, and its simulation against bare SimPy.

(a) Plans a synthetic country: 3,321 communes × 168 hours of the week. Each commune gets a daily demand (lognormal
around 60 citizens a day), a mean service time of 8–15 minutes, and the week of a commune centre (Monday to Friday
07:00–11:00 and 13:00–17:00, Monday at 115 %, Friday at 90 %, Saturday morning at 40 %), shaped by an hourly
profile with the morning peak; so, as in the planner's model, Tuesday to Thursday repeat the same cells.
Every cell is planned for 80 % of citizens served within 15 minutes (Decision 468) and counters busy at most
85 % of the time with ``required_table``; then a sample of the open cells is planned with pyworkforce's
``ErlangC(...).required_positions(...)`` on the same inputs, the two server counts are compared on the sample,
and the throughputs are printed as ratios (pyworkforce plans every open cell unless ``--sample N`` asks for a sample,
whose time is then scaled to the country).
Peak memory: ``resource.getrusage`` before pyworkforce is imported, and ``tracemalloc``'s peak for the plan.
Every timing is the least CPU time (``time.process_time``) of three runs.

(b) Simulates an M/M/N queue (40 citizens an hour, 12 minutes each, 10 counters, 500 hours) with ``simulate``
and with a bare SimPy model of the same queue (no statistics, no cancel checks), same seed; prints events per
second and citizens per second of each and their ratio.

    .venv/bin/python bench/planner.py [--sample N] [--hours H]
"""

# ruff: noqa: E402 - the project's imports follow the sys.path and settings set-up below
from __future__ import annotations

import argparse
import math
import os
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.conf.test")

import django

django.setup()

import simpy

from motcua.planner.queueing import Staffing, evaluate, required, required_table, required_table_cache_clear
from motcua.planner.simulation import Stage, simulate

T = TypeVar("T")
COMMUNES = 3321
TARGET_WAIT = 900.0
SERVICE_LEVEL = 0.8
MAX_OCCUPANCY = 0.85
# Share of a working day's citizens arriving in each clock hour (07:00–11:00, 13:00–17:00), morning peak.
DAY_PROFILE = {7: 0.10, 8: 0.17, 9: 0.17, 10: 0.13, 11: 0.05, 13: 0.10, 14: 0.12, 15: 0.10, 16: 0.06}
REPEAT = 3  # every timing is the best of three runs
WEEK = (1.15, 1.0, 1.0, 1.0, 0.9, 0.4, 0.0)  # Monday … Sunday: Monday's peak, Saturday morning only


def best_of(repeat: int, run: Callable[[], T]) -> tuple[float, T]:
    """The least CPU time of ``repeat`` runs, and a result. CPU time, not wall time: on a shared machine the wall
    clock also counts the time other processes hold the cores."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        result = run()
        times.append(time.process_time() - started)
    return min(times), result


def country_cells(seed: int = 468) -> list[tuple[float, float]]:
    """(arrivals per hour, service seconds) for every commune × hour of the week, communes in order."""
    rng = random.Random(seed)
    cells = []
    for _commune in range(COMMUNES):
        daily = rng.lognormvariate(math.log(60), 0.7)
        service = rng.uniform(8 * 60, 15 * 60)
        for day, weight in enumerate(WEEK):
            for hour in range(24):
                share = DAY_PROFILE.get(hour, 0.0)
                if day == 5 and hour >= 12:
                    share = 0.0
                cells.append((daily * weight * share, service))
    return cells


def plan_country(cells: list[tuple[float, float]], per_call: int = 168) -> list[Staffing]:
    """Plan the cells with a cold cache, one commune's week (168 cells) per call, as the planner's model does."""
    required_table_cache_clear()
    table: list[Staffing] = []
    for start in range(0, len(cells), per_call):
        table += required_table(
            cells[start : start + per_call],
            target_wait_seconds=TARGET_WAIT,
            service_level=SERVICE_LEVEL,
            max_occupancy=MAX_OCCUPANCY,
        )
    return table


def bench_plan(sample_size: int | None) -> None:
    cells = country_cells()
    open_cells = [cell for cell in cells if cell[0] > 0]
    print(
        f"(a) country plan: {COMMUNES:,} communes × 168 hours = {len(cells):,} cells "
        f"({len(open_cells):,} open, {len(set(open_cells)):,} distinct open cells)"
    )
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ours_seconds, table = best_of(REPEAT, lambda: plan_country(cells))
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    plan_country(cells)
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"  required_table, whole country, one call per commune, cold cache: {ours_seconds:.2f} s, "
        f"{len(cells) / ours_seconds:,.0f} cells/s"
    )
    warm_seconds, _table = best_of(
        REPEAT,
        lambda: [
            required_table(
                cells[i : i + 168],
                target_wait_seconds=TARGET_WAIT,
                service_level=SERVICE_LEVEL,
                max_occupancy=MAX_OCCUPANCY,
            )
            for i in range(0, len(cells), 168)
        ],
    )
    print(f"  the same plan again with the cache warm (a scenario recomputed): {warm_seconds:.2f} s")
    print(
        f"  peak memory: process max RSS {after / 1024:.0f} MiB (was {before / 1024:.0f} MiB before the plan); "
        f"tracemalloc peak of the plan {traced_peak / 2**20:.0f} MiB"
    )
    print(
        f"  counters at the busiest hour: {max(plan.servers for plan in table)}; "
        f"counter-hours in the week: {sum(plan.servers for plan in table):,}"
    )

    compared = open_cells if sample_size is None else random.Random(1).sample(open_cells, sample_size)
    ours_compared_seconds, ours = best_of(REPEAT, lambda: plan_country(compared, per_call=len(compared)))
    one_by_one_seconds, one_by_one = best_of(
        REPEAT,
        lambda: [
            required(
                arrivals_per_hour=rate,
                service_seconds=service,
                target_wait_seconds=TARGET_WAIT,
                service_level=SERVICE_LEVEL,
                max_occupancy=MAX_OCCUPANCY,
            )
            for rate, service in compared
        ],
    )

    from pyworkforce.queuing import ErlangC  # imported late: it brings numpy, pandas and joblib

    theirs_seconds, theirs = best_of(
        REPEAT,
        lambda: [
            ErlangC(transactions=rate, aht=service / 60, asa=TARGET_WAIT / 60, interval=60).required_positions(
                service_level=SERVICE_LEVEL, max_occupancy=MAX_OCCUPANCY
            )
            for rate, service in compared
        ],
    )
    scale = len(open_cells) / len(compared)
    what = (
        "every open cell" if sample_size is None else f"a sample of {len(compared):,} open cells, scaled ×{scale:.1f}"
    )
    print(f"  on {what} (pyworkforce refuses a cell with 0 arrivals):")
    print(f"    pyworkforce ErlangC.required_positions: {theirs_seconds * scale:.2f} s")
    print(
        f"    our required_table: {ours_compared_seconds * scale:.2f} s; our required() one cell at a time: "
        f"{one_by_one_seconds * scale:.2f} s"
    )
    report_agreement(compared, ours, theirs)
    same = [plan.servers for plan in one_by_one] == [plan.servers for plan in ours]
    print(f"  required() one by one and required_table give the same counts: {same}")
    table_ratio, single_ratio = theirs_seconds / ours_compared_seconds, theirs_seconds / one_by_one_seconds
    print(f"  ratio, same open cells, pyworkforce time ÷ required_table time: {table_ratio:.1f}×")
    print(f"  ratio, same open cells, pyworkforce time ÷ required() one by one: {single_ratio:.1f}×")
    print(
        "  ratio, pyworkforce on the open cells ÷ required_table on the whole country: "
        f"{theirs_seconds * scale / ours_seconds:.1f}×"
    )


def report_agreement(cells: list[tuple[float, float]], ours: list[Staffing], theirs: list[dict]) -> None:
    agree = [plan.servers == result["raw_positions"] for plan, result in zip(ours, theirs, strict=True)]
    print(f"  agreement: {sum(agree):,}/{len(cells):,} cells with the same server count")
    differ = [
        (cell, plan, result) for cell, plan, result, same in zip(cells, ours, theirs, agree, strict=True) if not same
    ]
    if not differ:
        return
    above = sum(1 for _cell, plan, result in differ if result["raw_positions"] > plan.servers)
    ours_meet = all(plan.service_level >= SERVICE_LEVEL and plan.occupancy <= MAX_OCCUPANCY for _c, plan, _r in differ)
    fewer_fail = all(
        plan.servers == 1
        or plan.offered_load / (plan.servers - 1) > MAX_OCCUPANCY
        or evaluate(
            arrivals_per_hour=rate, service_seconds=service, target_wait_seconds=TARGET_WAIT, servers=plan.servers - 1
        ).service_level
        < SERVICE_LEVEL
        for (rate, service), plan, _r in differ
    )
    print(
        f"    where they differ pyworkforce asks for more in {above}/{len(differ)}; ours meet the level and the cap: "
        f"{ours_meet}; one counter fewer than ours fails: {fewer_fail}. pyworkforce starts its search at "
        "round(load + 1), one above the fewest stable count when the load's fraction is 0.5 or more."
    )
    (rate, service), plan, result = differ[0]
    print(
        f"    e.g. {rate:.3f}/h × {service:.0f} s (load {plan.offered_load:.3f}): ours {plan.servers} "
        f"(level {plan.service_level:.3f}, occupancy {plan.occupancy:.3f}), pyworkforce {result['raw_positions']}"
    )


def bare_simpy(hours: int, seed: int, count_events: bool) -> tuple[int, int]:
    """The same M/M/N queue in plain SimPy: Poisson arrivals, one Resource, exponential service."""
    rng = random.Random(seed)
    env = simpy.Environment()
    counter = simpy.Resource(env, capacity=10)
    served = [0]

    def citizen():
        with counter.request() as request:
            yield request
            yield env.timeout(rng.expovariate(1 / 720))
        served[0] += 1

    def arrivals():
        while True:
            yield env.timeout(rng.expovariate(40 / 3600))
            if env.now >= hours * 3600:
                return
            env.process(citizen())

    env.process(arrivals())
    if not count_events:
        env.run()
        return 0, served[0]
    events = 0
    while env.peek() != math.inf:
        env.step()
        events += 1
    return events, served[0]


def bench_simulation(hours: int) -> None:
    print(f"(b) simulation of M/M/10, 40 citizens/h, 12 min each, {hours:,} hours")
    ours_seconds, ours = best_of(
        REPEAT, lambda: simulate(arrivals_per_hour=[40] * hours, stages=[Stage("counter", 10, 720)], seed=5)
    )
    bare_seconds, (_none, bare_served) = best_of(REPEAT, lambda: bare_simpy(hours, 5, count_events=False))
    bare_events, _served = bare_simpy(hours, 5, count_events=True)  # counted apart, so the timed run is bare
    print(
        f"  simulate(): {ours.events:,} events, {ours.served:,} citizens in {ours_seconds:.2f} s: "
        f"{ours.events / ours_seconds:,.0f} events/s, {ours.served / ours_seconds:,.0f} citizens/s"
    )
    print(
        f"  bare SimPy: {bare_events:,} events, {bare_served:,} citizens in {bare_seconds:.2f} s: "
        f"{bare_events / bare_seconds:,.0f} events/s, {bare_served / bare_seconds:,.0f} citizens/s"
    )
    events_ratio = (ours.events / ours_seconds) / (bare_events / bare_seconds)
    citizens_ratio = (ours.served / ours_seconds) / (bare_served / bare_seconds)
    print(f"  ratio, events/s simulate() ÷ bare SimPy: {events_ratio:.2f}×; citizens/s: {citizens_ratio:.2f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, help="time pyworkforce on N open cells and scale (default: all)")
    parser.add_argument("--hours", type=int, default=500, help="hours of the simulated M/M/N queue")
    arguments = parser.parse_args()
    bench_plan(arguments.sample)
    bench_simulation(arguments.hours)


if __name__ == "__main__":
    main()
