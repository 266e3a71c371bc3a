"""Benchmark: "call next" at a centre's counters on PostgreSQL, as ratios to pgbench TPC-B on the same server.

Creates a throwaway database (``motcua_bench_queue`` by default) on the server of ``DATABASE_URL`` with
``intake.py``'s harness, migrates it, builds a centre with eight pooled counters, eight clerks and one service,
then

1. one clerk: issues ``--tickets`` tickets, opens counter 1 and presses "call next" until nobody waits (each call
   also finishes the visitor before); calls per second;
2. eight clerks: issues ``--tickets`` × 8 tickets, forks eight processes (each its own connection, like eight web
   workers), each opens its counter, and all start at once and call next until the tickets run out; calls per
   second over the whole run, and a check that every ticket was called exactly once;
3. counts the SQL statements of one "call next" (``CaptureQueriesContext``, averaged over a sample);
4. runs ``pgbench -i -s 1`` then ``pgbench -c 1 -j 1`` and ``pgbench -c 8 -j 2`` in the same database, and prints
   1 clerk ÷ ``-c 1`` and 8 clerks ÷ ``-c 8``;

and drops the database. Results go in docs/queue.md ("Benchmark").

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua .venv/bin/python bench/queue_calls.py [--tickets N]
"""

# ruff: noqa: E402 - the project's imports follow the database and settings set-up below
from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the standard library's ``queue``, which multiprocessing imports: the script's own folder
# goes to the end of the path, so ``import queue`` finds the library and ``import intake`` still finds ours.
BENCH = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH] + [str(BENCH)]

import argparse
import multiprocessing
import os
import re
import shutil
import subprocess
import time
from urllib.parse import urlsplit

from intake import on_throwaway_database  # also puts src/ on sys.path and sets DJANGO_SETTINGS_MODULE

CLERKS = 8


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=500, help="tickets per clerk (the 8-clerk run has 8 × this)")
    parser.add_argument("--database", default="motcua_bench_queue", help="throwaway database (dropped first and after)")
    parser.add_argument("--pgbench-seconds", type=int, default=10)
    parser.add_argument("--sample", type=int, default=50, help="calls whose statements are counted")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args()


def main() -> int:
    return on_throwaway_database(parse_args(), run)


def run(args: argparse.Namespace, bench_url: str) -> int:
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated {args.database} in {time.perf_counter() - started:.1f} s")
    world = build_world()

    issue(world, 50)  # warm-up: the ORM's caches and PostgreSQL's buffers; not timed
    one_clerk(world, clerk_index=0)

    issue(world, args.tickets)
    started = time.perf_counter()
    single_calls = one_clerk(world, clerk_index=0)
    single = single_calls / (time.perf_counter() - started)
    print(f"1 clerk: {single_calls} calls in {single_calls / single:.1f} s")

    total = args.tickets * CLERKS
    issue(world, total)
    calls, seconds, per_clerk = eight_clerks(world)
    eight = calls / seconds
    print(f"{CLERKS} clerks: {calls} calls in {seconds:.1f} s, per clerk {sorted(per_clerk)}")
    check(world, expected=total)

    statements = statements_per_call(world, args.sample)
    tps_one = pgbench(bench_url, args.pgbench_seconds, clients=1, threads=1)
    tps_eight = pgbench(bench_url, args.pgbench_seconds, clients=8, threads=2)

    print()
    print(f"pgbench TPC-B scale 1, -c 1 -j 1 -T {args.pgbench_seconds}: {tps_one:,.0f} tps")
    print(f"pgbench TPC-B scale 1, -c 8 -j 2 -T {args.pgbench_seconds}: {tps_eight:,.0f} tps")
    print(f"call next, 1 clerk:   {single:8.1f}/s   ratio to pgbench -c 1: {single / tps_one:.3f}")
    print(f"call next, 8 clerks:  {eight:8.1f}/s   ratio to pgbench -c 8: {eight / tps_eight:.3f}")
    print(f"scaling 1 → 8 clerks: ×{eight / single:.2f} (pgbench -c 1 → -c 8: ×{tps_eight / tps_one:.2f})")
    print(f"statements per call next (finishing the visitor before): {statements:.1f}")
    return 0


# --- the world ----------------------------------------------------------------------------------------------------


class World:
    def __init__(self, **parts) -> None:
        self.__dict__.update(parts)


