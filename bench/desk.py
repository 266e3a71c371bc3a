"""Benchmark: the desk (agency inbox, dossier page, receipt PDF, counter reception) as ratios to baselines.

Creates a throwaway database (``motcua_bench_desk`` by default) on the server of ``DATABASE_URL``, migrates it,
builds intake.py's world and N dossiers for its commune committee spread over the inbox's states (a share
through the real services, the rest bulk copies of those: see desk_support.py), then times, against a
baseline measured in the same run:

1. the inbox's six tab counts (``inbox_counts``) and the full inbox page (``GET /co-quan/`` as the agency
   specialist) against one hand-written SQL statement computing the same six counts (psycopg);
2. the dossier page (``GET /ho-so/<code>/``) of a dossier with ten events against the raw SQL reads of the
   same rows (dossier, papers, steps, history);
3. slip 01 (``slip_pdf``) against WeasyPrint alone printing the same HTML;
4. a reception posted through the counter's form against ``dossier_receive`` called with the same data;

prints every figure with its baseline and ratio (medians; app and baseline alternate), then what limits each
(the queries of one run and the functions issuing them, EXPLAIN ANALYZE of the costliest, with JIT off too when
PostgreSQL compiles it, and where a cProfile sample spends its time), and drops the database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua .venv/bin/python bench/desk.py [--count N]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import psycopg

from intake import on_throwaway_database  # also puts src/ on sys.path and sets DJANGO_SETTINGS_MODULE

LITERAL = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")
# Own time by where the code lives; time in C builtins counts for the code that called them.
AREAS: tuple[tuple[str, str], ...] = (
    ("/psycopg/", "waiting for PostgreSQL (psycopg)"),
    ("/django/db/", "Django ORM (SQL building, rows to objects)"),
    ("/django/template/", "Django templates"),
    ("/django/", "Django, other (request, forms, i18n)"),
    ("/motcua/workdays/", "motcua working-day calendar"),
    ("/motcua/", "motcua, other"),
    ("/weasyprint/", "WeasyPrint layout and drawing"),
    ("/fontTools/", "fontTools (font subsetting)"),
    ("/pydyf/", "pydyf (PDF writing)"),
    ("/tinycss2/", "CSS parsing (tinycss2, cssselect2)"),
    ("/cssselect2/", "CSS parsing (tinycss2, cssselect2)"),
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000, help="dossiers of the agency's inbox")
    parser.add_argument(
        "--real", type=int, default=1000, help="of those, how many go through the services (the rest copy them)"
    )
    parser.add_argument("--repeat", type=int, default=20, help="timed runs of each figure and of its baseline")
    parser.add_argument("--sample", type=int, default=5, help="runs profiled with cProfile for 'what limits it'")
    parser.add_argument("--database", default="motcua_bench_desk", help="throwaway database (dropped first and after)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args()


def main() -> int:
    return on_throwaway_database(parse_args(), run)


@dataclass
class Figure:
    name: str
    baseline: str
    app: float = 0.0  # seconds per run, median
    base: float = 0.0
    queries: int | None = None
    limits: list[str] = field(default_factory=list)
    skipped: str = ""


def run(args: argparse.Namespace, bench_url: str) -> int:
    import django

    django.setup()
    # WhiteNoise warns that collectstatic never ran; the bench serves no static file.
    warnings.filterwarnings("ignore", message="No directory at")
    from django.core.management import call_command

    from desk_support import build_desk_world, populate

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated {args.database} in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    world = build_desk_world()
    real = populate(world, count=args.count, real=args.real)
    print(f"{args.count} dossiers ({len(real)} through the services) in {time.perf_counter() - started:.1f} s")

    raw = psycopg.connect(bench_url.replace("postgres://", "postgresql://", 1), autocommit=True)
    figures = [
        *inbox_figures(world, raw, args),
        dossier_page_figure(world, raw, args),
        slip_figure(world, args),
        reception_figure(world, args),
    ]
    raw.close()
    print_table(figures, title=f"medians of {args.repeat} runs; agency inbox of {args.count:,} dossiers")
    return 0


# --- measuring ------------------------------------------------------------------------------------------------


def compare(app: Callable[[], object], base: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median seconds of ``app`` and of ``base``, run alternately after two warm-up runs each."""
    for _ in range(2):
        app()
        base()
    app_times, base_times = [], []
    for _ in range(repeat):
        for work, times in ((app, app_times), (base, base_times)):
            started = time.perf_counter()
            work()
            times.append(time.perf_counter() - started)
    return statistics.median(app_times), statistics.median(base_times)


