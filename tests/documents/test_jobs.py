# ruff: noqa: F811 - fixtures imported from pipeline_samples are requested by name
"""Digitization jobs: created with checked files, run to one signed document, safe to retry after a crash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.core.errors import ApplicationError
from motcua.documents import pipeline, services
from motcua.documents.models import DigitizationJob, Document, DocumentUse, JobInput, JobStatus, UseKind
from motcua.documents.selectors import job_progress
from motcua.documents.services import digitization_job_cancel, digitization_job_create, digitization_job_run
from motcua.documents.verify import document_verify
from tests.dossiers.conftest import world  # noqa: F401 - fixture

from .pipeline_samples import OWNER, _pki_dir, media, media_files, pki, save_pdf, save_png  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pki", "media")]


class WorkerKilled(BaseException):
    """Stands for SIGKILL: not an Exception, so no cleanup code of the job runs."""


@pytest.fixture
def fast_ocr(monkeypatch):
    """OCR replaced by a copy: these tests are about the job, not about Tesseract."""

    def fake(source: Path, out: Path, *, progress=None) -> Path:
        with pikepdf.open(source) as pdf:
            total = len(pdf.pages)
            pdf.save(out)
        for done in range(1, total + 1):
            if progress:
                progress(pipeline.STEP_OCR, done, total)
        return out

    monkeypatch.setattr(pipeline, "ocr", fake)


def create(tmp_path, **kwargs) -> DigitizationJob:
    files = kwargs.pop("files", None) or [save_pdf(tmp_path / "scan.pdf", pages=2)]
    return digitization_job_create(
        files=files,
        owner_id_number=OWNER,
        kind="Giấy khai sinh",
        title="Giấy khai sinh",
        actor=None,
        enqueue=False,
        **kwargs,
    )


def only_document_files(media_root: Path) -> list[str]:
    return [name for name in media_files(media_root) if not name.startswith("documents/")]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs Tesseract")
def test_a_job_stores_one_signed_searchable_document_and_leaves_no_input(
    tmp_path, media, django_capture_on_commit_callbacks
):
    """GIVEN an uploaded scan WHEN the job runs (eagerly, after commit) THEN one signed Document with the
    Vietnamese text, the job done at 100 %, and no file left but the document."""
    upload = SimpleUploadedFile("khai-sinh.png", save_png(tmp_path / "p.png").read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        job = digitization_job_create(
            files=[upload], owner_id_number=OWNER, kind="Giấy khai sinh", title="Giấy khai sinh", actor=None
        )
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error_message
    document = job.documents.get()
    assert "nguyen van an" in document.search_text
    assert document.issued_on is not None and document.pages == 1
    assert document_verify(document).valid
    assert job_progress(job)["percent"] == 100
    assert media_files(media) == [document.file.name]
    assert not JobInput.objects.exists()


def test_refused_file_creates_no_job_and_stores_nothing(tmp_path, media):
    (tmp_path / "x.pdf").write_text("not a pdf")
    with pytest.raises(ApplicationError) as info:
        create(tmp_path, files=[tmp_path / "x.pdf"])
    assert info.value.code == "document_unsupported_type"
    assert not DigitizationJob.objects.exists() and media_files(media) == []


def test_invalid_owner_is_refused(tmp_path):
    with pytest.raises(ApplicationError) as info:
        digitization_job_create(files=[], owner_id_number="12", kind="x", title="x", actor=None)
    assert info.value.code == "document_invalid_owner"


@pytest.mark.parametrize("step", ["combine", "process", "document_sign", "put_json"])
def test_a_crash_between_steps_then_a_retry_gives_one_document_and_no_orphan(
    tmp_path, media, fast_ocr, monkeypatch, step
):
    job = create(tmp_path)
    targets = {"combine": pipeline, "process": pipeline, "document_sign": services, "put_json": services.store}
    module = targets[step]
    real = getattr(module, step)
    calls = {"n": 0}

    def crash_once(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("worker lost")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, step, crash_once)
    with pytest.raises(RuntimeError):
        digitization_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.attempts == 1

    job = digitization_job_run(job_id=job.pk)
    assert job.status == JobStatus.DONE and job.attempts == 2
    assert Document.objects.count() == 1
    assert media_files(media) == [Document.objects.get().file.name]


def test_a_worker_killed_after_storing_the_file_before_commit_leaves_no_orphan(tmp_path, media, fast_ocr, monkeypatch):
    """The file is written at its content address, then the worker dies before the row commits. The retry
    reuses the staged signed bytes, so it finds the same address and takes that file."""
    job = create(tmp_path)
    real_save = Document.save
    calls = {"n": 0}

    def die_once(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise WorkerKilled
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Document, "save", die_once)
    with pytest.raises(WorkerKilled):
        digitization_job_run(job_id=job.pk)
    assert Document.objects.count() == 0
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING  # as a killed worker leaves it; the broker redelivers

    job = digitization_job_run(job_id=job.pk)
    assert job.status == JobStatus.DONE
    assert Document.objects.count() == 1
    assert media_files(media) == [Document.objects.get().file.name]


def test_running_a_done_job_again_changes_nothing(tmp_path, media, fast_ocr):
    job = digitization_job_run(job_id=create(tmp_path).pk)
    again = digitization_job_run(job_id=job.pk)
    assert again.status == JobStatus.DONE and again.attempts == 1
    assert Document.objects.count() == 1


def test_same_signed_bytes_are_stored_once(tmp_path, media, fast_ocr, monkeypatch):
    monkeypatch.setattr(services, "document_sign", lambda data, receiving_point: data)
    # The PDF records when it was made: both runs in the same (frozen) second make the same bytes.
    with time_machine.travel("2026-11-25 09:00 +07:00", tick=False):
        first = digitization_job_run(job_id=create(tmp_path).pk)
        second = digitization_job_run(job_id=create(tmp_path).pk)
    assert first.documents.get() == second.documents.get()
    assert Document.objects.count() == 1


def test_a_refused_file_at_run_time_fails_the_job_and_removes_its_inputs(tmp_path, media, fast_ocr, settings):
    job = create(tmp_path)
    settings.DIGITIZATION_MAX_PAGES = 1
    job = digitization_job_run(job_id=job.pk)
    assert job.status == JobStatus.FAILED and job.error_code == "document_too_many_pages"
    assert media_files(media) == [] and not JobInput.objects.exists()


def test_attempts_are_bounded(tmp_path, media, fast_ocr, monkeypatch, settings):
    settings.DIGITIZATION_MAX_ATTEMPTS = 2
    job = create(tmp_path)
    monkeypatch.setattr(services, "document_sign", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("down")))
    with pytest.raises(RuntimeError):
        digitization_job_run(job_id=job.pk)
    job = digitization_job_run(job_id=job.pk)
    assert job.status == JobStatus.FAILED and job.error_code == "document_job_interrupted"
    assert media_files(media) == []


def test_cancel_removes_the_inputs_and_the_job_stores_nothing(
    tmp_path, media, fast_ocr, django_capture_on_commit_callbacks
):
    job = create(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        digitization_job_cancel(job=job, actor=None)
    job = digitization_job_run(job_id=job.pk)
    assert job.status == JobStatus.CANCELLED
    assert media_files(media) == [] and Document.objects.count() == 0
    with pytest.raises(ApplicationError):
        digitization_job_cancel(job=digitization_job_run(job_id=create(tmp_path).pk), actor=None)


def test_progress_reports_pages_while_running(tmp_path, media, fast_ocr, monkeypatch):
    job = create(tmp_path)
    seen = []
    real = services._step

    def spy(job_, step, done=None):
        real(job_, step, done)
        seen.append(job_progress(DigitizationJob.objects.get(pk=job_.pk)))

    monkeypatch.setattr(services, "_step", spy)
    digitization_job_run(job_id=job.pk)
    ocr = [p for p in seen if p["step"] == pipeline.STEP_OCR]
    assert [p["pages_done"] for p in ocr] == [1, 2]
    assert ocr[0]["percent"] == 50 and ocr[0]["pages_total"] == 2


def test_split_at_separators_makes_one_document_per_group_in_order(tmp_path, media, fast_ocr, monkeypatch):
    import motcua.documents.separators as separators

    monkeypatch.setattr(separators, "split_pages", lambda path, **kw: [[0], [2, 3]])
    job = create(tmp_path, files=[save_pdf(tmp_path / "batch.pdf", pages=4)], split_at_separators=True)
    job = digitization_job_run(job_id=job.pk)
    documents = list(job.documents.order_by("pk"))
    assert [d.pages for d in documents] == [1, 2]
    assert [d.title for d in documents] == ["Giấy khai sinh (1/2)", "Giấy khai sinh (2/2)"]
    assert len(media_files(media)) == 2


def test_job_for_a_dossier_component_links_the_document(tmp_path, media, fast_ocr, world):
    dossier = world.receive()
    component = dossier.components.first()
    job = create(tmp_path, component=component, receiving_point=None)
    job = digitization_job_run(job_id=job.pk)
    document = job.documents.get()
    use = DocumentUse.objects.get(document=document)
    assert (use.dossier, use.component, use.kind) == (dossier, component, UseKind.DIGITIZED)
    component.refresh_from_db()
    assert component.digitized and component.document_ref == str(document.uid)


def test_a_result_is_stored_for_the_applicant(tmp_path, media, fast_ocr, world):
    dossier = world.receive()
    point = dossier.receiving_point
    from motcua.documents.pki import ensure_unit, point_unit

    ensure_unit(point_unit(point))
    document = services.document_store_result(dossier=dossier, file=save_pdf(tmp_path / "kq.pdf"), actor=world.clerk)
    assert document.owner_id_number == dossier.applicant_id_number
    assert DocumentUse.objects.get(document=document).kind == UseKind.RESULT
    assert document_verify(document).valid
    assert only_document_files(media) == []
