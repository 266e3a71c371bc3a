"""Benchmark: dossier intake and full lifecycles on PostgreSQL, as ratios to pgbench TPC-B on the same server.

Creates a throwaway database (``motcua_bench`` by default) on the server of ``DATABASE_URL``, migrates it,
builds a small world (a post office serving a commune committee, a second agency, staff, a published
procedure with five mandatory components, sequential, inter-agency and parallel steps), then

1. receives N dossiers with five components each through ``dossier_receive`` (receptions/s);
2. drives each one to RETURNED through the transition services: transfer, three step completions
   (one at the other agency), approve, send the result, return it (full lifecycles/s, reception included);
3. counts queries and database time on a sample ("what limits it");
4. runs ``pgbench -i -s 1`` and ``pgbench -c 1 -j 1 -T 10`` in the same database and prints every figure
   as a ratio to its TPC-B transactions per second;

and drops the database. One client throughout, like the pgbench run it is compared with.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua .venv/bin/python bench/intake.py [--count N]
"""

# ruff: noqa: E402 - the project's imports follow the database and settings set-up below
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.conf.test")

import psycopg

TABLE = re.compile(r'(?:FROM|INTO|UPDATE)\s+"([a-z_]+)"', re.IGNORECASE)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="dossiers received (timed together)")
    parser.add_argument(
        "--drive",
        type=int,
        default=500,
        help="of those, how many are driven to returned (timed together; 0: all). The default keeps the run to "
        "a few minutes: a lifecycle costs about seven receptions",
    )
    parser.add_argument("--database", default="motcua_bench", help="throwaway database (dropped first and after)")
    parser.add_argument("--pgbench-seconds", type=int, default=10)
    parser.add_argument("--sample", type=int, default=20, help="dossiers profiled query by query, then with cProfile")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args()


def server_urls(name: str) -> tuple[str, str]:
    """(maintenance URL, bench URL) on the server of DATABASE_URL."""
    url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        sys.exit("the benchmarks in bench/ need DATABASE_URL=postgres://user@host:port/db (PostgreSQL)")
    maintenance = urlunsplit((parts.scheme, parts.netloc, "/postgres", "", ""))
    return maintenance, urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))


