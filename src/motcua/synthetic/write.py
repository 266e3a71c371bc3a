"""Writing a run in batches, resumable.

**Batches, resumable.** Batch k holds the dossiers k·B … (k+1)·B−1 of the year, written in one transaction with
one audit event, ``dossier.synth_batch``, naming the run (a digest of its parameters) and the batch. That event is
the run's record: running the same command again skips the batches it names. Synthetic history rows get no audit
event of their own and no outbox message (they are history, never news for the national exchange), so
``audit_verify`` still walks an unbroken chain. The dossiers carry the run in ``submission_key`` (``synth:…``).

**Codes.** Issued per issuing unit and day in the real format, after the day's counter as the batch finds it; the
counters are then advanced, so a later reception that day continues after the synthetic numbers.

**Writing.** PostgreSQL: ``COPY … FROM STDIN``, dossier ids taken from the sequence in one statement. SQLite (the
embedded tier): ``executemany`` of plain INSERTs with Django's adapters.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Q

from motcua.agencies.models import Agency
from motcua.audit.models import AuditEvent
from motcua.audit.services import audit_event_append
from motcua.core.localtime import local_date
from motcua.dossiers.models import Dossier, DossierCodeCounter
from motcua.indicators.rollups import rollups_fold

from .plan import AUDIT_ACTION, SynthPlan, SynthRefused
from .rows import Rows, Table
from .seasons import day_dossiers
from .story import dossier_rows
from .world import World, synth_world


def synth_batches_done(plan: SynthPlan) -> set[int]:
    """The batches of ``plan``'s run already written: their audit events say so."""
    payloads = AuditEvent.objects.filter(action=AUDIT_ACTION, object_id=plan.run_id).values_list("payload", flat=True)
    return {int(p["batch"]) for p in payloads}


def _batch_items(world: World, plan: SynthPlan, batch: int) -> Iterator[tuple[int, dict[str, Any]]]:
    first, stop = batch * plan.batch_size, min((batch + 1) * plan.batch_size, plan.count)
    index = 0
    for day, count in world.days:
        if index + count > first and index < stop:
            for offset, item in enumerate(day_dossiers(world, plan, day, count)):
                if first <= index + offset < stop:
                    yield index + offset, item
        index += count
        if index >= stop:
            return


@transaction.atomic
def synth_batch_write(*, world: World, plan: SynthPlan, batch: int) -> int:
    """Write one batch with its code counters and its audit event, in one transaction. Returns the rows written."""
    items = list(_batch_items(world, plan, batch))
    ids = _dossier_ids(len(items))
    codes = _codes([(item["route"].issuer, local_date(item["received_at"])) for _, item in items])
    rows = Rows()
    for (index, item), dossier_id, code in zip(items, ids, codes, strict=True):
        dossier_rows(rows, world, plan, item, dossier_id=dossier_id, index=index, code=code)
    written = sum(_flush(table) for table in rows.tables.values())
    # No signal fires for COPY: the batch is folded into the indicators' rollups here, as an id range (the ids are
    # the sequence's, consecutive; a dossier of another writer's inside the range is folded too, harmlessly).
    rollups_fold(where=Q(pk__gte=min(ids), pk__lte=max(ids)))
    audit_event_append(
        action=AUDIT_ACTION,
        object_type="dossiers.synth_run",
        object_id=plan.run_id,
        payload={
            "batch": batch,
            "batches": plan.batches,
            "dossiers": len(items),
            "rows": written,
            "first_code": codes[0] if codes else "",
            "last_code": codes[-1] if codes else "",
            **plan.as_json(),
        },
    )
    return written


def _dossier_ids(count: int) -> list[int]:
    table = Dossier._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        last = cursor.fetchone()[0]
    return list(range(last + 1, last + 1 + count))


def _codes(issued: list[tuple[Agency, date]]) -> list[str]:
    """The next numbers of each unit's day, after what the counters say, and the counters advanced."""
    pairs = set(issued)
    last: dict[tuple[int, date], int] = {}
    counters = DossierCodeCounter.objects.select_for_update().filter(
        agency_id__in={a.pk for a, _ in pairs}, day__in={d for _, d in pairs}
    )
    for agency_id, day, value in counters.values_list("agency_id", "day", "last"):
        last[(agency_id, day)] = value
    codes = []
    for agency, day in issued:
        number = last.get((agency.pk, day), 0) + 1
        last[(agency.pk, day)] = number
        codes.append(settings.DOSSIER_CODE_FORMAT.format(agency=agency.code, date=day, seq=number))
    DossierCodeCounter.objects.bulk_create(
        [DossierCodeCounter(agency_id=a, day=d, last=last[(a, d)]) for a, d in sorted({(a.pk, d) for a, d in pairs})],
        update_conflicts=True,
        unique_fields=["agency", "day"],
        update_fields=["last"],
    )
    return codes


def _flush(table: Table) -> int:
    if not table.rows:
        return 0
    quote = connection.ops.quote_name
    name = quote(table.model._meta.db_table)
    columns = ", ".join(quote(str(f.column)) for f in table.fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {name} ({columns}) FROM STDIN") as copy:
                for row in table.rows:
                    copy.write_row(row)
        else:
            adapters = [_sqlite_adapter(f) for f in table.fields]
            placeholders = ", ".join(["%s"] * len(table.fields))
            cursor.executemany(
                f"INSERT INTO {name} ({columns}) VALUES ({placeholders})",  # noqa: S608
                [
                    [adapt(v) if v is not None else None for adapt, v in zip(adapters, row, strict=True)]
                    for row in table.rows
                ],
            )
    return len(table.rows)


def _sqlite_adapter(model_field: models.Field) -> Callable[[Any], Any]:
    ops = connection.ops
    if isinstance(model_field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(model_field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(model_field, models.DecimalField):
        return str
    return lambda value: value


@dataclass
class SynthProgress:
    batch: int
    batches: int
    dossiers_done: int  # in this invocation
    dossiers_left: int
    rows: int
    seconds: float


def dossiers_synthesize(
    *,
    plan: SynthPlan,
    max_batches: int | None = None,
    resume: bool = False,
    progress: Callable[[SynthProgress], None] | None = None,
) -> list[int]:
    """Write the batches of ``plan``'s run not yet written (at most ``max_batches`` of them); return their numbers.

    Each batch commits on its own, so an interrupted run keeps what it finished and the next run continues.
    ``resume``: refuse unless some batch of the run was written before."""
    if plan.count < 1 or plan.batch_size < 1:
        raise SynthRefused("Số hồ sơ và cỡ lô phải dương. / The count and the batch size must be positive.")
    world = synth_world(plan)
    done = synth_batches_done(plan)
    if resume and not done:
        raise SynthRefused(f"Chưa có lần chạy {plan.run_id} để tiếp tục. / No run {plan.run_id} to resume.")
    todo = [k for k in range(plan.batches) if k not in done][:max_batches]
    started = time.monotonic()
    dossiers = rows = 0
    left = sum(min(plan.batch_size, plan.count - k * plan.batch_size) for k in todo)
    for k in todo:
        rows += synth_batch_write(world=world, plan=plan, batch=k)
        size = min(plan.batch_size, plan.count - k * plan.batch_size)
        dossiers, left = dossiers + size, left - size
        if progress is not None:
            progress(SynthProgress(k + 1, plan.batches, dossiers, left, rows, time.monotonic() - started))
    return todo