def limits(work: Callable[[], object], sample: int, *, repeat: int = 0) -> tuple[int, list[str]]:
    """What limits ``work``: its queries (one run), PostgreSQL's own account of the costliest one, and where
    ``sample`` profiled runs spend their time. With ``repeat``, a statement that PostgreSQL JIT-compiles is
    timed again with JIT off for the session (``repeat`` runs)."""
    queries, lines, costliest = query_report(work)
    jit = explain(*costliest) if costliest else None
    if jit is not None:
        executed, compiled = jit
        lines.append(
            f"  EXPLAIN ANALYZE of the costliest: {executed:.1f} ms, of which JIT compilation {compiled:.1f} ms"
        )
        if compiled and repeat:
            lines.append(f"  the same work with SET jit = off: {without_jit(work, repeat) * 1000:.1f} ms (median)")
    return queries, lines + profile_report(work, sample)


def _issuer() -> str:
    """The project function that issued a query, and the project function that called it."""
    frame, names = sys._getframe(2), []
    while frame is not None and len(names) < 2:
        if "/motcua/" in frame.f_code.co_filename and "/desk/access.py" not in frame.f_code.co_filename:
            names.append(frame.f_code.co_name)
        frame = frame.f_back
    return " < ".join(names) or "Django (session, user)"


def query_report(work: Callable[[], object]) -> tuple[int, list[str], tuple[str, object] | None]:
    """Queries of one run of ``work``: how many, the time waiting for them, the two costliest statements and
    the functions that issue most of them; and the costliest statement with its parameters."""
    from django.db import connection

    statements: Counter[str] = Counter()
    spent: Counter[str] = Counter()
    issuers: Counter[str] = Counter()
    slowest: list[tuple[float, str, object]] = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            seconds = time.perf_counter() - started
            shape = LITERAL.sub("?", " ".join(sql.split()))
            statements[shape] += 1
            spent[shape] += seconds
            issuers[_issuer()] += 1
            slowest.append((seconds, sql, params))

    started = time.perf_counter()
    with connection.execute_wrapper(timed):
        work()
    wall = time.perf_counter() - started
    queries = sum(statements.values())
    lines = [f"{queries} queries, {sum(spent.values()) * 1000:.1f} ms of {wall * 1000:.1f} ms wall waiting for them"]
    for shape, seconds in spent.most_common(2):
        lines.append(f"  {seconds * 1000:5.2f} ms {statements[shape]:3}x  {shape[:100]}")
    lines.append("  issued by: " + ", ".join(f"{n}x {name}" for name, n in issuers.most_common(5)))
    top = max(slowest, key=lambda q: q[0], default=None)
    costliest = (top[1], top[2]) if top and top[1].lstrip().upper().startswith("SELECT") else None
    return queries, lines, costliest