def build_world() -> World:
    from motcua.accounts.models import User
    from motcua.agencies.models import (
        Agency,
        AgencyKind,
        AgencyLevel,
        Counter,
        ReceivingPoint,
        ReceivingPointKind,
        Role,
    )
    from motcua.agencies.models import StaffAssignment as Assignment
    from motcua.localities.models import Commune, DivisionType, Province
    from motcua.tickets.models import DeviceKind, QueueDevice, QueueService, ServiceKind

    province, _ = Province.objects.get_or_create(
        code="42", defaults={"name": "Hà Tĩnh", "division_type": DivisionType.PROVINCE, "codename": "ht"}
    )
    commune, _ = Commune.objects.get_or_create(
        code="18073",
        defaults={
            "name": "Phường Thành Sen",
            "division_type": DivisionType.WARD,
            "codename": "ts",
            "province": province,
        },
    )
    post = Agency.objects.create(code="BENCH.VNP", name="Bưu điện", kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL)
    point = ReceivingPoint.objects.create(
        code="BENCH.TTHCC",
        name="Trung tâm",
        kind=ReceivingPointKind.SERVICE_CENTRE,
        operator=post,
        commune=commune,
        address="1",
    )
    # Pooled counters (no field): every clerk competes for every ticket, the hardest case for "call next".
    counters = [Counter.objects.create(receiving_point=point, number=n, name=f"Quầy {n}") for n in range(1, 9)]
    clerks = []
    for n in range(CLERKS):
        user = User.objects.create_user(username=f"bench_clerk{n}", full_name=f"Nhân viên {n}")
        Assignment.objects.create(user=user, role=Role.POSTAL_CLERK, receiving_point=point)
        clerks.append(user)
    service = QueueService.objects.create(
        point=point, kind=ServiceKind.SUBMIT, letter="A", name="Nộp hồ sơ", service_minutes=8
    )
    kiosk = QueueDevice.objects.create(point=point, kind=DeviceKind.KIOSK, name="Kiosk")
    return World(point=point, counters=counters, clerks=clerks, service=service, kiosk=kiosk)


def issue(world: World, count: int) -> None:
    from motcua.tickets.services import ticket_issue

    for _ in range(count):
        ticket_issue(point=world.point, service=world.service, channel="kiosk", device=world.kiosk)


def one_clerk(world: World, *, clerk_index: int) -> int:
    """Open the clerk's counter and call next until nobody waits; the number of visitors called."""
    from motcua.tickets.services import call_next, shift_close, shift_open

    clerk = world.clerks[clerk_index]
    shift_open(user=clerk, counter=world.counters[clerk_index])
    calls = 0
    while call_next(user=clerk) is not None:
        calls += 1
    shift_close(user=clerk)
    return calls


def _clerk_process(world: World, index: int, barrier, results) -> None:
    from django.db import connections

    connections.close_all()  # never share the parent's socket: each clerk its own connection
    from motcua.tickets.services import call_next, shift_close, shift_open

    clerk = world.clerks[index]
    shift_open(user=clerk, counter=world.counters[index])
    barrier.wait()
    calls = 0
    while call_next(user=clerk) is not None:
        calls += 1
    shift_close(user=clerk)
    connections.close_all()
    results.put(calls)


def eight_clerks(world: World) -> tuple[int, float, list[int]]:
    from django.db import connections

    connections.close_all()
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(CLERKS + 1)
    results = context.Queue()
    processes = [context.Process(target=_clerk_process, args=(world, i, barrier, results)) for i in range(CLERKS)]
    for process in processes:
        process.start()
    barrier.wait()
    started = time.perf_counter()
    per_clerk = [results.get() for _ in processes]
    seconds = time.perf_counter() - started
    for process in processes:
        process.join()
        if process.exitcode != 0:
            raise SystemExit(f"a clerk's process failed with exit code {process.exitcode}")
    return sum(per_clerk), seconds, per_clerk


def check(world: World, *, expected: int) -> None:
    """Every ticket called exactly once; none left waiting."""
    from django.db.models import Count

    from motcua.tickets.models import Ticket, TicketEvent, TicketEventKind, TicketStatus

    waiting = Ticket.objects.filter(point=world.point, status=TicketStatus.WAITING).count()
    twice = (
        TicketEvent.objects.filter(point=world.point, kind=TicketEventKind.CALLED)
        .values("ticket_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    if waiting or twice:
        raise SystemExit(f"check failed: {waiting} tickets still waiting, {twice} called twice")
    print(f"check: all {expected} tickets of the 8-clerk run called exactly once")


def statements_per_call(world: World, sample: int) -> float:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from motcua.tickets.services import call_next, shift_close, shift_open

    issue(world, sample + 1)
    clerk = world.clerks[0]
    shift_open(user=clerk, counter=world.counters[0])
    call_next(user=clerk)  # so that every measured call also finishes a visitor, as at a real counter
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(sample):
            call_next(user=clerk)
    shift_close(user=clerk)
    kinds: dict[str, int] = {}
    for query in queries.captured_queries:
        kind = query["sql"].split(None, 1)[0].upper()
        kinds[kind] = kinds.get(kind, 0) + 1
    print(
        "statements of one call next, by kind: " + ", ".join(f"{k} {v / sample:.1f}" for k, v in sorted(kinds.items()))
    )
    return len(queries) / sample


def pgbench(url: str, seconds: int, *, clients: int, threads: int) -> float:
    if shutil.which("pgbench") is None:
        raise SystemExit("pgbench not found: install postgresql-client")
    parts = urlsplit(url)
    env = {**os.environ, "PGPASSWORD": parts.password or ""}
    conn = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432), "-U", parts.username or "postgres"]
    name = parts.path.lstrip("/")
    subprocess.run(["pgbench", "-i", "-s", "1", "-q", *conn, name], check=True, env=env, capture_output=True)
    done = subprocess.run(
        ["pgbench", "-c", str(clients), "-j", str(threads), "-T", str(seconds), *conn, name],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    )
    match = re.search(r"tps = ([0-9.]+)", done.stdout)
    if match is None:
        raise SystemExit(f"could not read pgbench's tps:\n{done.stdout}\n{done.stderr}")
    return float(match.group(1))


if __name__ == "__main__":
    sys.exit(main())
