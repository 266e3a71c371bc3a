"""The e-form a procedure version declares: checked when saved, part of the version (copied into a new draft, frozen
once published), carried by the catalogue workbook as one JSON column, and declared by demo procedures."""

from __future__ import annotations

import dataclasses
import json

import pytest

from motcua.core.errors import ApplicationError
from motcua.procedures.demo import DEMO_PROCEDURES
from motcua.procedures.eform import version_eform_fields
from motcua.procedures.errors import ProcedureSpecInvalid
from motcua.procedures.exchange import ImportRejected, procedures_import_file
from motcua.procedures.models import ProcedureVersion
from motcua.procedures.selectors import procedure_get_published
from motcua.procedures.services import procedure_create, procedure_version_create_draft, procedure_version_update
from motcua.procedures.specs import EFormFieldSpec, eform_fields_from_json, spec_from_version
from motcua.procedures.validators import check_eform_fields
from tests.factories import ProcedureSpecFactory

from .conftest import set_cell, sheets_of, xlsx_of

pytestmark = pytest.mark.django_db

FIELDS = (
    EFormFieldSpec(key="child_name", label="Họ, chữ đệm, tên của trẻ", label_en="Child's full name", required=True),
    EFormFieldSpec(key="child_birth_date", label="Ngày sinh", type="date", required=True),
    EFormFieldSpec(key="child_sex", label="Giới tính", type="choice", options=(("nam", "Nam"), ("nu", "Nữ"))),
    EFormFieldSpec(key="copies", label="Số bản", type="number", min=1, max=10),
)


def _codes(fields: tuple[EFormFieldSpec, ...]) -> list[str]:
    return [issue.error.code for issue in check_eform_fields(fields)]


def test_a_good_declaration_breaks_no_rule():
    assert check_eform_fields(FIELDS) == []


@pytest.mark.parametrize(
    ("field", "code"),
    [
        (EFormFieldSpec(key="Child Name", label="x"), "eform_key_invalid"),
        (EFormFieldSpec(key="applicant_name", label="x"), "eform_key_reserved"),
        (EFormFieldSpec(key="child_name", label="x"), "eform_key_repeated"),
        (EFormFieldSpec(key="ok", label="x", type="signature"), "eform_type_unknown"),
        (EFormFieldSpec(key="ok", label="x", type="choice"), "eform_options_invalid"),
        (EFormFieldSpec(key="ok", label="x", type="choice", options=(("a", "A"), ("a", "B"))), "eform_options_invalid"),
        (EFormFieldSpec(key="ok", label="x", type="date", max_length=10), "eform_attribute_not_for_type"),
        (
            EFormFieldSpec(key="ok", label="x", type="text", options=(("a", "A"), ("b", "B"))),
            "eform_attribute_not_for_type",
        ),
        (EFormFieldSpec(key="ok", label="x", max_length=100_000), "eform_max_length_invalid"),
        (EFormFieldSpec(key="ok", label="x", type="number", min=5, max=1), "eform_bounds_invalid"),
        (EFormFieldSpec(key="ok", label="x", type="number", max=10**15), "eform_bounds_invalid"),
        (EFormFieldSpec(key="ok", label=""), "eform_label_missing"),
        (EFormFieldSpec(key="ok", label="x" * 201), "eform_text_invalid"),
    ],
)
def test_a_bad_field_definition_is_refused_with_a_bilingual_message(field, code):
    issues = check_eform_fields((FIELDS[0], field))
    assert [issue.error.code for issue in issues] == [code]
    issue = issues[0]
    assert issue.field == "eform_fields"
    messages = issue.error.messages()
    assert "2" in messages["en"] and messages["vi"] != messages["en"]


def test_too_many_fields_are_refused():
    fields = tuple(EFormFieldSpec(key=f"f{i}", label=f"Ô {i}") for i in range(41))
    assert _codes(fields) == ["eform_too_many_fields"]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"key": "a"}, "eform_not_a_list"),
        (["a"], "eform_field_not_an_object"),
        ([{"key": "a", "label": "A", "colour": "red"}], "eform_attribute_unknown"),
        ([{"key": "a"}], "eform_attribute_missing"),
        ([{"key": "a", "label": "A", "required": "yes"}], "eform_attribute_wrong_kind"),
        ([{"key": "a", "label": "A", "type": "number", "max": "10"}], "eform_attribute_wrong_kind"),
        ([{"key": "a", "label": "A", "type": "choice", "options": [[1, 2]]}], "eform_attribute_wrong_kind"),
    ],
)
def test_a_declaration_of_the_wrong_shape_is_refused(data, code):
    with pytest.raises(ApplicationError) as caught:
        eform_fields_from_json(data)
    assert caught.value.code == code


