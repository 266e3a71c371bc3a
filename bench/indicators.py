"""Benchmark: the service-quality indicators at volume, as ratios to DuckDB and to a small database (issue 15).

Creates a throwaway database (``motcua_bench_indicators`` by default) on the server of ``DATABASE_URL`` with
intake.py's harness, migrates it, runs ``load_demo`` (catalogue, receiving points, agencies of the demo provinces,
Hà Tĩnh 42 and Đồng Tháp 82), then ``synth_dossiers`` for both provinces and one year (``--year``, by default
the last full year), in two steps: first ``--small`` dossiers (10,000), then the rest up to ``--count``
(200,000 by default; the issue's 5,000,000 is ``--count 5000000``, about 35 minutes of loading on a 2-core
machine). The generator folds each batch into the rollups as it loads. Then it times:

1. **a dashboard read** through the rollups — ``indicator_scores(province:42, YYYY-06)``, the ranking of the
   provinces for that month and the ranking of Hà Tĩnh's communes — at the small size and again at the full
   size, in the same run: the ratio full ÷ small (aim: the same within noise). ``indicator_scores(...,
   direct=True)``, counting from the dossiers, is timed at both sizes for contrast;
2. **rebuilding every indicator for the year**: ``rollups_rebuild()`` from scratch plus every indicator of every
   province for every month of the year (``indicator_ranking`` for each month: one grouped read scores all the
   provinces), against a hand-written DuckDB query over the Parquet export of the same data computing the same
   numerators, denominators and rates per province and month (``DUCKDB_YEAR`` below; median of ``--repeat``
   runs). The export (``dossiers_export``) is timed apart, not in the ratio. Both sides must agree: every
   difference is printed (``468.wait`` counts the queue's tickets, which the export does not hold: left out).

Prints a table (figure, value, baseline, ratio), the peak memory of this process after each phase
(``resource.getrusage``; PostgreSQL's and DuckDB's own memory beyond this process are not in it), and drops the
database (also on error). The Parquet file goes to a temporary folder, removed at the end.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua .venv/bin/python bench/indicators.py [--count N]
"""

from __future__ import annotations

import argparse
import logging
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from intake import on_throwaway_database  # also puts src/ on sys.path and sets DJANGO_SETTINGS_MODULE

MONTH = 6  # the dashboard's month: mid-year, every dossier of the small load has had time to finish or not


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--count",
        type=int,
        default=200_000,
        help="synthetic dossiers in all, split between the demo provinces (default 200000; the issue's 5000000 "
        "loads in about 35 minutes here)",
    )
    parser.add_argument("--small", type=int, default=10_000, help="dossiers of the first, small measurement")
    parser.add_argument("--year", type=int, default=date.today().year - 1, help="year of the synthetic dossiers")
    parser.add_argument("--repeat", type=int, default=15, help="timed runs of each rollup read (median)")
    parser.add_argument("--repeat-direct", type=int, default=3, help="timed runs of each direct count (median)")
    parser.add_argument("--repeat-duckdb", type=int, default=5, help="timed runs of the DuckDB query (median)")
    parser.add_argument("--database", default="motcua_bench_indicators", help="throwaway database (dropped after)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--resume",
        metavar="LOG",
        help="finish a run whose full-size phase was cut short: reuse --database as loaded by that run (not "
        "recreated, not reloaded; migrated to the current code) and take the small-size reads from its LOG",
    )
    parser.add_argument(
        "--direct-timeout",
        type=float,
        default=0,
        help="seconds after which a direct count is cancelled and reported as longer (0: no bound)",
    )
    args = parser.parse_args()
    if not 0 < args.small < args.count:
        parser.error("--small must be positive and below --count")
    return args


def main() -> int:
    args = parse_args()
    if args.resume:
        return on_loaded_database(args)
    return on_throwaway_database(args, run)


def on_loaded_database(args: argparse.Namespace) -> int:
    """The full-size phase and the rebuild on a database a cut-short run loaded (``--resume``). The small-size
    reads are that run's, read from its log: same database, same machine. The database is dropped only after a
    run that completed (and not with ``--keep``): an error must not lose an hour of loading."""
    import os

    from intake import recreate, server_urls

    maintenance, bench_url = server_urls(args.database)
    os.environ["DATABASE_URL"] = bench_url
    status = resume(args)
    from django.db import connections

    connections.close_all()
    if not args.keep:
        recreate(maintenance, args.database, create=False)
        print(f"dropped database {args.database}")
    return status


