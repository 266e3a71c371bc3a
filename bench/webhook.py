"""Benchmark: tracking events ingested per second through the webhook on PostgreSQL, as a ratio to a bare
endpoint of the same server that only parses the JSON body and answers.

Creates a throwaway database (``motcua_bench_webhook`` by default) on the server of ``DATABASE_URL``,
migrates it, builds intake.py's world (for its post office and commune) and N delivery orders, then starts
gunicorn (sync workers) on 127.0.0.1 serving this module's :data:`application`: the project's WSGI app,
plus ``/bare/`` (only here, never in the app's URLs) answering ``{"ok": <number of events>}`` after
``json.loads``. Client processes (one per connection, each owning a share of the orders so that an order's
events arrive in order) POST one signed event per request:

1. to ``/bare/`` (the baseline: HTTP, WSGI and JSON parsing on the same server);
2. to ``/buu-chinh/webhook/simulated/`` (signature, parsing, ingest: dedupe, row lock, state machine,
   audit chain, one transaction per event);

bounded by ``--events`` and ``--seconds``. Each order's story is accepted, out_for_delivery, attempt_failed,
out_for_delivery, attempt_failed, out_for_delivery (six events; delivered and the last failure need a dossier
and a postman, see docs/postal.md). Prints both rates, the ratio, what limits it (queries per event from a
sample in this process), checks that every event was stored once, and drops the database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua .venv/bin/python bench/webhook.py [--orders N]
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import http.client
import json
import multiprocessing
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from intake import ROOT, build_world, on_throwaway_database  # noqa: E402 - puts src/ on sys.path, sets settings

SECRET = "bench-webhook-secret"  # a throwaway database's webhook
WEBHOOK = "/buu-chinh/webhook/simulated/"
BARE = "/bare/"
STORY = ["accepted", "out_for_delivery", "attempt_failed", "out_for_delivery", "attempt_failed", "out_for_delivery"]
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


# --- the server side: gunicorn imports this module and serves `application` ----------------------------------------

_django_app: Callable[..., Iterable[bytes]] | None = None


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """The bare endpoint, else the project's WSGI application (built on first use)."""
    global _django_app
    if environ.get("PATH_INFO") == BARE:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        data = json.loads(environ["wsgi.input"].read(length))
        events = data.get("events", [data]) if isinstance(data, dict) else []
        body = json.dumps({"ok": len(events)}).encode()
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]
    if _django_app is None:
        from django.core.wsgi import get_wsgi_application

        _django_app = get_wsgi_application()
    return _django_app(environ, start_response)


# --- the harness ---------------------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--orders", type=int, default=500, help="delivery orders (six events each)")
    parser.add_argument("--events", type=int, default=3000, help="events sent at most (per phase)")
    parser.add_argument("--seconds", type=float, default=60, help="time limit of each phase")
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2), help="gunicorn sync workers")
    parser.add_argument("--clients", type=int, default=0, help="client processes (default: 2 × workers)")
    parser.add_argument("--batch", type=int, default=1, help="events per request (the webhook takes up to 500)")
    parser.add_argument("--sample", type=int, default=30, help="events ingested in-process to count queries")
    parser.add_argument("--database", default="motcua_bench_webhook", help="throwaway database")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args()


def main() -> int:
    return on_throwaway_database(parse_args(), run)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(bench_url: str, workers: int) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": bench_url,
        "DJANGO_SETTINGS_MODULE": "motcua.conf.test",
        "POSTAL_WEBHOOK_SECRETS": f"simulated={SECRET}",
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{BENCH}",
    }
    server = subprocess.Popen(  # our own venv's gunicorn
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "webhook:application",
        ],
        env=env,
        cwd=BENCH,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server, port
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