def test_the_services_refuse_a_bad_declaration_and_write_nothing(civil_status):
    spec = ProcedureSpecFactory(national_code="1.001193", eform_fields=(FIELDS[0], FIELDS[0]))
    with pytest.raises(ProcedureSpecInvalid) as caught:
        procedure_create(spec=spec)
    assert [issue.error.code for issue in caught.value.issues] == ["eform_key_repeated"]
    assert not ProcedureVersion.objects.exists()


def test_fields_belong_to_the_version_copied_into_a_new_draft_and_frozen_once_published(civil_status):
    published = procedure_create(spec=ProcedureSpecFactory(national_code="1.001193", eform_fields=FIELDS), publish=True)
    assert version_eform_fields(published) == FIELDS
    # Frozen: a published version's fields cannot be changed.
    published.eform_fields = []
    with pytest.raises(ApplicationError) as caught:
        published.save()
    assert caught.value.code == "procedure_version_immutable"
    assert version_eform_fields(ProcedureVersion.objects.get(pk=published.pk)) == FIELDS
    # Copied: the next draft starts from them, and changing them there leaves the published version alone.
    draft = procedure_version_create_draft(procedure=published.procedure)
    assert version_eform_fields(draft) == FIELDS
    changed = dataclasses.replace(spec_from_version(draft), eform_fields=FIELDS[:1])
    procedure_version_update(version=draft, spec=changed)
    assert version_eform_fields(ProcedureVersion.objects.get(pk=draft.pk)) == FIELDS[:1]
    assert version_eform_fields(ProcedureVersion.objects.get(pk=published.pk)) == FIELDS


def test_the_workbook_carries_the_fields_as_one_json_column_and_refuses_a_bad_one(civil_status):
    spec = ProcedureSpecFactory(national_code="1.001193", eform_fields=FIELDS)
    sheets = sheets_of(spec)
    cell = sheets["procedures"][1][sheets["procedures"][0].index("eform_fields")]
    assert json.loads(cell)[0] == {
        "key": "child_name",
        "label": "Họ, chữ đệm, tên của trẻ",
        "type": "text",
        "required": True,
        "label_en": "Child's full name",
    }
    procedures_import_file(data=xlsx_of(sheets), source="test.xlsx")
    assert spec_from_version(procedure_get_published(national_code="1.001193")) == spec

    set_cell(sheets, "procedures", 2, "eform_fields", '[{"key": "a", "label": "A", "type": "signature"}')
    with pytest.raises(ImportRejected) as caught:
        procedures_import_file(data=xlsx_of(sheets), source="again.xlsx")
    assert [(i.sheet, i.row, i.column, i.code) for i in caught.value.issues] == [
        ("procedures", 2, "eform_fields", "eform_not_json")
    ]
    set_cell(sheets, "procedures", 2, "eform_fields", '[{"key": "a", "label": "A", "type": "signature"}]')
    with pytest.raises(ImportRejected) as caught:
        procedures_import_file(data=xlsx_of(sheets), source="again.xlsx")
    assert [i.code for i in caught.value.issues] == ["eform_type_unknown"]


def test_demo_procedures_declare_their_e_form():
    declared = {spec.national_code: spec.eform_fields for spec in DEMO_PROCEDURES if spec.eform_fields}
    assert set(declared) >= {"1.001193", "1.004873", "1.004859"}
    birth = {field.key: field for field in declared["1.001193"]}
    assert {"child_name", "child_birth_date", "child_sex", "birth_place", "mother_name", "father_name"} <= set(birth)
    assert birth["child_birth_date"].type == "date" and birth["child_sex"].type == "choice"
    for fields in declared.values():
        assert check_eform_fields(fields) == []
