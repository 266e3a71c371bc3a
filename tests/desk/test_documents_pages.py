"""Digitized documents on the desk: search, a document's page, previews, scope, a job's progress, and reuse
of a stored document at a second reception for the same person."""

from __future__ import annotations

import json

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from motcua.documents.models import DigitizationJob, DocumentUse, JobStatus, UseKind
from motcua.dossiers.models import Dossier
from tests.desk.test_counter import reception_data, sign_in
from tests.documents.scans import make_document

pytestmark = pytest.mark.django_db


def test_search_ignores_accents_and_shows_a_snippet(client, world):
    make_document(receiving_point=world.office, title="Hợp đồng", text="Hợp đồng mua bán nhà đất tại Thạch Hà")
    make_document(receiving_point=world.office, title="Sổ hộ khẩu", text="Sổ hộ khẩu gia đình")
    sign_in(client, world.clerk)
    page = client.get(reverse("desk:documents"), {"q": "thach ha"}).content.decode()
    assert "Hợp đồng" in page and "Sổ hộ khẩu" not in page
    assert "<mark>Thạch</mark>" in page
    by_owner = client.get(reverse("desk:documents"), {"so": "001099000111"}).content.decode()
    assert "Hợp đồng" not in by_owner
    htmx = client.get(reverse("desk:documents"), {"q": "HOP DONG"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Hợp đồng" in htmx and "<html" not in htmx


def test_document_page_shows_facts_pages_and_uses(client, world):
    document = make_document(receiving_point=world.office, number="123/GKS", pages=2)
    dossier = world.receive()
    DocumentUse.objects.create(
        document=document, dossier=dossier, component=dossier.components.get(), kind=UseKind.REUSED
    )
    sign_in(client, world.clerk)
    page = client.get(reverse("desk:document", args=[document.uid])).content.decode()
    assert document.title in page and "123/GKS" in page and dossier.code in page
    assert reverse("desk:document_page", args=[document.uid, 2]) in page
    assert reverse("desk:document_page", args=[document.uid, 3]) not in page
    assert 'id="verification"' in page


def test_page_preview_is_a_png_rendered_once_and_kept(client, world):
    document = make_document(receiving_point=world.office, pages=2)
    sign_in(client, world.clerk)
    response = client.get(reverse("desk:document_page", args=[document.uid, 2]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG") and response["Cache-Control"] == "private, no-store"
    assert default_storage.exists(f"previews/{document.sha256}/2.png")
    assert client.get(reverse("desk:document_page", args=[document.uid, 3])).status_code == 404
    assert client.get(reverse("desk:document_page", args=[document.uid, 0])).status_code == 404


def test_download_is_the_signed_pdf_sandboxed(client, world):
    document = make_document(receiving_point=world.office)
    sign_in(client, world.clerk)
    response = client.get(reverse("desk:document_download", args=[document.uid]))
    assert response.status_code == 200 and response["Content-Security-Policy"] == "sandbox"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_out_of_scope_answers_404_everywhere(client, world):
    document = make_document(receiving_point=world.office)
    job = DigitizationJob.objects.create(owner_id_number="042098001234", receiving_point=world.office)
    sign_in(client, world.other_clerk)
    for url in (
        reverse("desk:document", args=[document.uid]),
        reverse("desk:document_page", args=[document.uid, 1]),
        reverse("desk:document_download", args=[document.uid]),
        reverse("desk:digitization_job", args=[job.uid]),
        reverse("desk:digitization_job_json", args=[job.uid]),
    ):
        assert client.get(url).status_code == 404, url
    assert str(document.uid) not in client.get(reverse("desk:documents"), {"q": "khai sinh"}).content.decode()


def test_progress_polls_every_second_until_done_and_has_a_json_form(client, world):
    dossier = world.receive()
    job = DigitizationJob.objects.create(
        owner_id_number="042098001234",
        dossier=dossier,
        receiving_point=world.office,
        status=JobStatus.RUNNING,
        step="ocr",
        pages_total=10,
        pages_done=3,
    )
    sign_in(client, world.clerk)
    page = client.get(reverse("desk:digitization_job", args=[job.uid])).content.decode()
    assert (
        'hx-trigger="every 1s"' in page and 'value="30"' in page and "nhận dạng chữ" in page
    )  # the step, said in words
    state = json.loads(client.get(reverse("desk:digitization_job_json", args=[job.uid])).content)
    assert (state["status"], state["pages_done"], state["pages_total"], state["percent"]) == ("running", 3, 10, 30)
    assert state["finished"] is False

    DigitizationJob.objects.filter(pk=job.pk).update(status=JobStatus.DONE, pages_done=10)
    part = client.get(reverse("desk:digitization_job", args=[job.uid]), HTTP_HX_REQUEST="true").content.decode()
    assert "every 1s" not in part and "<html" not in part
    assert json.loads(client.get(reverse("desk:digitization_job_json", args=[job.uid])).content)["finished"] is True


def test_dossier_page_offers_the_digitize_panel_to_the_counter(client, world):
    dossier = world.receive()
    sign_in(client, world.clerk)
    page = client.get(reverse("desk:dossier", args=[dossier.code])).content.decode()
    assert reverse("desk:dossier_digitize", args=[dossier.code]) in page
    panel = client.get(reverse("desk:dossier_digitize", args=[dossier.code]), HTTP_HX_REQUEST="true").content.decode()
    assert 'name="files"' in panel and 'value="batch"' in panel
    sheet = client.get(reverse("desk:separator_sheet"))
    assert sheet.status_code == 200 and sheet.content.startswith(b"%PDF")
    sign_in(client, world.specialist)
    assert client.get(reverse("desk:dossier_digitize", args=[dossier.code]), HTTP_HX_REQUEST="true").content == b""


def test_second_reception_reuses_the_stored_document(client, world):
    """GIVEN a signed "Tờ khai" of the applicant stored at the clerk's point
    WHEN the clerk receives a new dossier for the same person and chooses it under "reuse"
    THEN the paper links the document and the reuse is recorded."""
    document = make_document(receiving_point=world.office, kind="Tờ khai", title="Tờ khai của An")
    make_document(receiving_point=world.office, kind="Giấy khai sinh", title="Giấy khai sinh")
    declaration = world.version.components.get(order=1)
    code = world.version.procedure.national_code
    sign_in(client, world.clerk)
    form = client.get(reverse("desk:counter_receive", args=[code]), {"so": "042098001234"}).content.decode()
    assert f'value="d{document.uid}"' in form and "Tờ khai của An" in form
    assert "Giấy khai sinh" not in form.split('name="reuse_')[1]  # not offered for "Tờ khai"

    data = reception_data(world, **{f"received_{declaration.pk}": None, f"reuse_{declaration.pk}": f"d{document.uid}"})
    response = client.post(reverse("desk:counter_receive", args=[code]), data)
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    paper = dossier.components.get()
    assert paper.reused and paper.document_ref == str(document.uid)
    use = DocumentUse.objects.get()
    assert (use.document, use.dossier, use.component, use.kind) == (document, dossier, paper, UseKind.REUSED)
    # The dossier page links the paper to its signed copy in the data store.
    page = client.get(reverse("desk:dossier", args=[dossier.code])).content.decode()
    assert reverse("desk:document", args=[document.uid]) in page


def test_a_wrong_file_or_none_is_refused_with_a_message_and_starts_nothing(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    dossier = world.receive()
    paper = dossier.components.first()
    client.force_login(world.clerk)
    url = reverse("desk:dossier_digitize", args=[dossier.code])
    assert client.post(url, {"paper": paper.pk}).status_code == 400  # no file chosen
    fake = SimpleUploadedFile("scan.pdf", b"this is a text file named like a PDF", content_type="application/pdf")
    response = client.post(url, {"paper": paper.pk, "files": [fake]})
    assert response.status_code == 400
    assert "scan.pdf" in response.content.decode()  # the message names the refused file
    assert not DigitizationJob.objects.exists()
