"""Bad input gets a clear error and loses nothing; nobody else opens, changes or submits my submission, nor reuses
somebody else's document; a clerk of another point does not see it."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.submissions.lifecycle import SubmissionStatus
from tests.factories import citizen_account

from .conftest import APPLICANT_DATA, fill, start, step_url, stored_document


def test_a_file_that_is_not_a_pdf_or_image_is_refused_and_saved_papers_stay(citizen, online):
    submission = start(citizen, online)
    fill(citizen, online, submission)
    declaration = online.version.components.get(order=1)
    text = SimpleUploadedFile("to-khai.pdf", b"just some text, not a PDF", content_type="application/pdf")
    response = citizen.post(step_url(submission, "giay-to"), {f"file_{declaration.pk}": text})
    assert response.status_code == 200
    page = response.content.decode()
    assert "to-khai.pdf" in page  # the error names the file
    assert submission.papers.filter(component=declaration).count() == 1  # the saved paper is still there


def test_nul_bytes_and_huge_numbers_get_a_clear_error(citizen, online):
    submission = start(citizen, online)
    fill(citizen, online, submission)
    nul = citizen.post(step_url(submission, "nguoi-nop"), {**APPLICANT_DATA, "applicant_name": "An\x00"})
    assert nul.status_code == 400
    huge = citizen.post(step_url(submission, "thu-tuc"), {"receiving_point": "9" * 40})
    assert huge.status_code == 200
    huge_units = citizen.post(step_url(submission, "ket-qua"), {"return_method": "post", "return_commune": "9" * 30})
    assert huge_units.status_code == 200
    submission.refresh_from_db()
    assert submission.receiving_point == online.office and submission.form_data["applicant_name"] == "Nguyễn Văn An"
    assert submission.return_method == "counter"


def test_another_citizen_cannot_open_change_or_submit_my_submission(citizen, client, online):
    submission = start(citizen, online)
    fill(citizen, online, submission)
    paper = submission.papers.first()
    other = citizen_account(owner_number="042195001111", full_name="Nguyễn Thị Hạnh")
    client.force_login(other.user)
    assert client.get(reverse("submissions:detail", args=[submission.reference])).status_code == 404
    assert client.get(step_url(submission, "nguoi-nop")).status_code == 404
    assert client.post(step_url(submission, "nguoi-nop"), APPLICANT_DATA).status_code == 404
    assert client.post(reverse("submissions:submit", args=[submission.reference])).status_code == 404
    assert client.get(reverse("submissions:paper", args=[submission.reference, paper.pk])).status_code == 404
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DRAFT


def test_someone_elses_document_cannot_be_reused(citizen, online, document):
    theirs = stored_document("042195001111", title="Giấy ủy quyền của người khác")
    submission = start(citizen, online)
    from motcua.core.errors import ApplicationError
    from motcua.submissions.services import submission_paper_reuse

    component = online.version.components.get(order=2)
    try:
        submission_paper_reuse(submission=submission, component_id=component.pk, document_uid=str(theirs.uid))
    except ApplicationError as error:
        assert error.code == "submission_document_not_found"
    else:
        raise AssertionError("another person's document was reused")
    response = citizen.post(step_url(submission, "giay-to"), {f"reuse_{component.pk}": str(theirs.uid)})
    assert response.status_code == 200  # not one of the choices offered: the form says so
    assert "form-field__error" in response.content.decode()
    assert not submission.papers.exists()


def test_an_expired_document_is_refused(citizen, online, account):
    expired = stored_document(account.owner_number, title="Hết hạn", valid_until=date.today() - timedelta(days=1))
    submission = start(citizen, online)
    from motcua.core.errors import ApplicationError
    from motcua.submissions.services import submission_paper_reuse

    try:
        submission_paper_reuse(
            submission=submission, component_id=online.version.components.get(order=2).pk, document_uid=str(expired.uid)
        )
    except ApplicationError as error:
        assert error.code == "submission_document_expired"
    else:
        raise AssertionError("an expired document was reused")


def test_a_clerk_of_another_point_does_not_see_it(citizen, client, online):
    submission = start(citizen, online)
    fill(citizen, online, submission)
    citizen.post(reverse("submissions:submit", args=[submission.reference]))
    client.force_login(online.other_clerk)
    assert submission.reference not in client.get(reverse("submissions:inbox")).content.decode()
    assert client.get(reverse("submissions:inbox_detail", args=[submission.reference])).status_code == 404
    response = client.post(
        reverse("submissions:inbox_decide", args=[submission.reference, "accept"]), {"lead_agency": online.committee.pk}
    )
    assert response.status_code == 404


def test_two_clerks_deciding_one_after_the_other_the_second_is_told(citizen, client, online):
    submission = start(citizen, online)
    fill(citizen, online, submission)
    citizen.post(reverse("submissions:submit", args=[submission.reference]))
    client.force_login(online.clerk)
    client.post(
        reverse("submissions:inbox_decide", args=[submission.reference, "refuse"]),
        {"lead_agency": online.committee.pk, "reasons": "Sai thủ tục"},
    )
    client.force_login(online.onestop)  # a one-stop supervisor of... another unit: not the point's operator
    from motcua.core.errors import ApplicationError
    from motcua.submissions.services import submission_accept

    try:
        submission_accept(submission=submission, actor=online.clerk, lead_agency_id=online.committee.pk)
    except ApplicationError as error:
        assert error.code == "submission_not_waiting" and error.status == 409
    else:
        raise AssertionError("a refused submission was accepted")