def explain(sql: str, params: object) -> tuple[float, float] | None:
    """(execution ms, JIT compilation ms) of one statement, as EXPLAIN ANALYZE reports them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        row = cursor.fetchone()
    if row is None:
        return None
    plan = row[0][0] if isinstance(row[0], list) else json.loads(row[0])[0]
    timing = plan.get("JIT", {}).get("Timing", {}).get("Total", 0.0)
    compiled = timing if isinstance(timing, float | int) else 0.0
    return plan["Execution Time"], float(compiled)


def without_jit(work: Callable[[], object], repeat: int) -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET jit = off")
    try:
        for _ in range(2):
            work()
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            work()
            times.append(time.perf_counter() - started)
        return statistics.median(times)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET jit")


def profile_report(work: Callable[[], object], sample: int) -> list[str]:
    """Where ``sample`` runs of ``work`` spend their own time, by area (time in C builtins counts for their
    caller), and the project's costliest functions by cumulative time."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(sample):
        work()
    profiler.disable()
    entries = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    areas: Counter[str] = Counter()
    total = 0.0
    for (file, _line, _name), (_cc, _nc, own, _cum, callers) in entries.items():
        total += own
        if file == "~" and callers:
            for (caller_file, _l, _n), caller_stats in callers.items():
                areas[_area(caller_file)] += caller_stats[2]
        else:
            areas[_area(file)] += own
    shares = ", ".join(f"{a} {t / total:.0%}" for a, t in areas.most_common(5))
    ours = [
        (cum, f"{Path(file).parent.name}/{Path(file).name}:{name}")
        for (file, _line, name), (_cc, _nc, _own, cum, _callers) in entries.items()
        if "/motcua/" in file and "/desk/access.py" not in file
    ]
    top = sorted(ours, reverse=True)[1:5]  # the first is the view or service itself
    return [
        f"  own time by area (cProfile): {shares}",
        "  costliest project functions (cumulative): " + ", ".join(f"{n} {c / total:.0%}" for c, n in top),
    ]


def _area(file: str) -> str:
    label = next((label for part, label in AREAS if part in file), None)
    if label is None:  # name the package: site-packages/<package>/..., else the standard library
        after = file.partition("site-packages/")[2]
        label = after.split("/", 1)[0].removesuffix(".py") if after else "Python standard library"
    return label


# --- the figures ------------------------------------------------------------------------------------------------


def client_for(user):
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def inbox_figures(world, raw: psycopg.Connection, args: argparse.Namespace) -> list[Figure]:
    from django.utils import timezone

    from desk_support import INBOX_COUNTS_SQL, inbox_sql_params
    from motcua.dossiers.inbox import TAB_KEYS, inbox_counts

    user, at = world.specialist, timezone.now()
    params = inbox_sql_params(user=user, at=at)

    def baseline() -> dict[str, int]:
        row = raw.execute(INBOX_COUNTS_SQL, params).fetchone()
        assert row is not None
        return dict(zip(TAB_KEYS, row, strict=True))

    counts = inbox_counts(user=user, at=at)
    if counts != baseline():
        raise SystemExit(f"the raw SQL disagrees with inbox_counts: {baseline()} != {counts}")
    print("inbox tabs: " + ", ".join(f"{key} {n}" for key, n in counts.items()))

    counting = Figure("inbox: the six tab counts", "1 SQL statement, same counts")
    counting.app, counting.base = compare(lambda: inbox_counts(user=user, at=at), baseline, args.repeat)
    counting.queries, counting.limits = limits(lambda: inbox_counts(user=user, at=at), args.sample, repeat=args.repeat)

    client = client_for(user)

    def page():
        response = client.get("/co-quan/")
        assert response.status_code == 200, response.status_code
        return response

    page_figure = Figure("inbox: full page GET /co-quan/", "same SQL statement")
    page_figure.app, page_figure.base = compare(page, baseline, args.repeat)
    page_figure.queries, page_figure.limits = limits(page, args.sample, repeat=args.repeat)
    return [counting, page_figure]


