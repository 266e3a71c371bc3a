"""Importing a catalogue file: all or nothing, every error located, idempotent, versioned."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from motcua.audit.models import AuditEvent
from motcua.procedures.exchange import ImportRejected, procedures_import_file
from motcua.procedures.models import Field, Procedure, ProcedureVersion, VersionStatus
from motcua.procedures.selectors import procedure_get_published
from motcua.procedures.specs import spec_from_version
from tests.factories import FieldFactory, ProcedureSpecFactory

from .conftest import csv_zip_of, set_cell, sheets_of, xlsx_of

pytestmark = pytest.mark.django_db


def _import(data: bytes, **kwargs):
    return procedures_import_file(data=data, source="test.xlsx", **kwargs)


def _rejected(data: bytes, **kwargs) -> list[tuple]:
    with pytest.raises(ImportRejected) as caught:
        _import(data, **kwargs)
    assert caught.value.code == "procedures_import_rejected"
    return [issue.location for issue in caught.value.issues]


def _nothing_written() -> bool:
    return not (Procedure.objects.exists() or ProcedureVersion.objects.exists() or Field.objects.exists())


@pytest.fixture
def two_specs():
    return (
        ProcedureSpecFactory(national_code="1.001193", name="Đăng ký khai sinh"),
        ProcedureSpecFactory(national_code="1.001022", name="Đăng ký khai tử", same_day=True),
    )


def test_a_workbook_creates_its_fields_and_publishes_its_procedures(two_specs):
    summary = _import(xlsx_of(sheets_of(*two_specs)))
    assert summary.counts() == {
        "procedures": 2,
        "procedures_created": 2,
        "versions_created": 2,
        "versions_published": 2,
        "drafts_saved": 0,
        "unchanged": 0,
        "reclassified": 0,
        "fields_created": 1,
    }
    assert Field.objects.get(code="HT").name == "Hộ tịch"
    for spec in two_specs:
        assert spec_from_version(procedure_get_published(national_code=spec.national_code)) == spec
    event = AuditEvent.objects.get(action="procedure.imported")
    assert event.payload == {"source": "test.xlsx", "procedures_created": 2, "versions_created": 2}


def test_a_csv_archive_imports_like_a_workbook_even_with_semicolons_and_vietnamese_numbers(two_specs):
    sheets = sheets_of(*two_specs)
    set_cell(sheets, "fees", 2, "amount", "8.000")
    set_cell(sheets, "steps", 2, "duration", "0,5")
    set_cell(sheets, "procedures", 2, "postal_pickup", "Có")
    summary = _import(csv_zip_of(sheets, delimiter=";"))
    assert summary.procedures_created == 2
    version = procedure_get_published(national_code="1.001193")
    assert version.fees.get().amount == 8000
    assert version.steps.order_by("order").first().duration == Decimal("0.5")


def test_rows_of_parts_are_stored_in_the_order_column_not_the_row_order(two_specs):
    sheets = sheets_of(two_specs[0])
    _header, first, second = sheets["components"]
    first[1], second[1] = 2, 1
    _import(xlsx_of(sheets))
    version = procedure_get_published(national_code="1.001193")
    assert [c.name for c in version.components.order_by("order")] == [second[2], first[2]]


def test_every_error_of_the_file_is_reported_with_sheet_row_column_and_nothing_is_written(two_specs):
    third = ProcedureSpecFactory(national_code="1.004873", field_code="ZZ")
    sheets = sheets_of(*two_specs, third, field_names={"HT": "Hộ tịch"})
    sheets["procedures"].append(list(sheets["procedures"][1]))  # row 5 repeats 1.001193
    set_cell(sheets, "procedures", 2, "time_limit", "ba ngày")
    set_cell(sheets, "procedures", 3, "levels", "district")
    set_cell(sheets, "procedures", 3, "same_day_cutoff", "maybe")
    set_cell(sheets, "components", 3, "mandatory", False)
    set_cell(sheets, "components", 3, "condition", None)
    set_cell(sheets, "components", 4, "national_code", "9.999999")
    set_cell(sheets, "fees", 2, "amount", -5)
    set_cell(sheets, "fees", 3, "amount", "8000.5")
    set_cell(sheets, "steps", 3, "role", "mayor")
    set_cell(sheets, "steps", 4, "order", 2)
    assert _rejected(xlsx_of(sheets)) == [
        ("procedures", 2, "time_limit", "value_not_a_number"),
        ("procedures", 3, "levels", "procedure_level_unknown"),
        ("procedures", 3, "same_day_cutoff", "value_not_a_boolean"),
        ("procedures", 4, "field_code", "field_unknown"),
        ("procedures", 5, "national_code", "procedure_duplicate"),
        ("components", 3, "condition", "component_condition_missing"),
        ("components", 4, "national_code", "procedure_reference_unknown"),
        ("fees", 2, "amount", "fee_amount_negative"),
        ("fees", 3, "amount", "value_not_an_integer"),
        ("steps", 3, "role", "step_role_unknown"),
        ("steps", 4, "order", "order_duplicate"),
    ]
    assert _nothing_written()


def test_rules_across_rows_point_at_the_row_that_breaks_them(civil_status):
    spec = ProcedureSpecFactory(national_code="1.001193", time_limit=Decimal("2"))
    sheets = sheets_of(spec)
    set_cell(sheets, "steps", 3, "parallel_group", 1)
    assert _rejected(xlsx_of(sheets)) == [
        ("procedures", 2, "time_limit", "steps_exceed_time_limit"),
        ("steps", 3, "parallel_group", "parallel_group_single_step"),
    ]


def test_a_procedure_without_component_rows_is_refused(civil_status):
    sheets = sheets_of(ProcedureSpecFactory(national_code="1.001193"))
    sheets["components"] = sheets["components"][:1]
    assert _rejected(xlsx_of(sheets)) == [("procedures", 2, "national_code", "procedure_without_components")]


def test_each_error_is_told_in_vietnamese_and_in_english(civil_status):
    sheets = sheets_of(ProcedureSpecFactory(national_code="1.001193"))
    set_cell(sheets, "procedures", 2, "time_limit", -1)
    with pytest.raises(ImportRejected) as caught:
        _import(xlsx_of(sheets))
    issue = caught.value.issues[0]
    assert issue.message_en == "The time limit cannot be negative."
    assert issue.message_vi and issue.message_vi != issue.message_en
    assert caught.value.lines() == [f"procedures/2/time_limit: {issue.message_vi} / {issue.message_en}"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"national_code,name\n1.001193,x\n", [("", None, "", "file_not_recognised")]),
        (
            csv_zip_of({"readme": [["x"]]}).replace(b"readme.csv", b"readme.txt"),
            [("", None, "", "file_not_recognised")],
        ),
        (b"PK\x03\x04 broken", [("", None, "", "file_not_recognised")]),
    ],
)
def test_a_file_that_is_neither_a_workbook_nor_a_csv_archive_is_refused(data, expected):
    assert _rejected(data) == expected
    assert _nothing_written()


def test_missing_sheets_and_columns_are_named(two_specs):
    sheets = sheets_of(*two_specs)
    del sheets["steps"]
    header = sheets["procedures"][0]
    column = header.index("time_limit")
    sheets["procedures"] = [row[:column] + row[column + 1 :] for row in sheets["procedures"]]
    assert _rejected(xlsx_of(sheets)) == [
        ("procedures", 1, "time_limit", "column_missing"),
        ("steps", None, "", "sheet_missing"),
    ]


def test_optional_columns_may_be_left_out_and_take_their_defaults(civil_status):
    spec = ProcedureSpecFactory(national_code="1.001193")
    sheets = sheets_of(spec)
    optional = {"field_name", "same_day_cutoff", "postal_pickup", "postal_return", "note", "applicant_requirements"}
    keep = [i for i, name in enumerate(sheets["procedures"][0]) if name not in optional]
    sheets["procedures"] = [[row[i] for i in keep] for row in sheets["procedures"]]
    _import(xlsx_of(sheets))
    assert spec_from_version(procedure_get_published(national_code="1.001193")) == spec


def test_a_csv_file_that_is_not_utf8_is_refused_with_a_hint(two_specs):
    data = csv_zip_of(sheets_of(*two_specs), encoding="utf-16")
    assert _rejected(data) == [("", None, "", "csv_not_utf8")]


def test_a_field_whose_name_differs_from_the_catalogue_or_within_the_file_is_refused(two_specs):
    FieldFactory(code="HT", name="Hộ tịch – Quốc tịch")
    sheets = sheets_of(*two_specs)
    set_cell(sheets, "procedures", 3, "field_name", "Hộ tịch (khác)")
    assert _rejected(xlsx_of(sheets)) == [
        ("procedures", 2, "field_name", "field_name_mismatch"),
        ("procedures", 3, "field_name", "field_name_conflict"),
    ]


def test_reimporting_the_same_file_changes_nothing(two_specs):
    data = xlsx_of(sheets_of(*two_specs))
    _import(data)
    versions, events = ProcedureVersion.objects.count(), AuditEvent.objects.count()
    summary = _import(data)
    assert (summary.unchanged, summary.versions_created, summary.changed) == (2, 0, False)
    assert (ProcedureVersion.objects.count(), AuditEvent.objects.count()) == (versions, events)


def test_changed_content_becomes_a_new_published_version_and_the_old_one_is_retired(two_specs):
    _import(xlsx_of(sheets_of(*two_specs)))
    old = procedure_get_published(national_code="1.001193")
    changed = dataclasses.replace(two_specs[0], fees=(dataclasses.replace(two_specs[0].fees[0], amount=10000),))
    summary = _import(xlsx_of(sheets_of(changed, two_specs[1])))
    assert summary.outcomes == {"1.001193": "new_version", "1.001022": "unchanged"}
    assert (summary.versions_created, summary.versions_published) == (1, 1)
    current = procedure_get_published(national_code="1.001193")
    assert (current.number, current.fees.get().amount) == (old.number + 1, 10000)
    old.refresh_from_db()
    assert (old.status, old.fees.get().amount) == (VersionStatus.RETIRED, 8000)


def test_without_publishing_changes_wait_in_one_draft_that_a_later_import_publishes(two_specs):
    _import(xlsx_of(sheets_of(*two_specs)))
    changed = dataclasses.replace(two_specs[0], name="Đăng ký khai sinh (mới)")
    data = xlsx_of(sheets_of(changed, two_specs[1]))
    assert _import(data, publish=False).outcomes["1.001193"] == "draft_saved"
    assert _import(data, publish=False).outcomes["1.001193"] == "unchanged"
    assert procedure_get_published(national_code="1.001193").name == "Đăng ký khai sinh"
    summary = _import(data)
    assert (summary.versions_created, summary.versions_published) == (0, 1)
    assert procedure_get_published(national_code="1.001193").name == "Đăng ký khai sinh (mới)"
    assert ProcedureVersion.objects.filter(procedure__national_code="1.001193").count() == 2


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(two_specs):
    summary = _import(xlsx_of(sheets_of(*two_specs)), dry_run=True)
    assert (summary.dry_run, summary.procedures_created, summary.fields_created) == (True, 2, 1)
    assert _nothing_written()


def test_moving_a_procedure_to_another_field_needs_no_new_version(two_specs):
    _import(xlsx_of(sheets_of(*two_specs)))
    moved = dataclasses.replace(two_specs[0], field_code="CT")
    summary = _import(xlsx_of(sheets_of(moved, field_names={"CT": "Chứng thực"})))
    assert (summary.reclassified, summary.versions_created, summary.fields_created) == (1, 0, 1)
    assert Procedure.objects.get(national_code="1.001193").field.code == "CT"
