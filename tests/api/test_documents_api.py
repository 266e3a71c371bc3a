"""Digitization through the API: a job started for a dossier's paper, followed page by page to a signed
document that can be searched, verified and downloaded; scope, refused files, cancelling and retries."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.documents.models import DigitizationJob, Document, JobStatus
from motcua.dossiers.models import Dossier
from tests.api.support import assert_problem, bearer
from tests.api.test_dossiers_support import (  # noqa: F401 - fixtures
    Caller,
    dossier_world,
    staff_fixture,
    world_fixture,
)
from tests.documents.pipeline_samples import OWNER, _pki_dir, media, pki, save_pdf  # noqa: F401 - fixtures
from tests.documents.test_jobs import fast_ocr  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pki", "media", "fast_ocr")]

KEY = "6b0e3f1c-2a4d-4e8f-9c1a-7d5e3b2a1f00"


@pytest.fixture
def dossier(world) -> Dossier:
    """A dossier received at the world's post office, whose certificate signs what is digitized there."""
    from motcua.documents.pki import ensure_unit, point_unit

    ensure_unit(point_unit(world.office))
    return world.receive()


def scan(tmp_path: Path, name: str = "to-khai.pdf", pages: int = 2) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, save_pdf(tmp_path / name, pages=pages).read_bytes(), "application/pdf")


def start(caller: Caller, dossier: Dossier, files: list[Any], *, key: str | None = None, **fields: Any):
    headers = bearer(caller.token) | ({"Idempotency-Key": key} if key else {})
    data = {"files": files, **fields}
    return caller.client.post(f"/api/v1/dossiers/{dossier.code}/digitization-jobs", data, headers=headers)


def paper(dossier: Dossier) -> int:
    return dossier.components.order_by("id").first().pk


@pytest.fixture
def digitized(staff, dossier, tmp_path, django_capture_on_commit_callbacks) -> Document:
    """The dossier's declaration digitized through the API, the job run to its end."""
    with django_capture_on_commit_callbacks(execute=True):
        response = start(staff.clerk, dossier, [scan(tmp_path)], component=paper(dossier))
    assert response.status_code == 202, response.content
    return Document.objects.get()


def test_a_clerk_starts_a_job_and_follows_it_page_by_page_to_a_signed_document(
    staff, dossier, tmp_path, django_capture_on_commit_callbacks
):
    """GIVEN a dossier at the clerk's post office WHEN the clerk posts a 2-page scan of its declaration
    THEN 202 with the queued job and its URL; once it has run, the URL shows 2 of 2 pages, 100 % and the
    document, which stands for the dossier's paper."""
    with django_capture_on_commit_callbacks(execute=True):
        response = start(staff.clerk, dossier, [scan(tmp_path)], component=paper(dossier))
    assert response.status_code == 202, response.content
    queued = response.json()
    job = DigitizationJob.objects.get()
    assert response["Location"] == f"http://testserver/api/v1/digitization-jobs/{job.uid}"
    assert queued["uid"] == str(job.uid)
    assert (queued["status"], queued["pages_done"], queued["pages_total"], queued["percent"]) == ("queued", 0, 2, 0)

    progress = staff.clerk.get(response["Location"])
    assert progress.status_code == 200 and progress["Cache-Control"] == "private, no-store"
    done = progress.json()
    document = Document.objects.get()
    assert (done["status"], done["pages_done"], done["pages_total"], done["percent"]) == ("done", 2, 2, 100)
    assert done["documents"] == [str(document.uid)] and done["error_code"] == ""
    assert (document.owner_id_number, document.title, document.pages) == (OWNER, "Tờ khai", 2)
    declaration = dossier.components.get(pk=paper(dossier))
    assert declaration.digitized and declaration.document_ref == str(document.uid)


