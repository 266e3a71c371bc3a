"""Creating, drafting, editing, publishing and retiring procedures through the services."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from motcua.audit.models import AuditEvent
from motcua.core.errors import ApplicationError
from motcua.procedures.errors import ProcedureSpecInvalid
from motcua.procedures.models import Field, Procedure, ProcedureVersion, VersionStatus
from motcua.procedures.selectors import procedure_get_published, procedure_search
from motcua.procedures.services import (
    field_rename,
    procedure_create,
    procedure_register,
    procedure_version_create_draft,
    procedure_version_publish,
    procedure_version_retire,
    procedure_version_update,
)
from motcua.procedures.specs import spec_from_version
from tests.factories import FieldFactory, ProcedureSpecFactory, UserFactory, published_procedure

pytestmark = pytest.mark.django_db


def test_a_procedure_is_created_from_plain_data_as_a_draft_with_its_parts_in_order(civil_status):
    spec = ProcedureSpecFactory(national_code="1.001193")
    version = procedure_create(spec=spec)
    assert version.number == 1
    assert version.status == VersionStatus.DRAFT
    assert [c.order for c in version.components.all()] == [1, 2]
    assert [s.name for s in version.steps.order_by("order")] == ["Tiếp nhận", "Giải quyết", "Ký"]
    assert spec_from_version(version) == spec
    assert version.procedure.search_text == "1.001193 dang ky khai sinh ho tich"
    assert list(procedure_search(query="khai sinh")) == []  # drafts are not public


def test_a_procedure_created_with_publish_is_found_at_once(civil_status):
    actor = UserFactory()
    version = procedure_create(spec=ProcedureSpecFactory(national_code="1.001193"), publish=True, actor=actor)
    assert version.status == VersionStatus.PUBLISHED
    assert procedure_get_published(national_code="1.001193").pk == version.pk
    actions = list(AuditEvent.objects.filter(actor_id=actor.pk).values_list("action", flat=True))
    assert actions == ["procedure.draft_created", "procedure.version_published"]


def test_creation_checks_every_rule_first_and_writes_nothing(civil_status):
    spec = ProcedureSpecFactory(national_code="1.1", levels=(), components=())
    with pytest.raises(ProcedureSpecInvalid) as caught:
        procedure_create(spec=spec)
    assert caught.value.code == "procedure_spec_invalid"
    assert [i.error.code for i in caught.value.issues] == [
        "procedure_code_invalid",
        "procedure_levels_empty",
        "procedure_without_components",
    ]
    assert "1.1" in caught.value.messages()["en"]
    assert not Procedure.objects.exists()


def test_creation_refuses_an_unknown_field_and_an_existing_code(civil_status):
    with pytest.raises(ApplicationError) as caught:
        procedure_create(spec=ProcedureSpecFactory(field_code="XX"))
    assert caught.value.code == "field_unknown"
    procedure_create(spec=ProcedureSpecFactory(national_code="1.000001"))
    with pytest.raises(ApplicationError) as caught:
        procedure_create(spec=ProcedureSpecFactory(national_code="1.000001"))
    assert caught.value.code == "procedure_exists"


def test_a_new_draft_copies_the_published_version_under_the_next_number():
    published = published_procedure()
    draft = procedure_version_create_draft(procedure=published.procedure)
    assert (draft.number, draft.status) == (published.number + 1, VersionStatus.DRAFT)
    assert spec_from_version(draft) == spec_from_version(published)
    assert draft.components.count() == 2 and draft.fees.count() == 1 and draft.steps.count() == 2


def test_a_procedure_has_at_most_one_draft():
    published = published_procedure()
    first = procedure_version_create_draft(procedure=published.procedure)
    with pytest.raises(ApplicationError) as caught:
        procedure_version_create_draft(procedure=published.procedure)
    assert caught.value.code == "procedure_has_draft"
    assert str(first.number) in caught.value.messages()["en"]


def test_a_draft_may_start_from_an_older_version_of_the_same_procedure_only():
    first = published_procedure()
    other = published_procedure()
    with pytest.raises(ApplicationError) as caught:
        procedure_version_create_draft(procedure=first.procedure, source=other)
    assert caught.value.code == "procedure_version_of_other_procedure"


def test_editing_a_draft_replaces_its_content_and_publishing_retires_the_old_version(civil_status):
    old = procedure_create(spec=ProcedureSpecFactory(national_code="1.001193"), publish=True)
    draft = procedure_version_create_draft(procedure=old.procedure)
    changed = dataclasses.replace(
        spec_from_version(draft), name="Đăng ký khai sinh (sửa đổi)", time_limit=Decimal(5), fees=()
    )
    procedure_version_update(version=draft, spec=changed)
    assert spec_from_version(ProcedureVersion.objects.get(pk=draft.pk)) == changed
    assert procedure_get_published(national_code="1.001193").pk == old.pk  # the draft is not public yet
    procedure_version_publish(version=draft)
    old.refresh_from_db()
    assert old.status == VersionStatus.RETIRED
    assert old.components.count() == 2  # kept intact for the dossiers received under it
    current = procedure_get_published(national_code="1.001193")
    assert (current.pk, current.procedure.name) == (draft.pk, "Đăng ký khai sinh (sửa đổi)")
    assert "sua doi" in current.procedure.search_text


def test_editing_a_draft_checks_the_rules_and_the_code(civil_status):
    draft = procedure_create(spec=ProcedureSpecFactory(national_code="1.001193"))
    with pytest.raises(ProcedureSpecInvalid):
        procedure_version_update(version=draft, spec=ProcedureSpecFactory(national_code="1.001193", levels=("x",)))
    with pytest.raises(ApplicationError) as caught:
        procedure_version_update(version=draft, spec=ProcedureSpecFactory(national_code="1.009999"))
    assert caught.value.code == "procedure_code_mismatch"


def test_editing_a_draft_may_move_the_procedure_to_another_field(civil_status):
    FieldFactory(code="CT", name="Chứng thực")
    draft = procedure_create(spec=ProcedureSpecFactory(national_code="1.001193"))
    procedure_version_update(version=draft, spec=ProcedureSpecFactory(national_code="1.001193", field_code="CT"))
    procedure = Procedure.objects.get(pk=draft.procedure_id)
    assert procedure.field.code == "CT"
    assert procedure.search_text.endswith("chung thuc")


def test_publishing_keeps_its_guards():
    published = published_procedure()
    with pytest.raises(ApplicationError) as caught:
        procedure_version_publish(version=published)
    assert caught.value.code == "procedure_version_not_draft"
    empty = procedure_version_create_draft(procedure=published.procedure)
    empty.components.all().delete()  # queryset delete: the draft may lose its components
    with pytest.raises(ApplicationError) as caught:
        procedure_version_publish(version=empty)
    assert caught.value.code == "procedure_version_without_components"


def test_publishing_refuses_a_draft_that_breaks_a_rule():
    published = published_procedure()
    draft = procedure_version_create_draft(procedure=published.procedure)
    ProcedureVersion.objects.filter(pk=draft.pk).update(time_limit=Decimal("1"))  # steps take 2.5 days
    with pytest.raises(ProcedureSpecInvalid) as caught:
        procedure_version_publish(version=draft)
    assert [i.error.code for i in caught.value.issues] == ["steps_exceed_time_limit"]
    assert ProcedureVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


def test_retiring_the_current_version_takes_the_procedure_out_of_the_catalogue():
    published = published_procedure()
    code = published.procedure.national_code
    retired = procedure_version_retire(version=published, actor=UserFactory())
    assert retired.status == VersionStatus.RETIRED
    assert Procedure.objects.get(national_code=code).current_version is None
    assert list(procedure_search(query=code)) == []
    with pytest.raises(ApplicationError) as caught:
        procedure_get_published(national_code=code)
    assert caught.value.code == "procedure_not_found"
    with pytest.raises(ApplicationError) as caught:
        procedure_version_retire(version=retired)
    assert caught.value.code == "procedure_version_not_published"
    assert AuditEvent.objects.filter(action="procedure.version_retired").count() == 1


def test_a_retired_procedure_comes_back_with_a_new_draft_of_its_last_content():
    published = published_procedure()
    procedure_version_retire(version=published)
    draft = procedure_version_create_draft(procedure=published.procedure)
    procedure_version_publish(version=draft)
    assert procedure_get_published(national_code=published.procedure.national_code).pk == draft.pk


def test_registering_a_procedure_opens_an_empty_draft(civil_status):
    version = procedure_register(national_code=" 2.000635 ", name="Cấp bản sao trích lục hộ tịch", field=civil_status)
    assert version.procedure.national_code == "2.000635"
    assert (version.number, version.status, version.components.count()) == (1, VersionStatus.DRAFT, 0)
    with pytest.raises(ProcedureSpecInvalid):
        procedure_register(national_code="2-000635", name="", field=civil_status)


def test_renaming_a_field_refreshes_the_search_text_of_its_procedures(civil_status):
    procedure_create(spec=ProcedureSpecFactory(national_code="1.001193"), publish=True)
    field_rename(field=Field.objects.get(code="HT"), name="Hộ tịch và quốc tịch")
    assert [p.national_code for p in procedure_search(query="quoc tich")] == ["1.001193"]
    assert AuditEvent.objects.filter(action="procedure.field_renamed").count() == 1