def recreate(maintenance: str, name: str, *, create: bool = True) -> None:
    with psycopg.connect(maintenance.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')


def on_throwaway_database(args: argparse.Namespace, run: Callable[[argparse.Namespace, str], int]) -> int:
    """Create ``args.database`` afresh on the server of DATABASE_URL, point Django at it, call ``run``, and
    drop it afterwards (unless ``args.keep``)."""
    maintenance, bench_url = server_urls(args.database)
    recreate(maintenance, args.database)
    os.environ["DATABASE_URL"] = bench_url
    try:
        return run(args, bench_url)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            recreate(maintenance, args.database, create=False)
            print(f"dropped database {args.database}")


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

    # Warm-up: the calendar engine, the ORM's caches and PostgreSQL's buffers; not timed.
    for dossier in [world.receive() for _ in range(20)]:
        world.drive(dossier)

    started = time.perf_counter()
    dossiers = [world.receive() for _ in range(args.count)]
    reception_seconds = time.perf_counter() - started
    driven = dossiers[: args.drive] if args.drive > 0 else dossiers
    started = time.perf_counter()
    for dossier in driven:
        world.drive(dossier)
    drive_seconds = time.perf_counter() - started
    check(dossiers, driven)

    per_reception = reception_seconds / len(dossiers)
    per_drive = drive_seconds / len(driven)
    receptions = 1 / per_reception
    lifecycles = 1 / (per_reception + per_drive)
    transitions = len(world.steps()) / per_drive
    print(f"{len(dossiers)} dossiers with 5 components received in {reception_seconds:.1f} s")
    print(f"{len(driven)} of them driven to returned (7 transitions each) in {drive_seconds:.1f} s")

    profile = profile_sample(world, args.sample)
    hotspots = profile_hotspots(world, args.sample)
    tps = pgbench(bench_url, args.pgbench_seconds)

    print()
    print(f"pgbench TPC-B (-c 1 -j 1 -T {args.pgbench_seconds}, scale 1): {tps:,.0f} tps")
    print(f"receptions:       {receptions:8.1f}/s   ratio to pgbench {receptions / tps:.3f}")
    print(
        f"full lifecycles:  {lifecycles:8.1f}/s   ratio to pgbench {lifecycles / tps:.4f}  (reception + 7 transitions)"
    )
    print(f"transitions:      {transitions:8.1f}/s   ratio to pgbench {transitions / tps:.3f}")
    print()
    print_profile(profile, tps)
    print_hotspots(hotspots)
    return 0


# --- the world ----------------------------------------------------------------------------------------------------


class World:
    def __init__(self, **parts) -> None:
        self.__dict__.update(parts)

    def receive(self):
        from motcua.dossiers.services.receive import dossier_receive

        return dossier_receive(reception=self.reception, actor=self.clerk)

    def steps(self) -> list[Callable]:
        from motcua.dossiers.services import transitions as t

        return [
            lambda d: t.dossier_transfer(dossier=d, actor=self.clerk, step_agencies={3: self.police}),
            lambda d: t.dossier_step_complete(dossier=d, actor=self.specialist),
            lambda d: t.dossier_step_complete(dossier=d, actor=self.police_specialist),
            lambda d: t.dossier_step_complete(dossier=d, actor=self.specialist),
            lambda d: t.dossier_approve(dossier=d, actor=self.leader),
            lambda d: t.dossier_send_result(dossier=d, actor=self.specialist),
            lambda d: t.dossier_return_result(
                dossier=d,
                actor=self.clerk,
                collector_name=d.applicant_name,
                collector_id_number=d.applicant_id_number,
                identity_checked=True,
            ),
        ]

    def drive(self, dossier):
        for step in self.steps():
            dossier = step(dossier)
        return dossier


def build_world() -> World:
    from motcua.accounts.models import User
    from motcua.agencies.models import Agency, AgencyKind, AgencyLevel, ReceivingPoint, ReceivingPointKind, Role
    from motcua.agencies.models import StaffAssignment as Assignment
    from motcua.dossiers.lifecycle import Channel
    from motcua.dossiers.models import ApplicantKind
    from motcua.dossiers.services.receive import Applicant, ReceivedComponent, Reception
    from motcua.localities.models import Commune, DivisionType, Province
    from motcua.procedures.models import (
        Component,
        ComponentForm,
        Fee,
        FeeKind,
        Field,
        Procedure,
        ProcedureVersion,
        ProcessStep,
        TimeLimitUnit,
    )
    from motcua.procedures.services.versions import procedure_version_publish

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
    base = {"level": AgencyLevel.PROVINCE, "province": province}
    committee = Agency.objects.create(code="B99.X01", name="UBND Phường", kind=AgencyKind.PEOPLES_COMMITTEE, **base)
    police = Agency.objects.create(code="B99.CA", name="Công an tỉnh", kind=AgencyKind.COMPETENT, **base)
    post = Agency.objects.create(code="BENCH.VNP", name="Bưu điện", kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL)
    office = ReceivingPoint.objects.create(
        code="BENCH.VNP.1",
        name="Bưu cục",
        kind=ReceivingPointKind.POST_OFFICE,
        operator=post,
        commune=commune,
        address="1",
    )
    office.serves.set([committee, police])

    field = Field.objects.create(code="BENCH", name="Hộ tịch")
    procedure = Procedure.objects.create(national_code="9.999999", name="Đăng ký khai sinh", field=field)
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=1,
        name=procedure.name,
        levels=["commune"],
        competent_authority="Ủy ban nhân dân cấp xã",
        time_limit=Decimal("5"),
        time_limit_unit=TimeLimitUnit.WORKING_DAYS,
        result_kind="Giấy khai sinh",
        legal_basis="Luật Hộ tịch năm 2014",
    )
    for order in range(1, 6):
        Component.objects.create(version=version, order=order, name=f"Giấy tờ {order}", form=ComponentForm.ORIGINAL)
    Fee.objects.create(version=version, order=1, kind=FeeKind.CHARGE, description="Lệ phí", amount=50000)
    for order, name, role, other, duration, group in [
        (1, "Tiếp nhận", "postal_clerk", False, "0.5", None),
        (2, "Thẩm định", "agency_specialist", False, "1.5", None),
        (3, "Xác minh nhân thân", "agency_specialist", True, "1", 1),
        (4, "Lấy ý kiến", "agency_specialist", False, "1", 1),
        (5, "Phê duyệt", "agency_leader", False, "0.5", None),
        (6, "Trả kết quả", "postal_clerk", False, "0.5", None),
    ]:
        ProcessStep.objects.create(
            version=version,
            order=order,
            name=name,
            role=role,
            unit="x",
            at_other_agency=other,
            duration=Decimal(duration),
            parallel_group=group,
        )
    procedure_version_publish(version=version)
    version.refresh_from_db()

    def staff(username: str, role: Role, **scope):
        user = User.objects.create_user(username=username, full_name=username)
        Assignment.objects.create(user=user, role=role, **scope)
        return user

    reception = Reception(
        procedure_version=version,
        receiving_point=office,
        lead_agency=committee,
        channel=Channel.COUNTER,
        applicant=Applicant(
            kind=ApplicantKind.CITIZEN,
            name="Nguyễn Văn An",
            id_number="042098001234",
            address="12 Trần Phú, Phường Thành Sen",
            phone="0912345678",
        ),
        components=[
            ReceivedComponent(name=c.name, form=c.form, count=c.quantity, component_id=c.pk)
            for c in version.components.order_by("order")
        ],
        fees_paid=50000,
    )
    return World(
        reception=reception,
        police=police,
        clerk=staff("bench_clerk", Role.POSTAL_CLERK, receiving_point=office),
        specialist=staff("bench_specialist", Role.AGENCY_SPECIALIST, agency=committee),
        leader=staff("bench_leader", Role.AGENCY_LEADER, agency=committee),
        police_specialist=staff("bench_police", Role.AGENCY_SPECIALIST, agency=police),
    )


