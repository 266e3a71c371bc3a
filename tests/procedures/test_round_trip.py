"""Export → import into an empty catalogue → export gives the same data, in both formats."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook

from motcua.procedures.demo import DEMO_FIELDS, DEMO_PROCEDURES, demo_tables, procedures_load_demo
from motcua.procedures.exchange import (
    SHEETS,
    procedures_export_tables,
    procedures_import_file,
    procedures_published_specs,
    read_tables,
    tables_to_csv_zip,
    tables_to_xlsx,
)
from motcua.procedures.models import Component, Fee, Field, Procedure, ProcedureVersion, ProcessStep

pytestmark = pytest.mark.django_db


def procedures_export(*, fmt: str) -> bytes:
    """The published catalogue as the ``export_procedures`` command writes it: a workbook or a .zip of CSVs."""
    tables = procedures_export_tables()
    return tables_to_xlsx(tables) if fmt == "xlsx" else tables_to_csv_zip(tables)


def _empty_the_catalogue() -> None:
    # Test-only teardown: the model guards forbid deleting published versions one by one.
    Procedure.objects.update(current_version=None)
    for model in (Component, Fee, ProcessStep, ProcedureVersion, Procedure, Field):
        model.objects.all().delete()


def _data(tables) -> dict[str, list[dict]]:
    return {name: [values for _number, values in table.rows] for name, table in tables.items()}


@pytest.fixture
def demo_loaded():
    procedures_load_demo()


def test_an_xlsx_export_imports_into_an_empty_catalogue_and_exports_the_same_data(demo_loaded):
    first = procedures_export(fmt="xlsx")
    _empty_the_catalogue()
    summary = procedures_import_file(data=first, source="export.xlsx")
    assert summary.procedures_created == len(DEMO_PROCEDURES)
    second = procedures_export(fmt="xlsx")
    assert _data(read_tables(second)) == _data(read_tables(first))
    assert procedures_published_specs() == sorted(DEMO_PROCEDURES, key=lambda spec: spec.national_code)


def test_a_csv_archive_export_round_trips_byte_for_byte(demo_loaded):
    first = procedures_export(fmt="csv")
    _empty_the_catalogue()
    procedures_import_file(data=first, source="export.zip")
    assert procedures_export(fmt="csv") == first


def test_the_csv_archive_holds_four_utf8_files_with_a_bom_and_the_stable_headers(demo_loaded):
    with zipfile.ZipFile(io.BytesIO(procedures_export(fmt="csv"))) as archive:
        assert archive.namelist() == ["procedures.csv", "components.csv", "fees.csv", "steps.csv"]
        for name in archive.namelist():
            raw = archive.read(name)
            assert raw.startswith(b"\xef\xbb\xbf")
            header = raw.decode("utf-8-sig").splitlines()[0].split(",")
            assert header == [column.name for column in SHEETS[name.removesuffix(".csv")]]
        assert "Đăng ký khai sinh" in archive.read("procedures.csv").decode("utf-8-sig")


def test_the_workbook_explains_each_column_in_a_header_comment_and_a_guide_sheet(demo_loaded):
    workbook = load_workbook(io.BytesIO(procedures_export(fmt="xlsx")))
    assert workbook.sheetnames == ["procedures", "components", "fees", "steps", "guide"]
    header = workbook["procedures"]["A1"]
    assert header.value == "national_code"
    assert "1.001193" in header.comment.text
    assert workbook["procedures"].freeze_panes == "A2"
    assert workbook["guide"].max_row == 1 + sum(len(columns) for columns in SHEETS.values())


def test_the_example_workbook_of_the_demo_imports_into_an_empty_catalogue():
    data = tables_to_xlsx(demo_tables())
    summary = procedures_import_file(data=data, source="demo.xlsx")
    assert summary.procedures_created == len(DEMO_PROCEDURES) >= 40
    assert procedures_published_specs() == sorted(DEMO_PROCEDURES, key=lambda spec: spec.national_code)
    assert dict(Field.objects.values_list("code", "name")) == DEMO_FIELDS
