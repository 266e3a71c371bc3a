"""The ``indicators`` and ``export_dossiers`` commands, and their agreement with DuckDB over the export
(docs/indicators.md, "Commands" and "Export")."""

from __future__ import annotations

import csv
import json
from io import StringIO

import duckdb
import pyarrow.parquet as pq
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from time_machine import travel

from motcua.indicators.facts import FACT_COLUMNS
from tests.dossiers.conftest import at

pytestmark = pytest.mark.django_db

ISSUE_COLUMNS = {
    "code", "procedure_code", "province_code", "commune_code", "agency_code", "channel", "received_at",
    "appointment_at", "finished_at", "returned_at", "status", "supplement_requests", "digitized", "reused",
    "paid_online", "electronic_result", "rating", "complaint",
}  # fmt: skip


def _indicators(*args: str) -> dict:
    out = StringIO()
    with travel(at("15/06/2026 08:00"), tick=False):
        call_command("indicators", *args, "--json", stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def test_the_json_lists_every_indicator_in_a_stable_shape(month):
    result = _indicators("--scope", "province:42", "--period", "2026-05")
    assert result["shape"] == 1
    assert result["scope"] == {"key": "province:42", "kind": "province", "code": "42", "name": "Hà Tĩnh"}
    assert result["period"] == {"key": "2026-05", "first_day": "2026-05-01", "last_day": "2026-05-31"}
    assert result["indicator_set"]["name"] == "766" and result["indicator_set"]["version"] == 1
    on_time = next(i for i in result["indicators"] if i["code"] == "766.on_time")
    assert {k: on_time[k] for k in ("numerator", "denominator", "rate", "weight", "points")} == {
        "numerator": 3, "denominator": 4, "rate": 0.75, "weight": 20.0, "points": 15.0,
    }  # fmt: skip
    # The ten of the dossiers and the queue, the petitions on time and the procedures offered online.
    assert len(result["indicators"]) == 12
    assert set(result["groups"]) == {"transparency", "progress", "online", "payment", "satisfaction", "digitization"}
    assert result["grade"] in {"Tốt", "Khá", "Trung bình", "Yếu kém"}


@pytest.mark.parametrize(
    ("scope", "period", "vi", "en"),
    [
        ("planet:1", "2026-05", "không phải là phạm vi", "is not a scope"),
        ("province:99", "2026-05", "Không có", "No province has the code"),
        ("province", "2026-05", "không phải là phạm vi", "is not a scope"),
        ("province:42\x00", "2026-05", "không phải là phạm vi", "is not a scope"),
        ("country", "2026-13", "không phải là kỳ", "is not a period"),
        ("country", "2026-Q5", "không phải là kỳ", "is not a period"),
        ("country", "May 2026", "không phải là kỳ", "is not a period"),
        ("country", "9" * 5000, "không phải là kỳ", "is not a period"),
    ],
)
def test_a_wrong_scope_or_period_is_a_clear_bilingual_error_with_exit_code_2(world, scope, period, vi, en):
    with pytest.raises(CommandError) as refused:
        call_command("indicators", "--scope", scope, "--period", period, stdout=StringIO(), stderr=StringIO())
    assert refused.value.returncode == 2
    assert en in str(refused.value)
    assert vi in str(refused.value)


def _export(tmp_path, name: str, *args: str):
    path = tmp_path / name
    err = StringIO()
    call_command("export_dossiers", str(path), *args, "--chunk-size", "100", stdout=StringIO(), stderr=err)
    assert "6 dossiers written" in err.getvalue()  # progress on stderr
    return path


def test_the_csv_export_has_one_row_per_dossier_with_times_and_their_offset(month, tmp_path):
    path = _export(tmp_path, "may.csv", "--period", "2026-05")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert set(rows[0]) >= ISSUE_COLUMNS
    assert len(rows) == 6
    row = next(r for r in rows if r["code"] == month.a.code)
    assert row["received_at"] == "2026-05-04T09:00:00+07:00"
    assert row["finished_at"] == "2026-05-06T10:00:00+07:00"
    assert (row["on_time"], row["digitized"], row["rating"], row["province_code"]) == (
        "true",
        "true",
        "satisfied",
        "42",
    )


def test_the_parquet_export_keeps_the_columns_and_the_time_zone(month, tmp_path):
    path = _export(tmp_path, "all.parquet")
    table = pq.read_table(path)
    assert table.column_names == list(FACT_COLUMNS)
    assert table.num_rows == 6
    assert str(table.schema.field("received_at").type.tz) == "Asia/Ho_Chi_Minh"


def test_an_unknown_export_format_is_refused_with_exit_code_2(world, tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("export_dossiers", str(tmp_path / "x.xlsx"), stdout=StringIO(), stderr=StringIO())
    assert refused.value.returncode == 2 and ".parquet" in str(refused.value)


# Written by hand from docs/indicators.md, over the export alone: the command must agree.
DUCKDB_MAY = """
WITH facts AS (SELECT * FROM read_parquet(?)),
received AS (
    SELECT * FROM facts
    WHERE received_at >= TIMESTAMPTZ '2026-05-01 00:00:00+07' AND received_at < TIMESTAMPTZ '2026-06-01 00:00:00+07'
),
finished AS (
    SELECT * FROM facts
    WHERE finished_at >= TIMESTAMPTZ '2026-05-01 00:00:00+07' AND finished_at < TIMESTAMPTZ '2026-06-01 00:00:00+07'
      AND on_time IS NOT NULL
)
SELECT
    (SELECT count(*) FILTER (WHERE on_time) / count(*) FROM finished) AS on_time,
    (SELECT count(*) FILTER (WHERE channel = 'online') / count(*) FROM received) AS online_rate,
    (SELECT count(*) FILTER (WHERE reused) / count(*) FROM received) AS reuse,
    (SELECT count(*) FILTER (WHERE digitized) / count(*) FROM received) AS digitized,
    (SELECT count(*) FILTER (WHERE paid_online) / nullif(count(*), 0) FROM received WHERE fee_bearing) AS paid_online,
    (SELECT 1 - (count(*) FILTER (WHERE NOT on_time)
                 + count(*) FILTER (WHERE complaint OR rating = 'dissatisfied')) / count(*) FROM finished)
        AS satisfaction,
    (SELECT count(*) FILTER (WHERE synced) / count(*) FROM received) AS synced
"""


def test_the_indicators_command_and_duckdb_over_the_export_agree(month, tmp_path):
    path = _export(tmp_path, "all.parquet")
    row = duckdb.connect().execute(DUCKDB_MAY, [str(path)]).fetchone()
    by_duckdb = dict(zip(["on_time", "online_rate", "reuse", "digitized", "paid_online", "satisfaction", "synced"],
                         row, strict=True))  # fmt: skip
    rates = {i["code"]: i["rate"] for i in _indicators("--scope", "country", "--period", "2026-05")["indicators"]}
    for name, value in by_duckdb.items():
        assert rates[f"766.{name}"] == pytest.approx(value, abs=1e-6), name
    assert by_duckdb["on_time"] == pytest.approx(0.75)


def test_the_command_ranks_provinces_and_refuses_a_ranking_without_its_scope(month, second_province):
    from motcua.dossiers.models import Dossier

    Dossier.objects.filter(pk__in=[month.b.pk, month.c.pk]).update(receiving_point=second_province)
    ranking = _indicators("--scope", "country", "--period", "2026-05", "--rank", "provinces")
    assert [row["rank"] for row in ranking] == [1, 2]
    assert {row["scope"]["code"] for row in ranking} == {"40", "42"}
    assert ranking[0]["total"] >= ranking[1]["total"]
    with pytest.raises(CommandError) as refused:
        call_command(
            "indicators", "--scope", "country", "--period", "2026-05", "--rank", "communes",
            stdout=StringIO(), stderr=StringIO(),
        )  # fmt: skip
    assert refused.value.returncode == 2 and "within a province" in str(refused.value)
