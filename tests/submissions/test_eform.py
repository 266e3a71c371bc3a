"""The e-form step with the fields the procedure version declares: asked after the applicant's block, bad values
refused beside their field, good ones kept, checked again at submit and at accept, shown with their labels to the
clerk and on the desk's dossier page. A version that declares none keeps the free-text request."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from motcua.procedures.eform import version_eform_fields
from motcua.procedures.models import ProcedureVersion
from motcua.submissions.eform import ApplicantForm
from motcua.submissions.lifecycle import SubmissionStatus
from motcua.submissions.panels import dossier_submission_panel
from motcua.submissions.services import submission_problems

from .conftest import APPLICANT, APPLICANT_DATA, pdf_upload, start, step_url

DECLARED = [
    {
        "key": "child_name",
        "label": "Họ, chữ đệm, tên của trẻ",
        "label_en": "Child's full name",
        "type": "text",
        "required": True,
        "max_length": 20,
    },
    {"key": "child_birth_date", "label": "Ngày sinh của trẻ", "type": "date", "required": True},
    {
        "key": "child_sex",
        "label": "Giới tính",
        "type": "choice",
        "required": True,
        "options": [["nam", "Nam"], ["nu", "Nữ"]],
    },
    {"key": "copies", "label": "Số bản sao", "type": "number", "min": 1, "max": 10},
    {"key": "at_hospital", "label": "Sinh tại cơ sở y tế", "type": "yes_no"},
]
GOOD = {
    "child_name": "Lê Minh Khang",
    "child_birth_date": "05/01/2026",
    "child_sex": "nu",
    "copies": "2",
    "at_hospital": "yes",
}


@pytest.fixture
def declaring(online):
    ProcedureVersion.objects.filter(pk=online.version.pk).update(eform_fields=DECLARED)
    online.version.refresh_from_db()
    return online


def _applicant(client, submission, **values):
    return client.post(step_url(submission, "nguoi-nop"), {**APPLICANT_DATA, **values})


def test_the_step_asks_for_the_declared_fields_instead_of_the_free_text_request(citizen, declaring):
    submission = start(citizen, declaring)
    page = citizen.get(step_url(submission, "nguoi-nop")).content.decode()
    assert 'name="child_name"' in page and "Họ, chữ đệm, tên của trẻ" in page
    assert 'name="child_birth_date"' in page and "dd/mm/yyyy" in page
    assert 'value="nu"' in page and 'name="request_content"' not in page
    with translation.override("en"):
        form = ApplicantForm(id_number=APPLICANT, declared_fields=version_eform_fields(declaring.version))
        assert form.fields["child_name"].label == "Child's full name"
        assert form.fields["child_sex"].label == "Giới tính"  # no English label declared: the Vietnamese one


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"child_birth_date": "31/02/2026"}, "child_birth_date"),
        ({"copies": "11"}, "copies"),
        ({"copies": "9" * 5000}, "copies"),
        ({"copies": "hai"}, "copies"),
        ({"child_sex": "khac"}, "child_sex"),
        ({"child_name": "x" * 21}, "child_name"),
        ({"child_name": ""}, "child_name"),
    ],
)
def test_bad_values_are_refused_beside_their_field_and_not_stored(citizen, declaring, values, field):
    submission = start(citizen, declaring)
    response = _applicant(citizen, submission, **{**GOOD, **values})
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [field]
    assert 'class="form-field__error"' in response.content.decode()
    submission.refresh_from_db()
    assert field not in submission.form_data
    # The other fields, valid, are kept.
    assert field == "child_sex" or submission.form_data["child_sex"] == "nu"


def test_a_nul_byte_is_refused_with_a_clear_error_and_nothing_is_stored(citizen, declaring):
    submission = start(citizen, declaring)
    response = _applicant(citizen, submission, **{**GOOD, "child_name": "Lê\x00Minh"})
    assert response.status_code == 400
    submission.refresh_from_db()
    assert "child_name" not in submission.form_data


def test_good_values_are_stored_under_their_keys_and_shown_again_after_a_reload(citizen, declaring):
    submission = start(citizen, declaring)
    assert _applicant(citizen, submission, **GOOD).status_code == 302
    submission.refresh_from_db()
    assert {k: submission.form_data[k] for k in GOOD} == {**GOOD, "child_birth_date": "2026-01-05"}
    page = citizen.get(step_url(submission, "nguoi-nop")).content.decode()
    assert 'value="Lê Minh Khang"' in page and 'value="05/01/2026"' in page
    assert '<option value="nu" selected>' in page


def _complete(client, online, submission):
    assert client.post(step_url(submission, "thu-tuc"), {"receiving_point": online.office.pk}).status_code == 302
    declaration = online.version.components.get(order=1)
    assert client.post(step_url(submission, "giay-to"), {f"file_{declaration.pk}": pdf_upload()}).status_code == 302
    assert client.post(step_url(submission, "ket-qua"), {"return_method": "counter"}).status_code == 302


def test_submit_and_accept_check_the_declared_fields_and_the_clerk_reads_them_with_their_labels(
    citizen, client, declaring
):
    submission = start(citizen, declaring)
    _complete(citizen, declaring, submission)
    # The applicant's block alone is not enough: the version's required fields are missing.
    assert _applicant(citizen, submission).status_code == 200
    submission.refresh_from_db()
    assert [p.code for p in submission_problems(submission)] == ["submission_form_incomplete"]
    citizen.post(reverse("submissions:submit", args=[submission.reference]))
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DRAFT

    assert _applicant(citizen, submission, **GOOD).status_code == 302
    review = citizen.get(step_url(submission, "xem-lai")).content.decode()
    assert "Ngày sinh của trẻ" in review and "05/01/2026" in review and "Nữ" in review
    citizen.post(reverse("submissions:submit", args=[submission.reference]))
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED

    client.force_login(declaring.clerk)
    detail = client.get(reverse("submissions:inbox_detail", args=[submission.reference])).content.decode()
    assert "Họ, chữ đệm, tên của trẻ" in detail and "Lê Minh Khang" in detail and "05/01/2026" in detail
    # A value changed behind the form's back is caught again at the acceptance.
    data = {**submission.form_data, "copies": "99"}
    type(submission).objects.filter(pk=submission.pk).update(form_data=data)
    response = client.post(
        reverse("submissions:inbox_decide", args=[submission.reference, "accept"]),
        {"lead_agency": declaring.committee.pk},
    )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED and submission.dossier is None
    assert response.status_code == 400
    assert "Số bản sao" in response.content.decode()

    type(submission).objects.filter(pk=submission.pk).update(form_data={**data, "copies": "2"})
    response = client.post(
        reverse("submissions:inbox_decide", args=[submission.reference, "accept"]),
        {"lead_agency": declaring.committee.pk},
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.ACCEPTED and submission.dossier is not None
    panel = dossier_submission_panel(None, submission.dossier)
    assert "Giới tính" in panel and "Nữ" in panel and "Sinh tại cơ sở y tế" in panel


def test_a_version_without_fields_keeps_the_free_text_request(citizen, online):
    submission = start(citizen, online)
    page = citizen.get(step_url(submission, "nguoi-nop")).content.decode()
    assert 'name="request_content"' in page and 'name="child_name"' not in page
    assert _applicant(citizen, submission, request_content="Xin cấp bản sao").status_code == 302
    submission.refresh_from_db()
    assert submission.form_data["request_content"] == "Xin cấp bản sao"
