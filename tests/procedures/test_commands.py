"""``import_procedures`` and ``export_procedures`` as an operator runs them."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.procedures.demo import DEMO_PROCEDURES
from motcua.procedures.exchange import read_tables
from motcua.procedures.models import Procedure
from tests.factories import ProcedureSpecFactory

from .conftest import set_cell, sheets_of, xlsx_of

pytestmark = pytest.mark.django_db


def _run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def workbook(tmp_path):
    path = tmp_path / "catalogue.xlsx"
    path.write_bytes(xlsx_of(sheets_of(ProcedureSpecFactory(national_code="1.001193"))))
    return path


def test_import_prints_a_summary_and_publishes(workbook):
    out, err = _run("import_procedures", str(workbook))
    assert "thủ tục mới / procedures created: 1" in out
    assert "1.001193: created" in out
    assert err == ""
    assert Procedure.objects.get(national_code="1.001193").current_version is not None


def test_a_dry_run_says_so_and_writes_nothing(workbook):
    out, _err = _run("import_procedures", str(workbook), "--dry-run")
    assert out.startswith("Kiểm tra thử, không ghi dữ liệu / Dry run, nothing written")
    assert not Procedure.objects.exists()


def test_no_publish_leaves_a_draft(workbook):
    _run("import_procedures", str(workbook), "--no-publish")
    assert Procedure.objects.get(national_code="1.001193").current_version is None


def test_a_rejected_file_prints_every_error_as_sheet_row_column_and_fails(tmp_path):
    sheets = sheets_of(ProcedureSpecFactory(national_code="1.001193"))
    set_cell(sheets, "procedures", 2, "levels", "district")
    set_cell(sheets, "fees", 2, "amount", "free")
    path = tmp_path / "bad.xlsx"
    path.write_bytes(xlsx_of(sheets))
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_procedures", str(path), stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines] == ["procedures/2/levels", "fees/2/amount"]
    assert all(" / " in line for line in lines)
    assert "2" in str(caught.value)
    assert not Procedure.objects.exists()


def test_an_unreadable_path_fails_with_a_bilingual_message(tmp_path):
    with pytest.raises(CommandError, match="Cannot read the file"):
        call_command("import_procedures", str(tmp_path / "missing.xlsx"))


@pytest.mark.parametrize(
    ("name", "written"), [("out.xlsx", "out.xlsx"), ("out.zip", "out.zip"), ("out.csv", "out.zip")]
)
def test_export_chooses_the_format_by_extension(tmp_path, workbook, name, written):
    _run("import_procedures", str(workbook))
    out, _err = _run("export_procedures", str(tmp_path / name))
    path = tmp_path / written
    assert f"Wrote 1 procedures to {path}" in out
    tables = read_tables(path.read_bytes())
    assert [values["national_code"] for _n, values in tables["procedures"].rows] == ["1.001193"]
    if written.endswith(".zip"):
        assert "procedures.csv" in zipfile.ZipFile(path).namelist()


def test_export_refuses_an_unknown_extension(tmp_path):
    with pytest.raises(CommandError, match=r"use \.xlsx or \.zip"):
        call_command("export_procedures", str(tmp_path / "out.pdf"))


def test_the_demo_workbook_is_written_without_a_database_and_imports_back(tmp_path):
    path = tmp_path / "demo.xlsx"
    _run("export_procedures", str(path), "--demo")
    assert not Procedure.objects.exists()
    out, _err = _run("import_procedures", str(path))
    assert f"thủ tục mới / procedures created: {len(DEMO_PROCEDURES)}" in out
