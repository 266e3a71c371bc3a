"""The whole online flow: a citizen files, the one-stop accepts (a dossier is registered), asks for a supplement,
or refuses; drafts survive; submitting twice submits once."""

from __future__ import annotations

from django.urls import reverse

from motcua.documents.models import DocumentUse, UseKind
from motcua.dossiers.lifecycle import Channel
from motcua.notifications.models import Notification
from motcua.submissions.lifecycle import SubmissionStatus
from motcua.submissions.models import OnlineSubmission

from .conftest import APPLICANT, fill, pdf_upload, start, step_url


def _submit(client, submission):
    return client.post(reverse("submissions:submit", args=[submission.reference]))


def test_citizen_files_online_and_the_clerk_accepts_with_a_reused_document_and_an_upload(
    citizen, client, online, document
):
    submission = start(citizen, online)
    fill(citizen, online, submission, document=document)
    review = citizen.get(step_url(submission, "xem-lai"))
    assert "Before submitting" not in review.content.decode() and "Trước khi nộp" not in review.content.decode()
    assert _submit(citizen, submission).status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED

    client.force_login(online.clerk)
    inbox = client.get(reverse("submissions:inbox"))
    assert submission.reference in inbox.content.decode()
    response = client.post(
        reverse("submissions:inbox_decide", args=[submission.reference, "accept"]),
        {"lead_agency": online.committee.pk},
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    dossier = submission.dossier
    assert submission.status == SubmissionStatus.ACCEPTED and dossier is not None
    assert dossier.channel == Channel.ONLINE
    assert dossier.applicant_id_number == APPLICANT
    assert dossier.fees_charged == 50000 and dossier.fees_paid == 0
    papers = {paper.name: paper for paper in dossier.components.all()}
    assert papers["Tờ khai"].digitized and papers["Tờ khai"].file
    assert papers["Giấy ủy quyền"].reused and papers["Giấy ủy quyền"].document_ref == str(document.uid)
    assert DocumentUse.objects.filter(document=document, dossier=dossier, kind=UseKind.REUSED).exists()
    sent = Notification.objects.filter(event="submission", subject_ref=submission.reference, recipient="an@example.vn")
    assert sent.count() == 1
    body = sent.get().body
    assert dossier.code in body and "/thanh-toan/" in body and "phieu-tiep-nhan.pdf" in body

    # The citizen reads the receipt (slip 01) and the payment link on their page.
    client.force_login(submission.owner.user)
    page = client.get(reverse("submissions:detail", args=[submission.reference])).content.decode()
    assert dossier.code in page and "/thanh-toan/" in page
    receipt = client.get(reverse("submissions:receipt", args=[submission.reference]))
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"

    # The desk's dossier page says where the dossier came from.
    from motcua.submissions.panels import dossier_submission_panel

    assert submission.reference in dossier_submission_panel(None, dossier)


def test_supplement_round_then_acceptance(citizen, client, online):
    submission = start(citizen, online)
    fill(citizen, online, submission)
    _submit(citizen, submission)
    client.force_login(online.clerk)
    response = client.post(
        reverse("submissions:inbox_decide", args=[submission.reference, "request_supplement"]),
        {"lead_agency": online.committee.pk, "items": "Bản sao sổ hộ khẩu\nẢnh 4x6", "reason": "Thiếu giấy tờ"},
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUPPLEMENT_REQUESTED
    event = submission.events.get(action="request_supplement")
    assert event.payload["items"] == ["Bản sao sổ hộ khẩu", "Ảnh 4x6"]
    assert Notification.objects.filter(event="submission", subject_ref=submission.reference).exists()
    slip = client.get(reverse("submissions:inbox_slip", args=[submission.reference, event.seq]))
    assert slip.status_code == 200 and slip["Content-Type"] == "application/pdf"

    client.force_login(submission.owner.user)
    page = client.get(reverse("submissions:detail", args=[submission.reference])).content.decode()
    assert "Bản sao sổ hộ khẩu" in page
    assert client.get(reverse("submissions:slip", args=[submission.reference, event.seq])).status_code == 200
    response = client.post(
        step_url(submission, "giay-to"), {"extra_label": "Bản sao sổ hộ khẩu", "extra_file": pdf_upload("shk.pdf")}
    )
    assert response.status_code == 302
    assert _submit(client, submission).status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED

    client.force_login(online.clerk)
    client.post(
        reverse("submissions:inbox_decide", args=[submission.reference, "accept"]),
        {"lead_agency": online.committee.pk},
    )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.ACCEPTED
    assert submission.dossier.components.filter(name="Bản sao sổ hộ khẩu", digitized=True).exists()


def test_refusal_with_reasons_and_slip_03(citizen, client, online):
    submission = start(citizen, online)
    fill(citizen, online, submission)
    _submit(citizen, submission)
    client.force_login(online.clerk)
    missing = client.post(
        reverse("submissions:inbox_decide", args=[submission.reference, "refuse"]),
        {"lead_agency": online.committee.pk, "reasons": ""},
    )
    assert missing.status_code == 400
    client.post(
        reverse("submissions:inbox_decide", args=[submission.reference, "refuse"]),
        {"lead_agency": online.committee.pk, "reasons": "Không thuộc thẩm quyền"},
    )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.REFUSED and submission.dossier is None
    client.force_login(submission.owner.user)
    page = client.get(reverse("submissions:detail", args=[submission.reference])).content.decode()
    assert "Không thuộc thẩm quyền" in page
    event = submission.events.get(action="refuse")
    slip = client.get(reverse("submissions:slip", args=[submission.reference, event.seq]))
    assert slip.status_code == 200 and slip["Content-Type"] == "application/pdf"


def test_a_draft_survives_a_new_session(client, online, account):
    client.force_login(account.user)
    submission = start(client, online)
    client.post(step_url(submission, "nguoi-nop"), {"applicant_address": "99 Hà Huy Tập", "applicant_phone": "x"})
    client.logout()
    client.force_login(account.user)  # another session, as after a lost connection
    page = client.get(step_url(submission, "nguoi-nop")).content.decode()
    assert "99 Hà Huy Tập" in page
    submission.refresh_from_db()
    assert submission.form_data["applicant_address"] == "99 Hà Huy Tập"
    assert submission.status == SubmissionStatus.DRAFT


def test_submitting_twice_submits_once(citizen, online):
    submission = start(citizen, online)
    fill(citizen, online, submission)
    assert _submit(citizen, submission).status_code == 302
    assert _submit(citizen, submission).status_code == 302
    assert submission.events.filter(action="submit").count() == 1
    assert OnlineSubmission.objects.get(pk=submission.pk).status == SubmissionStatus.SUBMITTED


def test_an_incomplete_submission_is_not_submitted(citizen, online):
    submission = start(citizen, online)
    response = _submit(citizen, submission)
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DRAFT


def test_a_result_by_post_goes_to_the_commune_the_citizen_named(citizen, client, online):
    """The delivery address's commune travels with the dossier: the postman's order goes there."""
    from motcua.localities.models import Commune, DivisionType
    from motcua.postal.services.delivery import delivery_create_for
    from motcua.postal.tariffs import tariffs_load_demo

    tariffs_load_demo()
    elsewhere = Commune.objects.create(
        code="18075", name="Phường Trần Phú", division_type=DivisionType.WARD, codename="tp", province=online.province
    )
    submission = start(citizen, online)
    fill(citizen, online, submission)
    by_post = {"return_method": "post", "return_commune": elsewhere.code, "return_address": "7 Hà Huy Tập"}
    response = citizen.post(step_url(submission, "ket-qua"), by_post)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _submit(citizen, submission).status_code == 302
    client.force_login(online.clerk)
    decided = client.post(
        reverse("submissions:inbox_decide", args=[submission.reference, "accept"]), {"lead_agency": online.committee.pk}
    )
    assert decided.status_code == 302
    submission.refresh_from_db()
    dossier = submission.dossier
    assert dossier.return_commune_id == elsewhere.code
    assert delivery_create_for(dossier=dossier).commune_id == elsewhere.code
