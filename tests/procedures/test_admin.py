"""The catalogue admin: folded search, read-only published versions, actions that call the services."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from motcua.procedures.models import Field, Procedure, ProcedureVersion, VersionStatus
from motcua.procedures.services import procedure_version_create_draft
from tests.factories import FieldFactory, ProcedureFactory, published_procedure

pytestmark = pytest.mark.django_db

VERSIONS = reverse("admin:procedures_procedureversion_changelist")


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _act(client, action: str, *versions):
    return client.post(VERSIONS, {"action": action, "_selected_action": [v.pk for v in versions]}, follow=True)


def test_procedures_are_searched_without_accents_and_filtered_by_field(admin_client):
    field = FieldFactory(code="DD", name="Đất đai")
    published_procedure(procedure=ProcedureFactory(national_code="1.001193", name="Đăng ký khai sinh"))
    published_procedure(procedure=ProcedureFactory(national_code="1.012755", name="Cấp sổ đỏ", field=field))
    url = reverse("admin:procedures_procedure_changelist")
    found = admin_client.get(url, {"q": "dang ky khai sinh"}).context["cl"].result_list
    assert [p.national_code for p in found] == ["1.001193"]
    found = admin_client.get(url, {"q": "ĐẤT ĐAI"}).context["cl"].result_list
    assert [p.national_code for p in found] == ["1.012755"]
    found = admin_client.get(url, {"field__id__exact": field.pk}).context["cl"].result_list
    assert [p.national_code for p in found] == ["1.012755"]


def test_a_published_version_opens_read_only_with_its_inlines(admin_client):
    version = published_procedure()
    url = reverse("admin:procedures_procedureversion_change", args=[version.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert all(not inline.has_change_permission for inline in response.context["inline_admin_formsets"])
    assert all(not inline.has_add_permission for inline in response.context["inline_admin_formsets"])
    assert admin_client.post(url, {"name": "Đổi tên"}).status_code == 403
    assert ProcedureVersion.objects.get(pk=version.pk).name == version.name


def test_a_draft_opens_editable_with_its_inlines(admin_client):
    draft = procedure_version_create_draft(procedure=published_procedure().procedure)
    response = admin_client.get(reverse("admin:procedures_procedureversion_change", args=[draft.pk]))
    assert response.context["has_change_permission"] is True
    assert all(inline.has_change_permission for inline in response.context["inline_admin_formsets"])


def test_the_publish_action_publishes_a_draft(admin_client):
    draft = procedure_version_create_draft(procedure=published_procedure().procedure)
    messages = _messages(_act(admin_client, "publish", draft))
    assert ProcedureVersion.objects.get(pk=draft.pk).status == VersionStatus.PUBLISHED
    assert messages == [f"{draft} đã được công bố."]  # the admin speaks Vietnamese by default


def test_the_publish_action_shows_a_refusal_in_vietnamese_and_english(admin_client):
    draft = procedure_version_create_draft(procedure=published_procedure().procedure)
    ProcedureVersion.objects.filter(pk=draft.pk).update(time_limit=Decimal("1"))
    messages = _messages(_act(admin_client, "publish", draft))
    assert len(messages) == 1
    vi, en = messages[0].split(" / ")
    assert vi.startswith(f"Thủ tục {draft.procedure.national_code} vi phạm 1 quy tắc")
    assert en.startswith(f"Procedure {draft.procedure.national_code} breaks 1 rule(s)")
    assert "vượt thời hạn" in vi and "more than the time limit" in en
    assert ProcedureVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


def test_new_draft_from_a_version_copies_that_version(admin_client):
    version = published_procedure()
    _act(admin_client, "new_draft", version)
    draft = ProcedureVersion.objects.get(procedure=version.procedure, status=VersionStatus.DRAFT)
    assert (draft.number, draft.components.count()) == (version.number + 1, 2)


def test_bulk_delete_is_not_offered_for_versions(admin_client):
    published_procedure()
    actions = admin_client.get(VERSIONS).context["action_form"].fields["action"].choices
    assert {name for name, _label in actions} == {"", "publish", "new_draft", "retire"}


def test_adding_a_procedure_registers_it_with_an_empty_draft(admin_client):
    field = FieldFactory(code="HT", name="Hộ tịch")
    response = admin_client.post(
        reverse("admin:procedures_procedure_add"),
        {
            "national_code": "2.000635",
            "name": "Cấp bản sao trích lục hộ tịch",
            "field": field.pk,
            "versions-TOTAL_FORMS": 0,
            "versions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    procedure = Procedure.objects.get(national_code="2.000635")
    assert procedure.search_text == "2.000635 cap ban sao trich luc ho tich ho tich"
    assert procedure.versions.get().status == VersionStatus.DRAFT


def test_adding_a_procedure_with_a_malformed_code_shows_the_rule(admin_client):
    field = FieldFactory(code="HT", name="Hộ tịch")
    response = admin_client.post(
        reverse("admin:procedures_procedure_add"),
        {
            "national_code": "2-000635",
            "name": "x",
            "field": field.pk,
            "versions-TOTAL_FORMS": 0,
            "versions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["national_code"][0].startswith("“2-000635”")
    assert not Procedure.objects.exists()


def _inline_data(prefix: str, rows, fields: tuple[str, ...]) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows)}
    for index, row in enumerate(rows):
        data[f"{prefix}-{index}-id"] = row.pk
        data[f"{prefix}-{index}-version"] = row.version_id
        for name in fields:
            value = getattr(row, name)
            if isinstance(value, bool):
                if value:
                    data[f"{prefix}-{index}-{name}"] = "on"
            else:
                data[f"{prefix}-{index}-{name}"] = "" if value is None else value
    return data


def test_a_draft_is_edited_in_the_admin_with_levels_as_checkboxes(admin_client):
    draft = procedure_version_create_draft(procedure=published_procedure().procedure)
    data = {
        "name": "Đăng ký khai sinh (sửa)",
        "levels": ["province", "commune"],
        "competent_authority": draft.competent_authority,
        "time_limit": "5",
        "time_limit_unit": "working_days",
        "result_kind": draft.result_kind,
        "online_submission": "full",
        "postal_pickup": "on",
        "legal_basis": draft.legal_basis,
    }
    data |= _inline_data(
        "components", draft.components.all(), ("order", "name", "form", "quantity", "mandatory", "condition")
    )
    data |= _inline_data("fees", draft.fees.all(), ("order", "kind", "description", "amount", "exemptions"))
    data |= _inline_data("steps", draft.steps.all(), ("order", "name", "role", "unit", "duration", "parallel_group"))
    data["fees-0-amount"] = 12000
    response = admin_client.post(reverse("admin:procedures_procedureversion_change", args=[draft.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert (draft.name, draft.levels, draft.time_limit, draft.postal_return) == (
        "Đăng ký khai sinh (sửa)",
        ["province", "commune"],
        Decimal("5"),
        False,
    )
    assert draft.fees.get().amount == 12000


def test_the_draft_form_refuses_the_same_day_rule_with_calendar_days(admin_client):
    draft = procedure_version_create_draft(procedure=published_procedure().procedure)
    data = {
        "name": "x",
        "levels": ["commune"],
        "competent_authority": "x",
        "time_limit": "1",
        "time_limit_unit": "calendar_days",
        "same_day_cutoff": "on",
        "result_kind": "x",
        "online_submission": "none",
    }
    data |= {f"{p}-TOTAL_FORMS": 0 for p in ("components", "fees", "steps")}
    data |= {f"{p}-INITIAL_FORMS": 0 for p in ("components", "fees", "steps")}
    response = admin_client.post(reverse("admin:procedures_procedureversion_change", args=[draft.pk]), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["same_day_cutoff"] == [
        "Quy định trả kết quả trong ngày chỉ áp dụng cho thời hạn tính bằng ngày làm việc hoặc giờ làm việc."
    ]


def test_renaming_a_field_in_the_admin_refreshes_the_search_text(admin_client):
    version = published_procedure()
    field = version.procedure.field
    url = reverse("admin:procedures_field_change", args=[field.pk])
    response = admin_client.post(url, {"code": field.code, "name": "Quốc tịch"})
    assert response.status_code == 302
    assert Procedure.objects.get(pk=version.procedure_id).search_text.endswith("quoc tich")
    for name in ("field", "procedure", "procedureversion"):
        assert admin_client.get(reverse(f"admin:procedures_{name}_changelist")).status_code == 200


def test_moving_a_procedure_to_another_field_in_the_admin_refreshes_the_search_text(admin_client):
    version = published_procedure()
    other = FieldFactory(code="CT", name="Chứng thực")
    url = reverse("admin:procedures_procedure_change", args=[version.procedure_id])
    versions = {"versions-TOTAL_FORMS": 1, "versions-INITIAL_FORMS": 1, "versions-0-id": version.pk}
    response = admin_client.post(url, {"field": other.pk, **versions})
    assert response.status_code == 302
    procedure = Procedure.objects.get(pk=version.procedure_id)
    assert (procedure.field.code, procedure.search_text.endswith("chung thuc")) == ("CT", True)


def test_adding_a_field_in_the_admin_checks_its_code(admin_client):
    url = reverse("admin:procedures_field_add")
    assert admin_client.post(url, {"code": "hộ tịch", "name": "Hộ tịch"}).status_code == 200
    assert admin_client.post(url, {"code": "HT", "name": "Hộ tịch"}).status_code == 302
    assert Field.objects.get().code == "HT"
