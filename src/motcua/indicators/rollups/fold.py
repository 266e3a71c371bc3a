"""Folding dossiers into the rollups: subtract what each added last time (its snapshot), add what it adds now.

Exact under concurrent clerks: the dossiers' rows are locked (``SELECT … FOR UPDATE``, in id order) before their
snapshots are read, so two folds of one dossier run one after the other and the second sees the first's
snapshot; the facts are read after the lock, so they are the latest committed. Rollup rows are changed by
``INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n`` in key order: an increment under the row's lock, never
a read-modify-write, and no two folds wait on each other in opposite orders.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.db.models import BooleanField, Case, Q, Value, When

from motcua.core.localtime import local_date
from motcua.dossiers.models import Dossier

from ..facts import FACT_FILTERS, dossier_facts
from ..models import DossierFactSnapshot, DossierRollup

# The rollup's count column of each named filter: every filter has one (a test holds the two lists together).
ROLLUP_COLUMNS: dict[str, str] = {name: f"n_{name}" for name in FACT_FILTERS}
PLACE = ("province_code", "commune_code", "point_code", "agency_code")
GRAIN = ("day", *PLACE)
CHUNK = 2000  # dossiers per facts query: well under SQLite's bound on query parameters

Key = tuple[date, str, str, str, str]


@dataclass(frozen=True)
class Contribution:
    """What one dossier adds to the rollups: a count of one in each filter it meets, on the filter's anchor day."""

    received_day: date | None
    finished_day: date | None
    place: tuple[str, str, str, str]
    filters: frozenset[str]

    def cells(self, before: date | None = None) -> Iterator[tuple[Key, str]]:
        for name in sorted(self.filters):
            day = self.received_day if FACT_FILTERS[name].anchor == "received_at" else self.finished_day
            if day is not None and (before is None or day < before):
                yield (day, *self.place), ROLLUP_COLUMNS[name]

    @classmethod
    def of_snapshot(cls, snapshot: DossierFactSnapshot) -> Contribution:
        place = (snapshot.province_code, snapshot.commune_code, snapshot.point_code, snapshot.agency_code)
        return cls(snapshot.received_day, snapshot.finished_day, place, frozenset(snapshot.filters))


def _flag(condition: Q) -> Case | Value:
    if not condition:  # Q(): every dossier of the anchor's period
        return Value(True, output_field=BooleanField())
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


def _contributions(ids: list[int]) -> dict[int, Contribution]:
    """The dossiers' contributions now, from their facts (one query); training dossiers contribute nothing."""
    flags = {f"f_{name}": _flag(f.condition) for name, f in FACT_FILTERS.items()}
    rows = (
        dossier_facts(Dossier.objects.filter(pk__in=ids))
        .annotate(**flags)
        .order_by()
        .values("pk", "received_at", "finished_at", *PLACE, *flags)
    )
    found = {}
    for row in rows:
        days = {
            "received_at": row["received_at"] and local_date(row["received_at"]),
            "finished_at": row["finished_at"] and local_date(row["finished_at"]),
        }
        met = frozenset(n for n, f in FACT_FILTERS.items() if row[f"f_{n}"] and days[f.anchor] is not None)
        if met:
            place = tuple(row[p] or "" for p in PLACE)
            found[row["pk"]] = Contribution(days["received_at"], days["finished_at"], place, met)  # type: ignore[arg-type]
    return found


def _apply(delta: dict[Key, Counter]) -> None:
    """Add ``delta`` to the rollup rows, creating the missing ones: one upsert per row, in key order."""
    columns = list(ROLLUP_COLUMNS.values())
    rows = []
    for key in sorted(delta):
        counts = delta[key]
        if any(counts.values()):
            day = connection.ops.adapt_datefield_value(key[0])
            rows.append([day, *key[1:], *(counts.get(c, 0) for c in columns)])
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(DossierRollup._meta.db_table)
    names = [*GRAIN, *columns]
    updates = ", ".join(f"{quote(c)} = {table}.{quote(c)} + excluded.{quote(c)}" for c in columns)
    sql = (
        f"INSERT INTO {table} ({', '.join(quote(n) for n in names)}) VALUES ({', '.join(['%s'] * len(names))}) "  # noqa: S608 - names are ours
        f"ON CONFLICT ({', '.join(quote(g) for g in GRAIN)}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _fold_chunk(ids: list[int], before: date | None) -> int:
    locked = list(Dossier.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    old = {s.dossier_id: Contribution.of_snapshot(s) for s in DossierFactSnapshot.objects.filter(dossier_id__in=ids)}
    new = _contributions(locked)
    delta: dict[Key, Counter] = defaultdict(Counter)
    for contribution in old.values():
        for key, column in contribution.cells(before):
            delta[key][column] -= 1
    for contribution in new.values():
        for key, column in contribution.cells():
            delta[key][column] += 1
    _apply(delta)
    DossierFactSnapshot.objects.filter(dossier_id__in=ids).delete()
    DossierFactSnapshot.objects.bulk_create(
        [
            DossierFactSnapshot(
                dossier_id=pk,
                received_day=c.received_day,
                finished_day=c.finished_day,
                province_code=c.place[0],
                commune_code=c.place[1],
                point_code=c.place[2],
                agency_code=c.place[3],
                filters=sorted(c.filters),
            )
            for pk, c in new.items()
        ]
    )
    return len(locked)


@transaction.atomic
def rollups_fold(*, dossier_ids: Iterable[int], before: date | None = None) -> int:
    """Fold the dossiers into the rollups: take back each one's last contribution (only its days before
    ``before`` when given: a rebuild from that day has dropped the later rows) and add its contribution now.
    Idempotent: folding a dossier twice changes nothing the second time. Returns the dossiers folded."""
    ids = sorted({int(pk) for pk in dossier_ids})
    return sum(_fold_chunk(ids[i : i + CHUNK], before) for i in range(0, len(ids), CHUNK))
