"""The dossier world, with its procedure open to online filing, the applicant's citizen account and a document of
their data store; helpers to walk the filer's steps as a browser would."""

from __future__ import annotations

import hashlib
import io
from datetime import date, timedelta

import pikepdf
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.documents.models import Document, DocumentOrigin
from motcua.procedures.models import ProcedureVersion
from motcua.submissions.models import OnlineSubmission
from tests.dossiers.conftest import World, world  # noqa: F401 - the shared fixture
from tests.factories import citizen_account

APPLICANT = "042098001234"


def pdf_bytes(pages: int = 1) -> bytes:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page()
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def pdf_upload(name: str = "to-khai.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def stored_document(owner: str, *, title: str = "Giấy ủy quyền", valid_until: date | None = None) -> Document:
    content = pdf_bytes() + title.encode() + owner.encode()
    digest = hashlib.sha256(content).hexdigest()
    document = Document(
        owner_id_number=owner,
        kind=title,
        title=title,
        origin=DocumentOrigin.SCAN,
        sha256=digest,
        source_sha256=digest,
        pages=1,
        valid_until=valid_until,
    )
    document.file.save(f"{digest}.pdf", ContentFile(content), save=False)
    document.save()
    return document


@pytest.fixture
def online(world: World) -> World:  # noqa: F811 - the imported fixture
    ProcedureVersion.objects.filter(pk=world.version.pk).update(online_submission="full")
    world.version.refresh_from_db()
    return world


@pytest.fixture
def account(db):
    return citizen_account(owner_number=APPLICANT, full_name="Nguyễn Văn An", phone="0912345678", email="an@example.vn")


@pytest.fixture
def citizen(client, account):
    client.force_login(account.user)
    return client


@pytest.fixture
def document(account) -> Document:
    return stored_document(APPLICANT, valid_until=date.today() + timedelta(days=365))


def step_url(submission: OnlineSubmission, step: str) -> str:
    return reverse("submissions:step", args=[submission.reference, step])


APPLICANT_DATA = {
    "applicant_name": "Nguyễn Văn An",
    "applicant_birth_date": "02/03/1998",
    "applicant_phone": "0912345678",
    "applicant_email": "an@example.vn",
    "applicant_address": "12 Trần Phú",
    "applicant_commune": "18073",
}


def start(client, online: World) -> OnlineSubmission:
    response = client.post(reverse("submissions:start", args=[online.version.procedure.national_code]))
    assert response.status_code == 302
    return OnlineSubmission.objects.latest("pk")


def fill(client, online: World, submission: OnlineSubmission, *, document: Document | None = None) -> None:
    """Every step, as a browser would post them: the point, the applicant, the papers, the result."""
    assert client.post(step_url(submission, "thu-tuc"), {"receiving_point": online.office.pk}).status_code == 302
    assert client.post(step_url(submission, "nguoi-nop"), APPLICANT_DATA).status_code == 302
    declaration = online.version.components.get(order=1)
    papers = {f"file_{declaration.pk}": pdf_upload()}
    if document is not None:
        papers[f"reuse_{online.version.components.get(order=2).pk}"] = str(document.uid)
    response = client.post(step_url(submission, "giay-to"), papers)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert client.post(step_url(submission, "ket-qua"), {"return_method": "counter"}).status_code == 302
