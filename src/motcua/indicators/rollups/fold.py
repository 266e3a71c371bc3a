"""Folding dossiers into the rollups, set-based: take back what each added last time (its snapshot), add what it
adds now — in SQL, a few statements for any number of dossiers, never a row at a time in Python.

Exact under concurrent clerks: the dossiers of the fold are locked (``SELECT … FOR UPDATE``, in id order) before
their snapshots are read, so two folds of one dossier run one after the other and the second sees the first's
snapshot; the facts are read after the lock, so they are the latest committed. Each fold changes the rollup rows
with **one** statement, ``INSERT … SELECT … ORDER BY`` the grain ``ON CONFLICT DO UPDATE SET n = n + excluded.n``:
increments under the rows' locks, taken in key order, so no two folds wait on each other in opposite orders.

Two paths give the same result:

* nothing of the fold has a snapshot yet (a rebuild from scratch, a generated batch, a new dossier): the snapshots
  are written from the facts (``INSERT … SELECT``), then the rollups are summed from them — the facts, the costly
  part, are computed once;
* otherwise the rollups get the new facts' cells minus the old snapshots' cells in one statement, then the
  snapshots are replaced.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import connection, transaction
from django.db.models import BooleanField, Case, F, Q, QuerySet, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone

from motcua.core.localtime import LOCAL_TIME_ZONE
from motcua.dossiers.models import Dossier

from ..facts import FACT_FILTERS, dossier_facts
from ..models import DossierFactSnapshot, DossierRollup

# The rollup's count column and the snapshot's flag of each named filter (a test holds the lists together).
ROLLUP_COLUMNS: dict[str, str] = {name: f"n_{name}" for name in FACT_FILTERS}
FLAGS: dict[str, str] = {name: f"f_{name}" for name in FACT_FILTERS}
PLACE = ("province_code", "commune_code", "point_code", "agency_code")
GRAIN = ("day", *PLACE)
DAY_OF_ANCHOR = {"received_at": "received_day", "finished_at": "finished_day"}
ID_CHUNK = 2000  # dossier ids per fold: well under SQLite's bound on query parameters

Statement = tuple[str, list]


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _compiled(queryset: QuerySet) -> Statement:
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


def _facts(where: Q) -> QuerySet:
    """The dossiers' contributions now, as rows shaped like a snapshot: anchor days (local), place, one flag per
    filter (met, and its anchor day is known). Training dossiers and dossiers neither received nor ended are left
    out: they contribute nothing."""
    flags = {
        FLAGS[name]: Case(
            When(f.condition & Q(**{f"{f.anchor}__isnull": False}), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
        for name, f in FACT_FILTERS.items()
    }
    return (
        dossier_facts(Dossier.objects.filter(where))
        .filter(Q(received_at__isnull=False) | Q(processed_at__isnull=False))
        .annotate(
            received_day=TruncDate("received_at", tzinfo=LOCAL_TIME_ZONE),
            finished_day=TruncDate("processed_at", tzinfo=LOCAL_TIME_ZONE),
            **flags,
        )
        .order_by()
        .values(*DAY_OF_ANCHOR.values(), *PLACE, *flags, dossier_ref=F("pk"))
    )


def _snapshots(where: Q) -> QuerySet:
    return DossierFactSnapshot.objects.filter(dossier__in=Dossier.objects.filter(where).values("pk"))


def _cells(source: Statement, sign: int, before: date | None = None) -> Statement:
    """The rollup cells of a source shaped like a snapshot, each count times ``sign``: one grouped part per
    anchor (a filter counts on its anchor's day), only days before ``before`` when given."""
    sql, params = source
    parts, all_params = [], []
    place = ", ".join(f"COALESCE(s.{_q(p)}, '') AS {_q(p)}" for p in PLACE)
    group = ", ".join(f"s.{_q(p)}" for p in PLACE)
    for anchor, day in DAY_OF_ANCHOR.items():
        sums = ", ".join(
            f"SUM(CASE WHEN s.{_q(FLAGS[name])} THEN {sign} ELSE 0 END) AS {_q(column)}"
            if FACT_FILTERS[name].anchor == anchor
            else f"0 AS {_q(column)}"
            for name, column in ROLLUP_COLUMNS.items()
        )
        where = f"s.{_q(day)} IS NOT NULL" + (f" AND s.{_q(day)} < %s" if before else "")
        parts.append(
            f"SELECT s.{_q(day)} AS {_q('day')}, {place}, {sums} FROM ({sql}) AS s "  # noqa: S608 - names are ours
            f"WHERE {where} GROUP BY s.{_q(day)}, {group}"
        )
        all_params += [*params, *([connection.ops.adapt_datefield_value(before)] if before else [])]
    return " UNION ALL ".join(parts), all_params


def _add(*cells: Statement) -> None:
    """Add the cells to the rollup rows, creating the missing ones: one statement, rows in key order, rows whose
    every count nets to zero left alone."""
    columns = list(ROLLUP_COLUMNS.values())
    table = _q(DossierRollup._meta.db_table)
    grain = ", ".join(_q(g) for g in GRAIN)
    sums = ", ".join(f"SUM(c.{_q(column)})" for column in columns)
    changed = " OR ".join(f"SUM(c.{_q(column)}) <> 0" for column in columns)
    updates = ", ".join(f"{_q(c)} = {table}.{_q(c)} + excluded.{_q(c)}" for c in columns)
    union = " UNION ALL ".join(sql for sql, _params in cells)
    sql = (
        f"INSERT INTO {table} ({grain}, {', '.join(_q(c) for c in columns)}) "  # noqa: S608 - names are ours
        f"SELECT {', '.join(f'c.{_q(g)}' for g in GRAIN)}, {sums} FROM ({union}) AS c WHERE true "
        f"GROUP BY {', '.join(f'c.{_q(g)}' for g in GRAIN)} HAVING {changed} "
        f"ORDER BY {', '.join(f'c.{_q(g)}' for g in GRAIN)} "
        f"ON CONFLICT ({grain}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [p for _sql, params in cells for p in params])


def _snapshots_write(facts: Statement) -> None:
    sql, params = facts
    table = _q(DossierFactSnapshot._meta.db_table)
    columns = [*DAY_OF_ANCHOR.values(), *PLACE, *FLAGS.values()]
    values = ", ".join(f"COALESCE(f.{_q(c)}, '')" if c in PLACE else f"f.{_q(c)}" for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({_q('dossier_id')}, {', '.join(_q(c) for c in columns)}, {_q('folded_at')}) "  # noqa: S608
            f"SELECT f.{_q('dossier_ref')}, {values}, %s FROM ({sql}) AS f",
            [timezone.now(), *params],
        )


# The rollups' advisory lock on PostgreSQL: every fold holds it shared (folds never wait on each other for it), the
# start of a rebuild exclusive — a fold that read a snapshot the rebuild is dropping would subtract it from rows
# the rebuild has dropped too. SQLite runs one writer at a time anyway.
ROLLUPS_LOCK_KEY = 15_766_468


def rollups_lock(*, exclusive: bool = False) -> None:
    """Take the rollups' lock until the end of the transaction (shared by folds, exclusive for a rebuild)."""
    if connection.vendor == "postgresql":
        function = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {function}(%s)", [ROLLUPS_LOCK_KEY])


def _lock(where: Q) -> int:
    """Lock the dossiers of the fold in id order; returns how many there are."""
    sql, params = _compiled(Dossier.objects.select_for_update().filter(where).order_by("pk").values("pk"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS locked", params)  # noqa: S608 - compiled by Django
        return int(cursor.fetchone()[0])


def _fold(where: Q, before: date | None) -> int:
    locked = _lock(where)
    facts = _compiled(_facts(where))
    old = _snapshots(where)
    old_cells = _compiled(old.values(*DAY_OF_ANCHOR.values(), *PLACE, *FLAGS.values()))
    if old.exists():
        _add(_cells(old_cells, -1, before), _cells(facts, 1))
        old.delete()
        _snapshots_write(facts)
    else:
        _snapshots_write(facts)
        _add(_cells(old_cells, 1))  # the snapshots just written
    return locked


@transaction.atomic
def rollups_fold(
    *, dossier_ids: Iterable[int] | None = None, where: Q | None = None, before: date | None = None
) -> int:
    """Fold the dossiers — those of ``dossier_ids``, or those matching ``where`` (an id range folds fastest) —
    into the rollups: take back each one's last contribution (only its days before ``before`` when given: a
    rebuild from that day has dropped the later rows) and add its contribution now. Idempotent: folding a dossier
    twice changes nothing the second time. Returns the dossiers folded."""
    rollups_lock()
    if where is not None:
        return _fold(where, before)
    ids = sorted({int(pk) for pk in dossier_ids or ()})
    return sum(_fold(Q(pk__in=ids[i : i + ID_CHUNK]), before) for i in range(0, len(ids), ID_CHUNK))