def dossier_page_figure(world, raw: psycopg.Connection, args: argparse.Namespace) -> Figure:
    from desk_support import DOSSIER_READS_SQL, history_dossier
    from motcua.dossiers.models import DossierEvent

    dossier = history_dossier(world)
    events = DossierEvent.objects.filter(dossier=dossier).count()
    client = client_for(world.specialist)
    url = f"/ho-so/{dossier.code}/"

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    def baseline() -> list:
        values = {"code": dossier.code, "id": dossier.pk}
        return [raw.execute(sql, values).fetchall() for sql in DOSSIER_READS_SQL]

    figure = Figure(f"dossier page ({events} events)", f"{len(DOSSIER_READS_SQL)} SQL reads of its rows")
    figure.app, figure.base = compare(page, baseline, args.repeat)
    figure.queries, figure.limits = limits(page, args.sample)
    return figure


def slip_figure(world, args: argparse.Namespace) -> Figure:
    from weasyprint import HTML

    from motcua.dossiers.models import Dossier
    from motcua.dossiers.slips import slip_html, slip_pdf

    dossier = Dossier.objects.filter(status="in_process").order_by("pk").first()
    assert dossier is not None
    html = slip_html(kind="01", dossier=dossier)
    figure = Figure("receipt PDF, slip 01", "WeasyPrint alone, same HTML")
    repeat = max(3, args.repeat // 2)  # a PDF costs about 100 page views
    figure.app, figure.base = compare(
        lambda: slip_pdf(kind="01", dossier=dossier), lambda: HTML(string=html).write_pdf(), repeat
    )
    figure.queries, figure.limits = limits(lambda: slip_pdf(kind="01", dossier=dossier), max(1, args.sample // 2))
    return figure


def reception_figure(world, args: argparse.Namespace) -> Figure:
    from django.urls import NoReverseMatch, reverse

    from desk_support import reception_direct, reception_post
    from motcua.dossiers.services.receive import dossier_receive

    figure = Figure("reception through the counter form (POST)", "dossier_receive, same data")
    try:
        url = reverse("desk:counter_receive", args=[world.national_code])
    except NoReverseMatch as error:
        figure.skipped = f"not measured: the counter's reception view is not routed ({error})"
        return figure
    client = client_for(world.clerk)
    serial = iter(range(900_000_000, 999_999_999))

    def post():
        response = client.post(url, reception_post(world, next(serial)))
        if response.status_code != 302:
            errors = re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
            raise RuntimeError(f"the form was not accepted ({response.status_code}): {errors[:3]}")
        return response

    def direct():
        return dossier_receive(reception=reception_direct(world, next(serial)), actor=world.clerk)

    try:
        post()
    except (RuntimeError, AssertionError) as error:
        figure.skipped = f"not measured: {error}"
        return figure
    figure.app, figure.base = compare(post, direct, args.repeat)
    figure.queries, figure.limits = limits(post, args.sample)
    return figure


# --- report ---------------------------------------------------------------------------------------------------


def print_table(figures: list[Figure], *, title: str) -> None:
    """The figures as a table (time, rate, statements, baseline, ratio), then what limits each (bench/citizen.py
    prints its figures with this too)."""
    print()
    print(title)
    header = f"{'figure':44} {'ms':>8} {'per s':>7} {'queries':>8}  {'baseline':36} {'ms':>7} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    for f in figures:
        if f.skipped:
            print(f"{f.name:44} {f.skipped}")
            continue
        queries = "" if f.queries is None else str(f.queries)
        print(
            f"{f.name:44} {f.app * 1000:8.1f} {1 / f.app:7.1f} {queries:>8}  {f.baseline:36} {f.base * 1000:7.2f}"
            f" {f.app / f.base:7.1f}"
        )
    print("(ratio: the figure's time ÷ the baseline's; per s = 1 ÷ the median)")
    print()
    print("what limits it (one run's queries; a profiled sample's time):")
    for f in figures:
        if f.limits:
            print(f"{f.name.strip()}:")
            for line in f.limits:
                print(f"  {line}")


if __name__ == "__main__":
    sys.exit(main())
