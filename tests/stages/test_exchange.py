"""The workbook: an export imports back to equal content; an import with errors lists them all and writes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from motcua.stages.errors import StagesImportRejected
from motcua.stages.exchange import catalogue_export_xlsx, catalogue_import_xlsx
from motcua.stages.models import CatalogueVersion, Stage, VersionStatus
from motcua.stages.selectors import catalogue_current
from motcua.stages.specs import specs_of

pytestmark = pytest.mark.django_db


def test_an_exported_version_imports_into_a_draft_with_equal_content():
    published = catalogue_current()
    draft = catalogue_import_xlsx(catalogue_export_xlsx(published))
    assert (draft.number, draft.status) == (2, VersionStatus.DRAFT)
    assert specs_of(draft) == specs_of(published)


def _spoiled() -> bytes:
    """The exported workbook with three mistakes: a performer that does not exist (stages row 3), a step
    order that is not a number (steps row 2), an event the dossier history never records (events row 2)."""
    workbook = load_workbook(io.BytesIO(catalogue_export_xlsx(catalogue_current())))
    stages, steps, events = workbook["stages"], workbook["steps"], workbook["events"]
    column = {cell.value: cell.column for cell in stages[1]}
    stages.cell(row=3, column=column["performer"], value="robot")
    steps.cell(row=2, column=[c.value for c in steps[1]].index("order") + 1, value="first")
    events.cell(row=2, column=[c.value for c in events[1]].index("name") + 1, value="receive_dossier")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_import_with_three_errors_reports_all_three_by_sheet_row_and_column_and_writes_nothing():
    before = (CatalogueVersion.objects.count(), Stage.objects.count())
    with pytest.raises(StagesImportRejected) as rejected:
        catalogue_import_xlsx(_spoiled())
    found = [(issue.sheet, issue.row, issue.column, issue.code) for issue in rejected.value.issues]
    assert found == [
        ("stages", 3, "performer", "stages_bad_choice"),
        ("steps", 2, "order", "stages_bad_number"),
        ("events", 2, "name", "stages_unknown_event"),
    ]
    assert all(issue.message_vi and issue.message_en for issue in rejected.value.issues)
    assert (CatalogueVersion.objects.count(), Stage.objects.count()) == before


def test_the_commands_export_and_import_a_workbook(tmp_path):
    path = tmp_path / "stages.xlsx"
    call_command("stages_export", str(path), version=1, stdout=io.StringIO())
    out = io.StringIO()
    call_command("stages_import", str(path), stdout=out)
    assert "v2" in out.getvalue() and CatalogueVersion.objects.get(number=2).status == VersionStatus.DRAFT
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_spoiled())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("stages_import", str(bad), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().count("\n") == 3 and "events/2/name" in err.getvalue()
    assert CatalogueVersion.objects.count() == 2


def test_a_file_that_is_no_workbook_is_rejected_with_one_issue():
    with pytest.raises(StagesImportRejected) as rejected:
        catalogue_import_xlsx(b"not a workbook")
    assert [issue.code for issue in rejected.value.issues] == ["stages_file_unreadable"]