def check(dossiers: list, driven: list) -> None:
    """The work was done: every dossier has its five components, every driven one was returned."""
    from motcua.dossiers.models import Dossier, DossierComponent

    components = DossierComponent.objects.filter(dossier_id__in=[d.pk for d in dossiers]).count()
    returned = Dossier.objects.filter(pk__in=[d.pk for d in driven], status="returned").count()
    if components != 5 * len(dossiers) or returned != len(driven):
        raise SystemExit(f"check failed: {components} components, {returned} of {len(driven)} returned")


# --- what limits it -----------------------------------------------------------------------------------------------


def profile_sample(world: World, sample: int) -> dict:
    """Queries, database time and wall time per reception and per transition, on ``sample`` dossiers."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    result: dict = {"reception": Counter(), "lifecycle": Counter(), "tables": Counter()}

    def measure(phase: str, work: Callable):
        reset_queries()  # the query log is a bounded deque; start each capture empty
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            value = work()
        result[phase]["wall"] += time.perf_counter() - started
        result[phase]["queries"] += len(queries)
        result[phase]["db"] += sum(float(q["time"]) for q in queries.captured_queries)
        return value, queries.captured_queries

    for _ in range(sample):
        dossier, captured = measure("reception", world.receive)
        for q in captured:
            table = TABLE.search(q["sql"])
            result["tables"][f"{q['sql'].split(None, 1)[0].upper()} {table.group(1) if table else ''}".strip()] += 1
        measure("lifecycle", lambda d=dossier: world.drive(d))
    result["sample"] = sample
    return result


def print_profile(profile: dict, tps: float) -> None:
    n = profile["sample"]
    print(f"what limits it (sample of {n}, queries timed by Django's debug cursor, which adds its own overhead):")
    for phase, label in (
        ("reception", "per reception"),
        ("lifecycle", "per lifecycle after reception (7 transitions)"),
    ):
        p = profile[phase]
        print(
            f"  {label}: {p['queries'] / n:.0f} queries, {p['wall'] / n * 1000:.1f} ms wall, "
            f"{p['db'] / n * 1000:.1f} ms waiting for the database ({p['db'] / p['wall']:.0%}), "
            f"the rest in Python (ORM, calendar, audit hashing)"
        )
    print(
        f"  a pgbench TPC-B transaction is 7 statements (BEGIN, 3 UPDATE, SELECT, INSERT, END): "
        f"{1000 / tps:.2f} ms each, {1000 / tps / 7 * 1000:.0f} µs per statement"
    )
    print("  statements of one reception, by kind:")
    for kind, count in profile["tables"].most_common():
        print(f"    {count / n:5.1f}  {kind}")


# Where the time of a lifecycle goes, by the functions that own it (cumulative time, so nested entries overlap).
HOTSPOTS: list[tuple[str, str, tuple[str, ...]]] = [
    ("scope and role checks of the transitions (permissions.py)", "dossiers/permissions.py", ("dossier_in_scope",)),
    ("reception guard clauses (receive._check)", "services/receive.py", ("_check",)),
    (
        "  both: staff look-ups (agencies_for, user_has_role, receiving_points_for)",
        "agencies/selectors.py",
        ("agencies_for", "user_has_role", "receiving_points_for"),
    ),
    ("history, audit and outbox writes (history.py)", "services/history.py", ("dossier_event_record",)),
    ("  of which the audit chain (locked head, hash, insert)", "audit/services.py", ("audit_event_append",)),
    ("working-day calendar", "workdays/selectors.py", ("work_calendar",)),
    ("waiting for PostgreSQL (psycopg wait)", "psycopg/connection.py", ("wait",)),
]


def profile_hotspots(world: World, sample: int) -> list[tuple[str, float]]:
    """Share of the wall time of ``sample`` full lifecycles spent under each hotspot (cProfile)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(sample):
        world.drive(world.receive())
    profiler.disable()
    stats = pstats.Stats(profiler)
    entries = stats.stats  # type: ignore[attr-defined]
    total = max(ct for (_f, _l, _n), (_cc, _nc, _tt, ct, _callers) in entries.items())
    shares = []
    for label, path, functions in HOTSPOTS:
        spent = sum(
            ct for (file, _line, name), (_cc, _nc, _tt, ct, _c) in entries.items() if name in functions and path in file
        )
        shares.append((label, spent / total))
    return shares


def print_hotspots(hotspots: list[tuple[str, float]]) -> None:
    print("  share of a full lifecycle's time (cProfile, which inflates the Python side):")
    for label, share in hotspots:
        print(f"    {share:5.0%}  {label}")


def pgbench(url: str, seconds: int) -> float:
    if shutil.which("pgbench") is None:
        raise SystemExit("pgbench not found: install postgresql-client")
    parts = urlsplit(url)
    env = {**os.environ, "PGPASSWORD": parts.password or ""}
    conn = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432), "-U", parts.username or "postgres"]
    name = parts.path.lstrip("/")
    subprocess.run(["pgbench", "-i", "-s", "1", "-q", *conn, name], check=True, env=env, capture_output=True)
    done = subprocess.run(
        ["pgbench", "-c", "1", "-j", "1", "-T", str(seconds), *conn, name],
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
