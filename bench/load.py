"""Load test: a province's busy day (bench/load/locustfile.py) against `make serve`'s tier on PostgreSQL (issue 16).

1. Starts ``scripts/serve.sh`` on a free loopback port with a database of its own (``motcua_load_<random>`` on the
   server of ``--database-server``), Redis databases 8 (cache) and 9 (broker), a throwaway var folder, and the
   postal settings of a real carrier (``POSTAL_CARRIER=http``, a random webhook secret): the production settings
   refuse the simulated carrier and the published development secret. serve.sh loads the demo into the empty
   database; the runner waits for ``/readyz``.
2. Prepares the day through the API, as staff would: API tokens for the clerk, the specialist and the leader
   (``manage.py api_token``); the demo catalogue's procedures that the counter of Thành Sen receives for its
   commune and that stay at that commune's committee (what a clerk collects is what the reception reports as
   charged); dossiers waiting for the specialist, results waiting at the counter, results handed to the post, whose
   delivery orders the Celery worker creates; the lookup secrets of every dossier, for the citizens.
3. Runs Locust headless (``--users``, ``--spawn-rate``, ``--run-time``: bounded, loopback only) and measures the CPU
   time of the tier's processes, of the PostgreSQL backends of its database, of Locust and of the whole machine.
4. Prints a table per request type (requests, req/s, p50/p95/p99 in ms, failures), the total req/s, req/s per CPU,
   req/s per CPU-second the tier used, and every error; then checks that every dossier a clerk's 2xx answer
   acknowledged exists exactly once and that nothing else was received, and runs ``manage.py audit_verify``.
5. Stops the tier with SIGTERM and drops the database, the Redis databases and the folder (also on failure).

Exit status 0 only with no failed request, no error in the tier's log, every acknowledged dossier there once, and an
unbroken audit chain.
docs/operations.md, "Load test (Locust)", has the figures measured here.

    .venv/bin/python bench/load.py [--users 40] [--spawn-rate 4] [--run-time 3m]
"""

# ruff: noqa: E402 - the modules of bench/load/ are imported after their folder is put on sys.path
from __future__ import annotations

import argparse
import contextlib
import csv
import dataclasses
import json
import os
import random
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlencode

import psycopg
import redis
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
LOAD = ROOT / "bench" / "load"
sys.path.insert(0, str(LOAD))

from busy_day import Day, Parcel, Procedure, applicant, loopback_only, next_move, procedure_played, reception
from cpu_time import CpuMeter, session_cpu
from tier_log import logged_errors