def small_reads_from_log(path: str) -> dict[str, tuple[float, float]]:
    """The small-size dashboard reads a run printed ("dashboard of … with N dossiers …: …, <name> <ms> ms, …")."""
    line = next(line for line in Path(path).read_text(encoding="utf-8").splitlines() if line.startswith("dashboard of"))
    reads = {}
    for part in re.split(r"(?<= ms), ", line.split("); ", 1)[1]):
        name, _space, value = part.rpartition(" ")[0].rpartition(" ")
        reads[name] = (float(value) / 1000, 0.0)
    return reads


def resume(args: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.core.management import call_command

    from motcua.agencies.demo import DEMO_PROVINCES
    from motcua.dossiers.models import Dossier

    provinces = [p.province_code for p in DEMO_PROVINCES]
    logging.disable(logging.INFO)
    seconds, _ = timed(lambda: call_command("migrate", verbosity=0))
    print(f"migrated {args.database} to the current code in {seconds:.1f} s; {Dossier.objects.count():,} dossiers")
    small = small_reads_from_log(args.resume)
    print("small-size reads from the log: " + ", ".join(f"{n} {v * 1000:.1f} ms" for n, (v, _) in small.items()))
    big = dashboard_reads(args, label=f"{args.count:,}")
    rows = [
        Row(f"{name}, {args.count:,} dossiers", big[name][0], f"same at {args.small:,}", small[name][0])
        for name in big
        if name in small
    ]
    rows += rebuild_and_compare(args, provinces)
    print_table(rows, args, loads=(0.0, 0.0), spreads=(big, big))
    return 0


@dataclass
class Row:
    figure: str
    value: float  # seconds
    baseline_name: str = ""
    baseline: float | None = None  # seconds


PEAKS: list[tuple[str, float]] = []


def peak(phase: str) -> None:
    """Record this process's peak resident memory so far (Linux reports kilobytes)."""
    PEAKS.append((phase, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def timed(work: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def median_of(work: Callable[[], object], repeat: int, warm: int = 2) -> tuple[float, float]:
    """(median seconds, relative spread: the interquartile range ÷ the median) of ``repeat`` runs after ``warm``."""
    for _ in range(warm):
        work()
    times = [timed(work)[0] for _ in range(repeat)]
    middle = statistics.median(times)
    if len(times) < 4:
        return middle, (max(times) - min(times)) / middle
    quartiles = statistics.quantiles(times, n=4)
    return middle, (quartiles[2] - quartiles[0]) / middle


def run(args: argparse.Namespace, bench_url: str) -> int:
    import django

    django.setup()
    from django.core.management import call_command

    from motcua.agencies.demo import DEMO_PROVINCES

    provinces = [p.province_code for p in DEMO_PROVINCES]
    logging.disable(logging.INFO)  # load_demo's services log every national record they would send
    seconds, _ = timed(lambda: call_command("migrate", verbosity=0))
    print(f"migrated {args.database} in {seconds:.1f} s")
    seconds, _ = timed(lambda: call_command("load_demo", allow_production=True, stdout=StringIO()))
    print(f"load_demo in {seconds:.1f} s (provinces {', '.join(provinces)})")

    small_load = synthesize(provinces, args.small, year=args.year, seed=1)
    peak(f"after loading {args.small:,} dossiers")
    small = dashboard_reads(args, label=f"{args.small:,}")
    big_load = synthesize(provinces, args.count - args.small, year=args.year, seed=2)
    peak(f"after loading {args.count:,} dossiers")
    big = dashboard_reads(args, label=f"{args.count:,}")

    rows = [
        Row(f"{name}, {args.count:,} dossiers", big[name][0], f"same at {args.small:,}", small[name][0]) for name in big
    ]
    rows += [
        Row(
            f"scores, direct vs rollups, {size} dossiers",
            reads["scores, direct=True"][0],
            "scores through the rollups",
            reads["scores through the rollups"][0],
        )
        for size, reads in ((f"{args.small:,}", small), (f"{args.count:,}", big))
        if "scores, direct=True" in reads
    ]
    rows += rebuild_and_compare(args, provinces)
    print_table(rows, args, loads=(small_load, big_load), spreads=(small, big))
    return 0


# --- loading --------------------------------------------------------------------------------------------------


def synthesize(provinces: list[str], count: int, *, year: int, seed: int) -> float:
    """``synth_dossiers`` for each province, ``count`` split between them; returns dossiers per second."""
    from django.core.management import call_command

    started = time.perf_counter()
    for index, code in enumerate(provinces):
        share = count // len(provinces) + (1 if index < count % len(provinces) else 0)
        call_command("synth_dossiers", share, province=code, year=year, seed=seed, stdout=StringIO())
    seconds = time.perf_counter() - started
    print(f"synth_dossiers: {count:,} dossiers in {seconds:.1f} s ({count / seconds:,.0f}/s, rollups folded per batch)")
    return count / seconds


# --- 1. the dashboard read --------------------------------------------------------------------------------------


def dashboard_reads(args: argparse.Namespace, *, label: str) -> dict[str, tuple[float, float]]:
    """Median seconds and spread of each read of the dashboard of Hà Tĩnh's month."""
    from motcua.dossiers.models import Dossier
    from motcua.indicators.models import DossierRollup
    from motcua.indicators.periods import period_parse
    from motcua.indicators.rollups.read import rollups_ready
    from motcua.indicators.scopes import scope_parse
    from motcua.indicators.scores import indicator_ranking, indicator_scores

    if not rollups_ready():
        raise SystemExit("the rollups are not ready after load_demo: the reads would count directly")
    scope, period = scope_parse("province:42"), period_parse(f"{args.year}-{MONTH:02d}")
    reads: dict[str, Callable[[], object]] = {
        "scores through the rollups": lambda: indicator_scores(scope, period),
        "ranking of provinces (rollups)": lambda: indicator_ranking(period=period),
        "ranking of communes in 42 (rollups)": lambda: indicator_ranking(period=period, within=scope, level="commune"),
    }
    results = {name: median_of(work, args.repeat) for name, work in reads.items()}
    rolled = indicator_scores(scope, period)
    try:
        with bounded(args.direct_timeout):
            direct = indicator_scores(scope, period, direct=True)
            by_rollups = [(line.numerator, line.denominator) for line in rolled.lines]
            by_dossiers = [(line.numerator, line.denominator) for line in direct.lines]
            if by_rollups != by_dossiers:
                print(f"  DIFFERENCE at {label}: rollups {by_rollups} direct {by_dossiers}")
            results["scores, direct=True"] = median_of(
                lambda: indicator_scores(scope, period, direct=True), args.repeat_direct, warm=0
            )
    except TimedOut:
        print(f"  the direct count at {label} took longer than {args.direct_timeout:.0f} s: cancelled, not timed")
    rows = DossierRollup.objects.filter(province_code="42", day__gte=period.first_day, day__lt=period.end_day).count()
    print(
        f"dashboard of {scope.key} {period.key} with {Dossier.objects.count():,} dossiers in the database: "
        f"{rolled.received:,} received in the month, {rows:,} rollup rows, total {rolled.total} ({rolled.grade}); "
        + ", ".join(f"{name} {ms * 1000:.1f} ms" for name, (ms, _) in results.items())
    )
    return results


class TimedOut(Exception):
    pass


class bounded:
    """``statement_timeout`` for the statements inside (0: none); a cancelled one raises :class:`TimedOut`."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __enter__(self) -> None:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = %s", [int(self.seconds * 1000)])

    def __exit__(self, kind, error, _traceback) -> bool:
        from django.db import OperationalError, connection

        if isinstance(error, OperationalError) and "statement timeout" in str(error):
            connection.close()  # the cancelled statement's connection is done with
            raise TimedOut from error
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
        return False


# --- 2. rebuilding every indicator for the year, against DuckDB over the export ----------------------------------

# Hand-written from docs/indicators.md over the export alone: per province and local month of the year, the
# numerator and denominator of each dossier indicator of the 766 set and of 468's "not asked again".
DUCKDB_YEAR = """
WITH facts AS (SELECT * FROM read_parquet($path)),
received AS (
    SELECT province_code, month(timezone('Asia/Ho_Chi_Minh', received_at)) AS month,
           count(*) AS received,
           count(*) FILTER (WHERE synced) AS synced,
           count(*) FILTER (WHERE channel = 'online') AS online,
           count(*) FILTER (WHERE fee_bearing) AS fee_bearing,
           count(*) FILTER (WHERE fee_bearing AND paid_online) AS paid_online,
           count(*) FILTER (WHERE digitized) AS digitized,
           count(*) FILTER (WHERE reused) AS reused
    FROM facts WHERE received_at >= $start AND received_at < $end
    GROUP BY ALL
),
finished AS (
    SELECT province_code, month(timezone('Asia/Ho_Chi_Minh', finished_at)) AS month,
           count(*) FILTER (WHERE on_time IS NOT NULL) AS finished,
           count(*) FILTER (WHERE on_time) AS on_time,
           count(*) FILTER (WHERE NOT on_time)
             + count(*) FILTER (WHERE on_time IS NOT NULL AND (complaint OR rating = 'dissatisfied')) AS unsatisfied,
           count(*) FILTER (WHERE decided_with_document) AS decided,
           count(*) FILTER (WHERE decided_with_document AND electronic_result) AS electronic
    FROM facts WHERE finished_at >= $start AND finished_at < $end
    GROUP BY ALL
)
SELECT province_code, month,
       synced, received, online, paid_online, fee_bearing, on_time, finished, unsatisfied,
       electronic, decided, digitized, reused,
       synced / received, online / received, paid_online / nullif(fee_bearing, 0), on_time / nullif(finished, 0),
       greatest(0, 1 - unsatisfied / nullif(finished, 0)), electronic / nullif(decided, 0),
       digitized / received, reused / received
FROM received LEFT JOIN finished USING (province_code, month)
ORDER BY province_code, month
"""
# Column pairs of DUCKDB_YEAR's result (from the third column) per indicator code, and the rates after them.
DUCKDB_INDICATORS = (
    "766.synced",
    "766.online_rate",
    "766.paid_online",
    "766.on_time",
    "766.satisfaction",
    "766.electronic_result",
    "766.digitized",
    "766.reuse",
)
DUCKDB_PAIRS = {
    "766.synced": ("synced", "received"),
    "766.online_rate": ("online", "received"),
    "766.paid_online": ("paid_online", "fee_bearing"),
    "766.on_time": ("on_time", "finished"),
    "766.satisfaction": ("unsatisfied", "finished"),
    "766.electronic_result": ("electronic", "decided"),
    "766.digitized": ("digitized", "received"),
    "766.reuse": ("reused", "received"),
    "468.not_asked_again": ("reused", "received"),
}
COUNT_NAMES = ("synced", "received", "online", "paid_online", "fee_bearing", "on_time", "finished", "unsatisfied",
               "electronic", "decided", "digitized", "reused")  # fmt: skip

Figures = dict[tuple[str, int, str], tuple[int, int, float | None]]  # (province, month, code) → num, den, rate


def duckdb_figures(path: Path, year: int) -> Figures:
    import duckdb

    from motcua.indicators.periods import period_parse

    period = period_parse(str(year))
    with duckdb.connect() as con:
        result = con.execute(DUCKDB_YEAR, {"path": str(path), "start": period.start, "end": period.end}).fetchall()
    figures: Figures = {}
    for row in result:
        province, month = str(row[0]), int(row[1])
        counts = {name: int(value or 0) for name, value in zip(COUNT_NAMES, row[2:14], strict=True)}
        rates = dict(zip(DUCKDB_INDICATORS, row[14:], strict=True))
        rates["468.not_asked_again"] = rates["766.reuse"]
        for code, (numerator, denominator) in DUCKDB_PAIRS.items():
            rate = rates[code]
            figures[(province, month, code)] = (counts[numerator], counts[denominator], None if rate is None else rate)
    return figures


def rollup_figures(year: int) -> Figures:
    """Every indicator of every province with receptions, for every month of ``year``: one ranking a month."""
    from motcua.indicators.periods import period_parse
    from motcua.indicators.scores import indicator_ranking

    figures: Figures = {}
    for month in range(1, 13):
        for ranked in indicator_ranking(period=period_parse(f"{year}-{month:02d}")):
            for line in ranked.scores.lines:
                if line.indicator.source == "dossiers":
                    key = (ranked.scores.scope.code, month, line.indicator.code)
                    figures[key] = (line.numerator, line.denominator, line.rate)
    return figures


def differences(rolled: Figures, duck: Figures) -> list[str]:
    found = []
    for key in sorted({*rolled, *duck}):
        a, b = rolled.get(key), duck.get(key)
        same = (
            a is not None
            and b is not None
            and a[:2] == b[:2]
            and (a[2] == b[2] or (a[2] is not None and b[2] is not None and abs(a[2] - b[2]) < 1e-9))
        )
        if not same:
            found.append(f"  {key[0]} {key[1]:02d} {key[2]}: rollups {a} DuckDB {b}")
    return found


def rebuild_and_compare(args: argparse.Namespace, provinces: list[str]) -> list[Row]:
    from motcua.indicators.export import dossiers_export
    from motcua.indicators.rollups.build import rollups_rebuild

    rebuild_seconds, folded = timed(lambda: rollups_rebuild())
    peak("after rollups_rebuild")
    compute_seconds, rolled = timed(lambda: rollup_figures(args.year))
    print(
        f"rollups_rebuild: {folded:,} dossiers in {rebuild_seconds:.1f} s; every indicator of every province for 12 "
        f"months ({len(rolled):,} figures) in {compute_seconds * 1000:.0f} ms"
    )
    folder = Path(tempfile.mkdtemp(prefix="motcua-bench-indicators-"))
    try:
        path = folder / "dossiers.parquet"
        export_seconds, exported = timed(lambda: dossiers_export(path=path))
        peak("after the Parquet export")
        size = path.stat().st_size / 1024 / 1024
        print(f"export: {exported.rows:,} rows, {size:.1f} MB Parquet in {export_seconds:.1f} s")
        first_seconds, duck = timed(lambda: duckdb_figures(path, args.year))
        duck_seconds, _spread = median_of(lambda: duckdb_figures(path, args.year), args.repeat_duckdb, warm=0)
        peak("after the DuckDB query")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(
        f"DuckDB: first run {first_seconds * 1000:.0f} ms, median of {args.repeat_duckdb} {duck_seconds * 1000:.0f} ms"
    )
    found = differences(rolled, duck)
    compared = len({*rolled, *duck})
    if found:
        print(f"{len(found)} of {compared} figures DIFFER (province month indicator: numerator, denominator, rate):")
        print("\n".join(found[:40]))
    else:
        print(f"rollups and DuckDB agree on all {compared} figures (province × month × indicator)")
    total = rebuild_seconds + compute_seconds
    return [
        Row("rebuild + every indicator for the year", total, "DuckDB over the Parquet export", duck_seconds),
        Row("  of which rollups_rebuild", rebuild_seconds, "DuckDB over the Parquet export", duck_seconds),
        Row(
            "  of which 12 monthly rankings (rollups)", compute_seconds, "DuckDB over the Parquet export", duck_seconds
        ),
        Row("export to Parquet (not in the ratio)", export_seconds),
    ]


# --- report ---------------------------------------------------------------------------------------------------


def _value(seconds: float) -> str:
    return f"{seconds:8.2f} s " if seconds >= 1 else f"{seconds * 1000:8.1f} ms"


def print_table(rows: list[Row], args: argparse.Namespace, *, loads: tuple[float, float], spreads) -> None:
    print()
    print(f"{args.count:,} synthetic dossiers of {args.year} (small size {args.small:,}); medians")
    header = f"{'figure':52} {'value':>11}  {'baseline':34} {'value':>11} {'ratio':>8}"
    print(header)
    print("-" * len(header))
    for row in rows:
        if row.baseline is None:
            print(f"{row.figure:52} {_value(row.value)}")
            continue
        print(
            f"{row.figure:52} {_value(row.value)}  {row.baseline_name:34} {_value(row.baseline)}"
            f" {row.value / row.baseline:8.2f}"
        )
    print("(ratio: the figure ÷ its baseline)")
    small, big = spreads
    print(
        "noise (interquartile range ÷ median, small / full): "
        + ", ".join(f"{name} {small[name][1]:.0%} / {big[name][1]:.0%}" for name in small if name in big)
    )
    if any(loads):
        print(f"synth_dossiers: {loads[0]:,.0f} dossiers/s (small load), {loads[1]:,.0f} dossiers/s (the rest)")
    print("peak memory of this process: " + ", ".join(f"{phase} {mb:,.0f} MB" for phase, mb in PEAKS))


if __name__ == "__main__":
    sys.exit(main())