def test_a_batch_without_a_paper_is_accepted_and_split_is_recorded(staff, dossier, tmp_path):
    response = start(staff.clerk, dossier, [scan(tmp_path, pages=1)], split_at_separators="true")
    assert response.status_code == 202, response.content
    job = DigitizationJob.objects.get()
    assert job.split_at_separators and job.component is None and job.dossier == dossier


def test_another_post_offices_clerk_sees_neither_the_dossier_nor_the_job_nor_the_document(
    staff, dossier, digitized, tmp_path
):
    job = DigitizationJob.objects.get()
    assert_problem(start(staff.other_clerk, dossier, [scan(tmp_path)]), status=404, code="dossier_not_found")
    assert_problem(staff.other_clerk.get(f"/api/v1/digitization-jobs/{job.uid}"), status=404, code="job_not_found")
    cancel = staff.other_clerk.post(f"/api/v1/digitization-jobs/{job.uid}/cancel")
    assert_problem(cancel, status=404, code="job_not_found")
    for suffix in ("", "/verification", "/file"):
        response = staff.other_clerk.get(f"/api/v1/documents/{digitized.uid}{suffix}")
        assert_problem(response, status=404, code="document_not_found")
    assert staff.other_clerk.get("/api/v1/documents").json()["count"] == 0
    assert DigitizationJob.objects.count() == 1


def test_an_agency_specialist_sees_the_document_of_their_dossier_but_may_not_scan(staff, dossier, digitized, tmp_path):
    assert_problem(start(staff.specialist, dossier, [scan(tmp_path)]), status=403, code="permission_denied")
    assert staff.specialist.get(f"/api/v1/documents/{digitized.uid}").status_code == 200


@pytest.mark.parametrize(
    ("name", "content", "status", "code"),
    [
        ("giay-to.pdf", b"not a pdf at all", 415, "document_unsupported_type"),
        ("rong.pdf", b"", 422, "document_empty"),
        ("hong.pdf", b"%PDF-1.7\n1 0 obj <<", 422, "document_corrupt"),
    ],
)
def test_a_refused_file_is_a_bilingual_problem_naming_it_and_makes_no_job(staff, dossier, name, content, status, code):
    upload = SimpleUploadedFile(name, content, "application/pdf")
    headers = bearer(staff.clerk.token) | {"Accept-Language": "en"}
    response = staff.clerk.client.post(
        f"/api/v1/dossiers/{dossier.code}/digitization-jobs", {"files": [upload]}, headers=headers
    )
    body = assert_problem(response, status=status, code=code)
    assert name in body["messages"]["vi"] and name in body["messages"]["en"]
    assert body["detail"] == body["messages"]["en"] and body["messages"]["vi"] != body["messages"]["en"]
    assert not DigitizationJob.objects.exists()


def test_a_file_over_the_size_limit_is_413(staff, dossier, tmp_path, settings):
    settings.DIGITIZATION_MAX_FILE_MB = 0
    body = assert_problem(start(staff.clerk, dossier, [scan(tmp_path)]), status=413, code="document_too_large")
    assert "to-khai.pdf" in body["detail"]


def test_no_file_or_a_paper_of_another_dossier_is_422(staff, world, dossier, tmp_path):
    other = world.receive()
    response = start(staff.clerk, dossier, [scan(tmp_path)], component=paper(other))
    body = assert_problem(response, status=422, code="validation_failed")
    assert body["errors"][0]["loc"] == ["form", "component"]
    assert_problem(start(staff.clerk, dossier, []), status=422, code="validation_failed")