def signature(stamp: str, body: bytes) -> str:
    """``motcua.postal.webhook.sign`` without Django (client processes do not set it up; checked in run())."""
    return "sha256=" + hmac.new(SECRET.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def signed(body: bytes) -> dict[str, str]:
    stamp = str(int(time.time()))
    return {
        "Content-Type": "application/json",
        "X-Motcua-Timestamp": stamp,
        "X-Motcua-Signature": signature(stamp, body),
    }


def client(job: tuple[int, str, list[bytes], float]) -> tuple[int, Counter[str], float]:
    """One client process: POST each body in turn on a fresh connection (sync workers close it); returns the
    number of events the server answered for, their outcomes, and the time taken."""
    port, path, bodies, seconds = job
    outcomes: Counter[str] = Counter()
    started = time.perf_counter()
    sent = 0
    for body in bodies:
        if time.perf_counter() - started > seconds:
            break
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("POST", path, body=body, headers=signed(body))
        response = conn.getresponse()
        answer = json.loads(response.read())
        conn.close()
        if response.status != 200:
            outcomes[f"HTTP {response.status}"] += 1
        elif path == WEBHOOK:
            counts = {k: v for k, v in answer.items() if isinstance(v, int) and v}
            outcomes.update(counts)
            sent += sum(counts.values())
        else:
            outcomes["bare"] += answer["ok"]
            sent += answer["ok"]
    return sent, outcomes, time.perf_counter() - started


def phase(port: int, path: str, shares: list[list[bytes]], seconds: float) -> tuple[int, Counter[str], float]:
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(len(shares)) as pool:
        results = pool.map(client, [(port, path, share, seconds) for share in shares])
    elapsed = time.perf_counter() - started
    total: Counter[str] = Counter()
    for _sent, outcomes, _seconds in results:
        total.update(outcomes)
    return sum(r[0] for r in results), total, elapsed


def run(args: argparse.Namespace, bench_url: str) -> int:
    import django

    django.setup()
    from django.core.management import call_command

    from motcua.postal.models import OrderKind, OrderStatus, Payer, PostalOrder, TrackingEvent
    from motcua.postal.webhook import sign

    assert signature("1", b"{}") == sign(secret=SECRET, timestamp="1", body=b"{}")

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated {args.database} in {time.perf_counter() - started:.1f} s")
    office = build_world().reception.receiving_point
    orders = PostalOrder.objects.bulk_create(
        PostalOrder(
            kind=OrderKind.DELIVERY,
            status=OrderStatus.CREATED,
            tracking_number=f"BW{n:07d}",
            carrier="simulated",
            receiving_point=office,
            contact_name="Nguyễn Văn An",
            contact_phone="0912345678",
            address="12 Trần Phú",
            commune=office.commune,
            postage_payer=Payer.APPLICANT,
        )
        for n in range(args.orders + args.sample)
    )
    sample, orders = orders[: args.sample], orders[args.sample :]

    def event(order: PostalOrder, step: int) -> dict[str, Any]:
        return {
            "event_id": f"{order.tracking_number}-{step}",
            "tracking_number": order.tracking_number,
            "kind": STORY[step],
            "at": (T0 + timedelta(hours=step)).isoformat(),
            "details": {"reason": "nobody at home"} if STORY[step] == "attempt_failed" else {},
        }

    def body(order: PostalOrder, step: int) -> bytes:
        return json.dumps(event(order, step)).encode()

    clients = args.clients or 2 * args.workers
    # Each client owns whole orders and sends their events in order, steps interleaved across its orders.
    streams: list[list[dict[str, Any]]] = [[] for _ in range(clients)]
    budget = args.events
    for step in range(len(STORY)):
        for index, order in enumerate(orders):
            if budget == 0:
                break
            streams[index % clients].append(event(order, step))
            budget -= 1
    if args.batch <= 1:
        shares = [[json.dumps(e).encode() for e in stream] for stream in streams]
    else:
        shares = [
            [json.dumps({"events": stream[i : i + args.batch]}).encode() for i in range(0, len(stream), args.batch)]
            for stream in streams
        ]

    queries_per_event, in_process_rate = sample_queries(sample, body)

    server, port = start_server(bench_url, args.workers)
    try:
        warm = [[body(o, 0)] for o in sample[:clients]]  # warm every worker's Django and connection
        phase(port, BARE, warm, args.seconds)
        phase(port, WEBHOOK, warm, args.seconds)
        bare_sent, _bare, bare_seconds = phase(port, BARE, shares, args.seconds)
        hook_sent, hook_outcomes, hook_seconds = phase(port, WEBHOOK, shares, args.seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)

    stored = TrackingEvent.objects.filter(order__in=orders).count()
    bare_rate, hook_rate = bare_sent / bare_seconds, hook_sent / hook_seconds
    print(
        f"{len(orders)} orders; {args.workers} gunicorn sync workers; {clients} client processes; "
        f"{args.batch} event(s) a request"
    )
    print(f"bare endpoint (parse JSON, answer): {bare_sent} events   in {bare_seconds:.1f} s = {bare_rate:8.1f}/s")
    print(f"tracking webhook:                   {hook_sent} events   in {hook_seconds:.1f} s = {hook_rate:8.1f}/s")
    print(f"ratio webhook / bare: {hook_rate / bare_rate:.3f}")
    print(f"webhook outcomes: {dict(hook_outcomes)}; stored {stored} tracking events")
    if stored != hook_sent or set(hook_outcomes) - {"applied"}:
        print("WARNING: not every event was stored and applied once")
    print()
    print(
        f"what limits it: {queries_per_event:.1f} queries per event; {in_process_rate:.0f} events/s ingested "
        f"in-process by one client without HTTP (sample of {len(sample)} orders)"
    )
    for line in LIMITS:
        print(f"  - {line}")
    return 0


LIMITS = [
    "one transaction per event: lock the order, check and insert the event (unique constraint), the state "
    "machine's own lock and update, the audit chain (its head row serialises every writer), mark applied, "
    "look for waiting events to catch up",
    "sync workers: one request at a time per process, a new TCP connection per request (no keep-alive)",
    "the client processes share the machine's cores with gunicorn and PostgreSQL",
]


def sample_queries(sample: list[Any], body: Callable[[Any, int], bytes]) -> tuple[float, float]:
    """Queries per event and events per second, ingesting the sample orders' stories in this process."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from motcua.postal.carriers import CarrierEvent
    from motcua.postal.tracking import tracking_event_ingest

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        count = 0
        for order in sample:
            for step in range(len(STORY)):
                tracking_event_ingest(carrier="simulated", event=CarrierEvent.from_json(json.loads(body(order, step))))
                count += 1
    elapsed = time.perf_counter() - started
    return len(captured.captured_queries) / max(count, 1), count / elapsed


if __name__ == "__main__":
    sys.exit(main())