# The demo's Hà Tĩnh: the post office of Thành Sen receives for the commune's committee (load_demo).
PROVINCE, PROVINCE_NAME = "42", "Hà Tĩnh"
POINT, AGENCY = "VNP.42.18073", "H30.X01"
STAFF = ("clerk", "specialist", "leader")
SUPERVISORS = ["supervisor", "onestop"]  # a postal and a one-stop supervisor, both of province 42
DEMO_PASSWORD = "motcua-demo"  # load_demo's published password, on a throwaway database
CARRIER = "http"
CACHE_DB, BROKER_DB = 8, 9
READY_WITHIN_SECONDS = 900
INHERITED = {"PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR"}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--users", type=int, default=40, help="Locust users at once")
    parser.add_argument("--spawn-rate", type=float, default=4, help="users started per second")
    parser.add_argument("--run-time", default="3m", help="Locust's --run-time (e.g. 90s, 3m, 10m)")
    parser.add_argument("--waiting", type=int, default=60, help="dossiers prepared at each desk")
    parser.add_argument("--parcels", type=int, default=40, help="results prepared with the post")
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (default: serve.sh's, 2 × CPUs + 1)")
    parser.add_argument(
        "--database-server",
        default="postgres://postgres@127.0.0.1:5432",
        help="PostgreSQL server where the throwaway database is made (its role must be able to create one)",
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379", help=f"Redis server (databases {CACHE_DB}, 9)")
    parser.add_argument("--keep", type=Path, help="copy the tier's log and Locust's files into this folder")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    tier = Tier.make(args)
    print(f"tier: {tier.base_url}, database {tier.database}, Redis {CACHE_DB}/{BROKER_DB}, folder {tier.folder}")
    try:
        tier.start()
        started = time.monotonic()
        tier.wait_ready()
        print(f"ready in {time.monotonic() - started:.0f} s (migrations, the demo, collectstatic)")
        ready_at = utc_stamp()
        day = prepare(tier, args)
        run = run_locust(tier, args, day)
        problems = report(run)
        problems += check(tier, run)
        problems += logged_errors(tier.log_path, since=ready_at, run_started=run.started_at)
    finally:
        if args.keep:
            tier.keep(args.keep)
        tier.close()
    if problems:
        print("\nFAILED:\n  " + "\n  ".join(problems))
        return 1
    print(
        "\nOK: no failed request, no error logged, every acknowledged dossier received once, the audit chain unbroken"
    )
    return 0


# --- the tier ------------------------------------------------------------------------------------------------------


@dataclass
class Tier:
    """One run of scripts/serve.sh with what it owns: a database, two Redis databases, a folder, a port."""

    server_url: str
    database: str
    redis_url: str
    folder: Path
    port: int
    workers: int
    webhook_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    process: subprocess.Popen[bytes] | None = None

    @classmethod
    def make(cls, args: argparse.Namespace) -> Tier:
        return cls(
            server_url=args.database_server.rstrip("/"),
            database=f"motcua_load_{uuid.uuid4().hex[:8]}",
            redis_url=args.redis.rstrip("/"),
            folder=Path(tempfile.mkdtemp(prefix="motcua-load-")),
            port=free_port(),
            workers=args.workers,
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database_url(self) -> str:
        return f"{self.server_url}/{self.database}"

    @property
    def log_path(self) -> Path:
        return self.folder / "serve.log"

    def environment(self) -> dict[str, str]:
        # Not this shell's DATABASE_URL and friends: serve.sh reads SERVE_*, and `check --deploy` refuses some.
        inherited = {key: value for key, value in os.environ.items() if key in INHERITED}
        environment = {
            **inherited,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "SERVE_DATABASE_URL": self.database_url,
            "SERVE_CACHE_URL": f"{self.redis_url}/{CACHE_DB}",
            "SERVE_BROKER_URL": f"{self.redis_url}/{BROKER_DB}",
            "SERVE_STOP_SECONDS": "30",
            "MOTCUA_VAR_DIR": str(self.folder / "var"),
            "LOG_FORMAT": "json",
            "POSTAL_CARRIER": CARRIER,
            "POSTAL_WEBHOOK_SECRETS": f"{CARRIER}={self.webhook_secret}",
        }
        if self.workers:
            environment["SERVE_WORKERS"] = str(self.workers)
        return environment

    def start(self) -> None:
        for number in (CACHE_DB, BROKER_DB):
            redis.Redis.from_url(f"{self.redis_url}/{number}").flushdb()
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [str(ROOT / "scripts" / "serve.sh")],
            cwd=ROOT,
            env=self.environment(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def wait_ready(self) -> None:
        deadline = time.monotonic() + READY_WITHIN_SECONDS
        while time.monotonic() < deadline:
            if not self.running():
                raise SystemExit(f"serve.sh ended before it was ready:\n{self.tail()}")
            with contextlib.suppress(OSError), urllib.request.urlopen(f"{self.base_url}/readyz", timeout=5) as answer:
                if answer.status == 200:
                    return
            time.sleep(2)
        raise SystemExit(f"/readyz did not answer 200 within {READY_WITHIN_SECONDS} s:\n{self.tail()}")

    def manage(self, *args: str) -> str:
        """A management command against the tier's database, with the environment serve.sh exports."""
        environment = {
            **self.environment(),
            "DJANGO_SETTINGS_MODULE": "motcua.conf.production",
            "DATABASE_URL": self.database_url,
            "CACHE_URL": f"{self.redis_url}/{CACHE_DB}",
            "CELERY_BROKER_URL": f"{self.redis_url}/{BROKER_DB}",
            "SECRET_KEY": (self.folder / "var" / "serve-secret-key").read_text().strip(),
            "SECURE_SSL": "false",
            "PYTHONPATH": str(ROOT / "src"),
        }
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def query(self, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with psycopg.connect(self.database_url) as connection:
            return connection.execute(statement, params).fetchall()

    def keep(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for path in self.folder.iterdir():
            if path.is_file():
                shutil.copy2(path, folder / path.name)

    def close(self) -> None:
        """SIGTERM to serve.sh (it stops its processes); whatever is left of its session is killed; then the
        database, the Redis databases and the folder go."""
        if self.process is not None:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.process.wait(timeout=90)
            for pid in session_cpu(self.process.pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            self.log.close()
            print(f"tier stopped (serve.sh exit status {self.process.poll()})")
        with psycopg.connect(f"{self.server_url}/postgres", autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.database)))
        for number in (CACHE_DB, BROKER_DB):
            redis.Redis.from_url(f"{self.redis_url}/{number}").flushdb()
        shutil.rmtree(self.folder, ignore_errors=True)
        print(f"dropped {self.database}, flushed Redis {CACHE_DB} and {BROKER_DB}, removed {self.folder}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- preparing the day ---------------------------------------------------------------------------------------------


class Api:
    """The REST API as one member of staff calls it. A 5xx is retried with the same ``Idempotency-Key``, as the API
    allows (a failed request stores nothing), and written down in ``retried``; any other unexpected status stops the
    preparation."""

    ATTEMPTS = 3
    retried: ClassVar[list[str]] = []  # shared by every caller of the preparation

    def __init__(self, base_url: str, token: str = "") -> None:
        self.base, self.token = base_url + "/api/v1", token

    def call(self, method: str, path: str, body: dict[str, Any] | None = None, *, status: int = 200) -> Any:
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            headers["Idempotency-Key"] = str(uuid.uuid4())
            data = json.dumps(body).encode()
        for attempt in range(1, self.ATTEMPTS + 1):
            request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=60) as answer:
                    got, text = answer.status, answer.read().decode()
            except urllib.error.HTTPError as error:
                got, text = error.code, error.read().decode(errors="replace")
            if got < 500 or attempt == self.ATTEMPTS:
                break
            self.retried.append(f"{method} {path} -> {got}")
            time.sleep(0.5)
        if got != status:
            raise RuntimeError(f"{method} {path} -> {got}, expected {status}: {text[:500]}")
        return json.loads(text)

    def act(self, code: str, action: str, body: dict[str, Any]) -> Any:
        return self.call("POST", f"/dossiers/{code}/actions/{action}", body)


def prepare(tier: Tier, args: argparse.Namespace) -> Day:
    started = time.monotonic()
    tokens = {name: tier.manage("api_token", name, "--name", "load test").strip().splitlines()[-1] for name in STAFF}
    clerk, staff = Api(tier.base_url, tokens["clerk"]), {name: Api(tier.base_url, tokens[name]) for name in STAFF}
    rng = random.Random(16)
    today = datetime.now(UTC).date()

    catalogue = Api(tier.base_url).call("GET", "/procedures?" + urlencode({"level": "commune", "limit": 100}))
    details = [Api(tier.base_url).call("GET", f"/procedures/{p['national_code']}") for p in catalogue["results"]]
    played = [d for d in details if procedure_played(d)]
    if not played:
        raise SystemExit("no procedure of the demo catalogue fits the scenario: has the demo changed?")

    def receive(procedure: Procedure, *, by_post: bool, fees_paid: int | None = None) -> dict[str, Any]:
        body = reception(
            procedure, applicant(rng, today=today), point=POINT, agency=AGENCY, by_post=by_post, fees_paid=fees_paid
        )
        return clerk.call("POST", "/dossiers", body, status=201)

    # What the clerk collects for each procedure: the fees its reception charges when no optional line is asked for.
    procedures = []
    first_dossiers = []
    for detail in played:
        procedure = Procedure(
            code=detail["national_code"],
            name=detail["name"],
            components=[c["order"] for c in detail["components"] if c["mandatory"]],
            fees_paid=0,
            postal_return=detail["postal_return"],
        )
        dossier = receive(procedure, by_post=False, fees_paid=0)
        first_dossiers.append(dossier["code"])
        procedures.append(dataclasses.replace(procedure, fees_paid=dossier["fees_charged"]))
    by_post = [p for p in procedures if p.postal_return]

    def drive(code: str, until: str) -> None:
        """Take a dossier through the agency's steps until it reaches ``until``."""
        for _ in range(20):
            dossier = clerk.call("GET", f"/dossiers/{code}")
            if dossier["status"] == until:
                return
            move = next_move(dossier)
            if move is None:
                raise RuntimeError(f"{code} stuck in {dossier['status']} on its way to {until}")
            staff[move.role].act(code, move.action, move.body)
        raise RuntimeError(f"{code} did not reach {until}")

    def transferred(procedure: Procedure, *, post: bool = False) -> str:
        code = receive(procedure, by_post=post)["code"]
        clerk.act(code, "transfer", {})
        return code

    with ThreadPoolExecutor(4) as pool:
        for code in first_dossiers:
            clerk.act(code, "transfer", {})
        waiting = max(args.waiting - len(first_dossiers), 0)
        for_specialist = first_dossiers + list(pool.map(lambda _: transferred(rng.choice(procedures)), range(waiting)))
        at_counter = list(pool.map(lambda _: transferred(rng.choice(procedures)), range(args.waiting)))
        list(pool.map(lambda code: drive(code, "result_at_counter"), at_counter))
        with_post = list(pool.map(lambda _: transferred(rng.choice(by_post), post=True), range(args.parcels)))
        list(pool.map(lambda code: drive(code, "result_with_post"), with_post))

    parcels = wait_for_parcels(tier, with_post)
    lookups = [(code, secret) for code, secret in tier.query("SELECT code, lookup_secret FROM dossiers_dossier")]
    day = Day(
        province=PROVINCE,
        province_name=PROVINCE_NAME,
        receiving_point=POINT,
        lead_agency=AGENCY,
        tokens=tokens,
        supervisors=SUPERVISORS,
        password=DEMO_PASSWORD,
        carrier=CARRIER,
        webhook_secret=tier.webhook_secret,
        procedures=procedures,
        for_specialist=for_specialist,
        at_counter=at_counter,
        lookups=lookups,
        parcels=parcels,
    )
    if Api.retried:
        print(f"the preparation met {len(Api.retried)} server errors, retried: {Api.retried[:10]}")
    print(
        f"prepared in {time.monotonic() - started:.0f} s: {len(procedures)} procedures, {len(for_specialist)} "
        f"dossiers for the specialist, {len(at_counter)} results at the counter, {len(parcels)} with the post, "
        f"{len(lookups)} lookups"
    )
    return day


def wait_for_parcels(tier: Tier, codes: list[str], seconds: float = 180) -> list[Parcel]:
    """The delivery orders of results handed to the post, which the Celery worker creates from the outbox."""
    deadline = time.monotonic() + seconds
    while True:
        rows = tier.query(
            "SELECT o.tracking_number, d.applicant_name, d.applicant_id_number, o.contact_phone "
            "FROM postal_postalorder o JOIN dossiers_dossier d ON d.id = o.dossier_id "
            "WHERE o.kind = 'delivery' AND o.carrier = %s AND d.code = ANY(%s)",
            (CARRIER, codes),
        )
        if len(rows) == len(codes) or time.monotonic() > deadline:
            break
        time.sleep(2)
    if len(rows) != len(codes):
        raise SystemExit(f"the worker made {len(rows)} delivery orders of {len(codes)} within {seconds:.0f} s")
    return [
        Parcel(number, name, id_number, "".join(c for c in phone if c.isdigit())[-6:])
        for number, name, id_number, phone in rows
    ]


# --- the run -------------------------------------------------------------------------------------------------------


@dataclass
class Run:
    started_at: str
    users: int
    seconds: float
    stats: list[dict[str, str]]
    failures: list[dict[str, str]]
    exceptions: list[dict[str, str]]
    exit_code: int
    cpu: dict[str, float]
    receipts: list[dict[str, str]]
    first_new_id: int
    output: str


def run_locust(tier: Tier, args: argparse.Namespace, day: Day) -> Run:
    data, receipts, prefix = tier.folder / "day.json", tier.folder / "receipts.jsonl", tier.folder / "locust"
    day.write(data)
    data.chmod(0o600)
    receipts.touch()
    first_new_id = int(tier.query("SELECT COALESCE(MAX(id), 0) + 1 FROM dossiers_dossier")[0][0])
    command = [
        str(Path(sys.executable).parent / "locust"),
        "-f",
        str(LOAD / "locustfile.py"),
        "--headless",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        args.run_time,
        "--host",
        loopback_only(tier.base_url),
        "--stop-timeout",
        "30",  # users finish the task in hand, so a reception answered is a reception acknowledged
        "--csv",
        str(prefix),
        "--only-summary",
    ]
    environment = {
        **{key: value for key, value in os.environ.items() if key in INHERITED},
        "MOTCUA_LOAD_DATA": str(data),
        "MOTCUA_LOAD_RECEIPTS": str(receipts),
    }
    print(f"Locust: {args.users} users, {args.spawn_rate}/s, {args.run_time}")
    assert tier.process is not None
    meter = CpuMeter(server_url=tier.server_url, database=tier.database, session=tier.process.pid)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with (tier.folder / "locust.log").open("w") as log:
        meter.start()
        started_at, started = utc_stamp(), time.monotonic()
        exit_code = subprocess.run(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT).returncode
        seconds = time.monotonic() - started
        cpu = meter.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu["locust"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return Run(
        started_at=started_at,
        users=args.users,
        seconds=seconds,
        stats=read_csv(Path(f"{prefix}_stats.csv")),
        failures=read_csv(Path(f"{prefix}_failures.csv")),
        exceptions=read_csv(Path(f"{prefix}_exceptions.csv")),
        exit_code=exit_code,
        cpu=cpu,
        receipts=[json.loads(line) for line in receipts.read_text().splitlines() if line.strip()],
        first_new_id=first_new_id,
        output=(tier.folder / "locust.log").read_text(errors="replace"),
    )


def utc_stamp() -> str:
    """Now as the tier's JSON log writes its times (ISO 8601, UTC), so that the two compare as text."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="") as rows:
        return list(csv.DictReader(rows))


# --- the report and the checks -------------------------------------------------------------------------------------


def report(run: Run) -> list[str]:
    """Print the table and the errors; the problems found in the figures."""
    rows = [row for row in run.stats if row["Name"] != "Aggregated"]
    total = next((row for row in run.stats if row["Name"] == "Aggregated"), None)
    if total is None:
        print(run.output[-3000:])
        return [f"Locust wrote no statistics (exit status {run.exit_code})"]
    cpus = os.cpu_count() or 1
    print(f"\n{run.users} users for {run.seconds:.0f} s on {cpus} CPUs\n")
    print("| request type | requests | req/s | p50 ms | p95 ms | p99 ms | failures |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in [*sorted(rows, key=lambda r: r["Name"]), total]:
        label = "**all**" if row is total else f"{row['Type']} {row['Name']}"
        print(
            f"| {label} | {int(row['Request Count']):,} | {float(row['Requests/s']):.2f} | {row['50%']} | "
            f"{row['95%']} | {row['99%']} | {row['Failure Count']} |"
        )
    requests, rate = int(total["Request Count"]), float(total["Requests/s"])
    tier_cpu, database_cpu = run.cpu["tier"], run.cpu["database"]
    others = run.cpu["machine"] - tier_cpu - database_cpu - run.cpu["locust"]
    print(f"\ntotal: {requests:,} requests, {rate:.1f} req/s, {rate / cpus:.1f} req/s per CPU ({cpus} CPUs)")
    print(
        f"CPU seconds during the run: tier (gunicorn, Celery) {tier_cpu:.0f}, its PostgreSQL backends "
        f"{database_cpu:.0f}, Locust {run.cpu['locust']:.0f}, everything else on the machine {max(others, 0):.0f} "
        f"(of {cpus * run.seconds:.0f} available)"
    )
    if tier_cpu + database_cpu > 0:
        served = requests / (tier_cpu + database_cpu)
        print(f"requests per CPU-second of the tier and its database: {served:.1f} (a fully used CPU's req/s)")
    problems = []
    failed = int(total["Failure Count"])
    if failed:
        problems.append(f"{failed} failed requests")
    if run.failures:
        print("\nerrors:")
        for row in run.failures:
            print(f"  {row['Occurrences']} × {row['Method']} {row['Name']}: {row['Error'][:400]}")
    if run.exceptions:
        problems.append(f"{len(run.exceptions)} exceptions in the locustfile")
        print("\nexceptions in the locustfile:")
        for row in run.exceptions:
            print(f"  {row['Count']} × {row['Message']}\n{row['Traceback']}")
    if not failed and run.exit_code != 0:
        problems.append(f"Locust exited with status {run.exit_code}:\n{run.output[-2000:]}")
    return problems


def check(tier: Tier, run: Run) -> list[str]:
    """Every dossier acknowledged by a 2xx answer is in the database once, and nothing else was received."""
    problems = []
    if not tier.running():
        problems.append(f"the tier stopped during the run:\n{tier.tail()}")
    acknowledged = [receipt["code"] for receipt in run.receipts]
    received = [code for (code,) in tier.query("SELECT code FROM dossiers_dossier WHERE id >= %s", (run.first_new_id,))]
    twice = sorted({code for code in acknowledged if acknowledged.count(code) > 1})
    lost = sorted(set(acknowledged) - set(received))
    unacknowledged = sorted(set(received) - set(acknowledged))
    print(
        f"\ndossiers: {len(acknowledged)} acknowledged, {len(received)} received during the run, "
        f"{len(twice)} acknowledged twice, {len(lost)} lost, {len(unacknowledged)} received but not acknowledged"
    )
    if twice:
        problems.append(f"codes acknowledged twice: {twice[:10]}")
    if lost:
        problems.append(f"acknowledged dossiers missing from the database: {lost[:10]}")
    if unacknowledged or len(received) != len(set(received)):
        problems.append(f"dossiers received without a 2xx acknowledgement: {unacknowledged[:10]}")
    try:
        verdict = tier.manage("audit_verify").strip()
        print(f"audit_verify: {verdict}")
    except RuntimeError as error:
        problems.append(str(error))
    return problems


if __name__ == "__main__":
    sys.exit(main())