def test_a_queued_job_is_cancelled_once_and_an_ended_one_is_409(staff, dossier, digitized, tmp_path):
    response = start(staff.clerk, dossier, [scan(tmp_path, pages=1)])  # no commit in the test: stays queued
    uid = response.json()["uid"]
    cancelled = staff.clerk.post(f"/api/v1/digitization-jobs/{uid}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert staff.clerk.post(f"/api/v1/digitization-jobs/{uid}/cancel").json()["status"] == "cancelled"
    assert DigitizationJob.objects.get(uid=uid).status == JobStatus.CANCELLED

    done = DigitizationJob.objects.get(status=JobStatus.DONE)
    conflict = staff.clerk.post(f"/api/v1/digitization-jobs/{done.uid}/cancel")
    assert_problem(conflict, status=409, code="document_job_not_cancellable")


def test_documents_are_listed_searched_and_filtered_by_owner(staff, digitized):
    listed = staff.clerk.get("/api/v1/documents").json()
    assert listed["count"] == 1 and listed["next"] is None
    first = listed["results"][0]
    assert first["uid"] == str(digitized.uid) and first["receiving_point"] == digitized.receiving_point.code
    assert staff.clerk.get("/api/v1/documents", q="TO KHAI").json()["count"] == 1  # accents and case ignored
    assert staff.clerk.get("/api/v1/documents", q="giấy phép").json()["count"] == 0
    assert staff.clerk.get("/api/v1/documents", owner=OWNER).json()["count"] == 1
    assert staff.clerk.get("/api/v1/documents", owner="079123456789").json()["count"] == 0
    assert_problem(staff.clerk.get("/api/v1/documents", owner="12ab"), status=422, code="validation_failed")
    assert_problem(staff.clerk.get("/api/v1/documents", limit=101), status=422, code="validation_failed")


def test_a_document_shows_its_data_and_the_dossier_it_served(staff, dossier, digitized):
    body = staff.clerk.get(f"/api/v1/documents/{digitized.uid}").json()
    assert body["sha256"] == digitized.sha256 and body["origin"] == "scan" and body["pages"] == 2
    assert body["uses"] == [
        {
            "dossier": dossier.code,
            "component": paper(dossier),
            "kind": "digitized",
            "used_at": body["uses"][0]["used_at"],
        }
    ]
    assert body["uses"][0]["used_at"].endswith("+07:00")


def test_the_signature_verifies_and_the_file_is_the_signed_pdf(staff, digitized):
    verification = staff.clerk.get(f"/api/v1/documents/{digitized.uid}/verification").json()
    assert verification["intact"] and verification["trusted"] and verification["valid"]
    assert verification["problems"] == [] and verification["signer"]

    response = staff.clerk.get(f"/api/v1/documents/{digitized.uid}/file")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    content = b"".join(response.streaming_content)
    assert hashlib.sha256(content).hexdigest() == digitized.sha256


def test_an_unknown_or_malformed_uid_is_404(staff, dossier):
    assert_problem(staff.clerk.get("/api/v1/documents/not-a-uid"), status=404, code="document_not_found")
    missing = "/api/v1/digitization-jobs/00000000-0000-0000-0000-000000000000"
    assert_problem(staff.clerk.get(missing), status=404, code="job_not_found")


def test_a_retried_upload_with_the_same_key_makes_one_job(staff, dossier, tmp_path):
    # A retry sends the same bytes: the scan is made once (Pillow dates a PDF to the second, so two makes differ).
    body = scan(tmp_path).read()

    def same() -> SimpleUploadedFile:
        return SimpleUploadedFile("to-khai.pdf", body, "application/pdf")

    first = start(staff.clerk, dossier, [same()], key=KEY, component=paper(dossier))
    retry = start(staff.clerk, dossier, [same()], key=KEY, component=paper(dossier))
    assert first.status_code == retry.status_code == 202, first.content
    assert retry.content == first.content and retry["Location"] == first["Location"]
    assert retry["Idempotent-Replayed"] == "true"
    assert DigitizationJob.objects.count() == 1

    other_file = start(staff.clerk, dossier, [scan(tmp_path, pages=3)], key=KEY, component=paper(dossier))
    assert_problem(other_file, status=422, code="idempotency_key_reused")
    assert DigitizationJob.objects.count() == 1


def test_without_a_token_or_session_it_is_401(client, dossier):
    response = client.get("/api/v1/documents")
    assert_problem(response, status=401, code="authentication_required")
