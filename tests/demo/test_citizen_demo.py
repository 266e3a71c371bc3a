"""The citizen side of the demo (issue 14): Hạnh's account and papers, her online submissions, a rating and a
petition, each made once however often the demo is loaded, and seen where the demo users look for them."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from motcua.accounts.models import User
from motcua.citizens.idp import registration
from motcua.citizens.idp.models import LocalIdentity
from motcua.citizens.models import CitizenAccount
from motcua.documents.models import Document
from motcua.documents.verify import document_verify
from motcua.feedback.demo import feedback_load_demo
from motcua.feedback.lifecycle import ComplaintStatus
from motcua.feedback.models import Complaint, DossierRating
from motcua.mydossiers.demo import mydossiers_load_demo
from motcua.submissions.demo import submissions_load_demo
from motcua.submissions.lifecycle import SubmissionStatus
from motcua.submissions.models import OnlineSubmission, SubmissionPaper
from motcua.submissions.services import submission_problems

pytestmark = pytest.mark.django_db

HANH, BINH = "042195001111", "042088002222"


def _load() -> dict[str, int]:
    summary: dict[str, int] = {}
    for load in (mydossiers_load_demo, submissions_load_demo, feedback_load_demo):
        summary.update(load())
    return summary


def _rows() -> tuple[int, ...]:
    return (
        CitizenAccount.objects.count(),
        User.objects.count(),
        Document.objects.count(),
        OnlineSubmission.objects.count(),
        SubmissionPaper.objects.count(),
        DossierRating.objects.count(),
        Complaint.objects.count(),
    )


@override_settings(DEBUG=True)
def test_citizen_demo_is_made_once_and_shows_where_the_demo_users_look(client):
    call_command("load_demo")
    first = _load()
    assert first == {
        "citizen_accounts": 2,
        "citizen_documents": 2,
        "online_submissions_waiting": 1,
        "online_drafts": 1,
        "dossier_ratings": 1,
        "complaints_waiting_for_answer": 1,
    }
    rows = _rows()
    stored = {d.uid: d.file.name for d in Document.objects.all()}

    call_command("load_demo")
    assert _load() == first
    assert _rows() == rows
    assert {d.uid: d.file.name for d in Document.objects.all()} == stored

    # Hạnh's account is the one a sign-in through the local provider finds: its issuer and her identity's subject.
    hanh = CitizenAccount.objects.get(owner_number=HANH)
    identity = LocalIdentity.objects.get(number=HANH)
    assert (hanh.issuer, hanh.subject) == (registration.issuer(), str(identity.subject))
    assert hanh.full_name == "Nguyễn Thị Hạnh" and hanh.email == identity.email

    # Her two papers are signed PDFs whose signature holds, in date.
    papers = Document.objects.filter(owner_id_number=HANH).order_by("kind")
    assert [p.kind for p in papers] == ["Giấy xác nhận thông tin về cư trú", "Trích lục khai sinh (bản sao)"]
    for paper in papers:
        with paper.file.open("rb") as handle:
            assert handle.read(5) == b"%PDF-"
        assert document_verify(paper).valid
        assert "NGUYỄN THỊ HẠNH" in paper.ocr_text
    assert papers[0].valid_until is not None and papers[0].issued_on < papers[0].valid_until

    # One submission waits, complete, reusing both papers; one draft is hers.
    waiting = OnlineSubmission.objects.get(owner=hanh, status=SubmissionStatus.SUBMITTED)
    assert waiting.receiving_point.code == "VNP.42.18073"
    assert submission_problems(waiting) == []
    assert {p.document_id for p in waiting.papers.all() if p.document_id} == {p.pk for p in papers}
    assert OnlineSubmission.objects.filter(owner=hanh, status=SubmissionStatus.DRAFT).count() == 1

    client.force_login(User.objects.get(username="clerk"))
    assert waiting.reference in client.get(reverse("submissions:inbox")).content.decode()

    client.force_login(hanh.user)
    assert waiting.reference in client.get(reverse("submissions:list")).content.decode()

    # Bùi Thị Nga's returned dossier is rated; Bình's petition is accepted and waits for the answer.
    assert DossierRating.objects.get().dossier.applicant_id_number == "042070008888"
    complaint = Complaint.objects.get()
    assert complaint.account == CitizenAccount.objects.get(owner_number=BINH)
    assert complaint.dossier.applicant_id_number == BINH
    assert complaint.status == ComplaintStatus.ACKNOWLEDGED
    client.force_login(User.objects.get(username="onestop"))
    assert complaint.reference in client.get(reverse("feedback:inbox")).content.decode()
