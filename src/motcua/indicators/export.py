"""One row per dossier, streamed to CSV or Parquet (docs/indicators.md, "Export").

The rows are :func:`.facts.fact_rows` — the very facts the indicators count — read with a server-side cursor in
chunks (``QuerySet.iterator(chunk_size=…)``) and written chunk by chunk: a CSV row at a time, a Parquet row group
per chunk through pyarrow's ``ParquetWriter``. Memory holds one chunk, whatever the number of dossiers. Times are
ISO 8601 with their offset in Vietnam's time zone (``2026-05-04T09:00:00+07:00``) in CSV, and timestamps with the
time zone in Parquet.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from django.db.models import Q

from motcua.core.localtime import LOCAL_TIME_ZONE, LOCAL_TIME_ZONE_NAME

from . import errors
from .facts import FACT_COLUMNS, SOURCE_OF_COLUMN, TIME_COLUMNS, fact_rows
from .periods import Period

_BOOLEAN = ("on_time", "digitized", "reused", "fee_bearing", "paid_online", "decided_with_document",
            "electronic_result", "complaint", "synced")  # fmt: skip
_TIME = pa.timestamp("us", tz=LOCAL_TIME_ZONE_NAME)
SCHEMA = pa.schema(
    [
        (c, _TIME if c in TIME_COLUMNS else pa.bool_() if c in _BOOLEAN else pa.int32() if c == "supplement_requests"
         else pa.string())
        for c in FACT_COLUMNS
    ]
)  # fmt: skip


@dataclass(frozen=True)
class Exported:
    path: Path
    rows: int


def _chunks(where: Q, period: Period | None, size: int) -> Iterator[list[dict[str, Any]]]:
    rows = fact_rows().filter(where)
    if period is not None:
        rows = rows.filter(received_at__gte=period.start, received_at__lt=period.end)
    chunk: list[dict[str, Any]] = []
    for row in rows.iterator(chunk_size=size):
        chunk.append({column: row[SOURCE_OF_COLUMN.get(column, column)] for column in FACT_COLUMNS})
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _local(value: datetime | None) -> datetime | None:
    return None if value is None else value.astimezone(LOCAL_TIME_ZONE)


def _csv_value(column: str, value: Any) -> Any:
    if column in TIME_COLUMNS:
        return "" if value is None else _local(value).isoformat()  # type: ignore[union-attr]
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def dossiers_export(
    *, path: Path, where: Q | None = None, period: Period | None = None, chunk_size: int = 5000,
    progress: Callable[[int], None] | None = None,
) -> Exported:  # fmt: skip
    """Write the facts of the dossiers matching ``where`` (received in ``period``, when given) to ``path``,
    CSV or Parquet by its suffix; ``progress`` is told the rows written after each chunk."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise errors.export_format_unknown(path=str(path))
    size = max(100, min(chunk_size, 1_000_000))
    chunks = _chunks(where or Q(), period, size)
    written = 0
    if suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(FACT_COLUMNS)
            for chunk in chunks:
                writer.writerows([_csv_value(c, row[c]) for c in FACT_COLUMNS] for row in chunk)
                written += len(chunk)
                if progress:
                    progress(written)
        return Exported(path, written)
    with pq.ParquetWriter(str(path), SCHEMA, compression="zstd") as parquet:
        for chunk in chunks:
            columns = {c: [_local(r[c]) if c in TIME_COLUMNS else r[c] for r in chunk] for c in FACT_COLUMNS}
            parquet.write_table(pa.Table.from_pydict(columns, schema=SCHEMA))
            written += len(chunk)
            if progress:
                progress(written)
        if not written:
            parquet.write_table(SCHEMA.empty_table())
    return Exported(path, written)
