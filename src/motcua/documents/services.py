"""Writes of digitization: creating, running and cancelling jobs, storing results.

A job runs as an explicit chain, each step safe to repeat (see docs/digitization.md):

1. **claim** (row lock): skip a job already done, failed or cancelled; count the attempt;
2. **produce** (no lock, slow): validate → combine → [split] → OCR/PDF-A → sign, then *stage* the
   signed PDFs and a manifest under the job's folder. A staged manifest is reused by a later attempt,
   so a crash after signing neither redoes the work nor produces different bytes;
3. **store** (row lock, one transaction): store each signed PDF at its content address (reusing an
   existing Document with the same SHA-256), link the job and the dossier, mark the job done;
4. **clean**: remove the job's inputs and staged files — also when a later attempt finds the job
   already ended, so a crash after step 3 leaves no orphan.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from motcua.core.errors import ApplicationError
from motcua.core.identity import is_id_number
from motcua.core.text import fold
from motcua.dossiers.checks import gate_check

from . import errors, pipeline
from . import storage as store
from .models import DigitizationJob, Document, DocumentOrigin, DocumentUse, JobInput, JobStatus, UseKind
from .results import SignedResult, result_document_check
from .selectors import job_progress, user_may_digitize
from .signing import document_sign, signer_for, signer_name
from .validation import validate_file, validate_files

ENDED = (JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED)
MANIFEST = "result.json"

FileLike = File | Path | str

__all__ = [
    "digitization_job_cancel",
    "digitization_job_create",
    "digitization_job_run",
    "document_store_result",
    "document_store_signed_result",
    "job_progress",  # a read, re-exported for the desk, which looks for it here
]

log = logging.getLogger("motcua.documents")


# --- create -----------------------------------------------------------------------------------------


def digitization_job_create(
    *,
    files: Sequence[FileLike],
    owner_id_number: str,
    kind: str,
    title: str,
    actor: Any,
    receiving_point: Any = None,
    dossier: Any = None,
    component: Any = None,
    split_at_separators: bool = False,
    enqueue: bool = True,
) -> DigitizationJob:
    """Check every file now (refusals reach the clerk at once), keep them on a queued job, and start the
    job after the transaction commits (``enqueue=False``: the caller runs it, as the command does).

    Only counter staff digitize (``agencies.roles.DIGITIZING_ROLES``); ``actor=None`` is the machine itself
    (the ``digitize`` and ``watch_scans`` commands, run by the operator)."""
    if actor is not None and not user_may_digitize(user=actor):
        raise errors.digitizing_not_permitted()
    _check_owner(owner_id_number)
    if component is not None:
        dossier = component.dossier
    if dossier is not None:  # the certification gate (docs/training.md): digitization of this procedure's field
        gate_check(user=actor, kind="stage", name="digitize", dossier=dossier)
    with tempfile.TemporaryDirectory(prefix="motcua-upload-") as tmp:
        local = [_spool(f, Path(tmp), index) for index, f in enumerate(files)]
        checked = validate_files(local)
        saved: list[str] = []
        try:
            with transaction.atomic():
                job = DigitizationJob.objects.create(
                    owner_id_number=owner_id_number,
                    kind=kind,
                    title=title,
                    split_at_separators=split_at_separators,
                    dossier=dossier,
                    component=component,
                    receiving_point=receiving_point,
                    pages_total=sum(c.pages for c in checked),
                    created_by=actor if getattr(actor, "pk", None) else None,
                )
                for order, c in enumerate(checked):
                    entry = JobInput(job=job, order=order, name=c.name[:255], size=c.size)
                    with open(c.path, "rb") as fh:
                        entry.file.save(_safe_filename(c.name), File(fh), save=False)
                    saved.append(str(entry.file.name))
                    entry.save()
                if enqueue:
                    transaction.on_commit(lambda: _enqueue(job.pk))
        except BaseException:
            for name in saved:
                store.default_storage.delete(name)
            raise
    return job


def _enqueue(job_id: int) -> None:
    from .tasks import digitize_task

    digitize_task.delay(job_id)


def _check_owner(value: str) -> None:
    if not is_id_number(value):
        raise errors.invalid_owner(value=value)


def _safe_filename(name: str) -> str:
    base = os.path.basename(name) or "file"
    return re.sub(r"[^A-Za-z0-9._-]", "_", base)[-100:]


def _spool(source: FileLike, folder: Path, index: int) -> tuple[Path, str]:
    """A local path for each given file (uploads may be in memory) and the name the clerk gave it."""
    if isinstance(source, (str, Path)):
        return Path(source), Path(source).name
    name = os.path.basename(source.name or f"file-{index}")
    target = folder / f"{index:03d}-{_safe_filename(name)}"
    source.seek(0)
    with open(target, "wb") as fh:
        for chunk in source.chunks():
            fh.write(chunk)
    return target, name


# --- run --------------------------------------------------------------------------------------------


def digitization_job_run(*, job_id: int) -> DigitizationJob:
    """The body of the ``documents.digitize`` task. ``ApplicationError`` ends the job as failed; any other
    error is transient: the job goes back to the queue and the error is raised for the task to retry,
    until ``DIGITIZATION_MAX_ATTEMPTS`` is reached."""
    job = _claim(job_id)
    if job.status in ENDED:
        _clean(job)
        return job
    try:
        with pipeline.working_folder() as workdir:
            manifest = store.get_json(f"{store.job_folder(job.uid)}/{MANIFEST}") or _produce(job, workdir)
            job = _store_results(job, manifest)
    except ApplicationError as exc:
        job = _fail(job, code=exc.code, message=exc.bilingual())
    except Exception as exc:
        job.refresh_from_db()
        if job.status in ENDED:  # cancelled meanwhile: its inputs are gone, nothing is stored
            _clean(job)
            return job
        if job.attempts >= settings.DIGITIZATION_MAX_ATTEMPTS:
            final = errors.job_interrupted()
            job = _fail(job, code=final.code, message=f"{final.bilingual()} ({type(exc).__name__}: {exc})")
        else:
            DigitizationJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
                status=JobStatus.QUEUED, error_message=f"{type(exc).__name__}: {exc}"[:2000]
            )
            raise
    _clean(job)
    return job


@transaction.atomic
def _claim(job_id: int) -> DigitizationJob:
    job = DigitizationJob.objects.select_for_update().get(pk=job_id)
    if job.status in ENDED:
        return job
    job.status = JobStatus.RUNNING
    job.attempts += 1
    job.started_at = job.started_at or timezone.now()
    job.error_code = job.error_message = ""
    job.save(update_fields=["status", "attempts", "started_at", "error_code", "error_message"])
    return job


def _step(job: DigitizationJob, step: str, done: int | None = None) -> None:
    """Progress is written at once (outside any transaction), so pages appear as they are done."""
    fields: dict[str, Any] = {"step": step}
    if done is not None:
        fields["pages_done"] = min(done, job.pages_total)
    DigitizationJob.objects.filter(pk=job.pk).update(**fields)


def _produce(job: DigitizationJob, workdir: Path) -> dict[str, Any]:
    _step(job, pipeline.STEP_VALIDATE, 0)
    local = []
    for entry in job.inputs.all():
        target = workdir / f"input-{entry.order:03d}-{_safe_filename(entry.name)}"
        local.append((store.fetch(str(entry.file.name), target), entry.name))
    checked = validate_files(local)
    _step(job, pipeline.STEP_COMBINE)
    combined = pipeline.combine(checked, workdir / "combined.pdf")
    if job.split_at_separators:
        from .separators import split_pages

        groups = [g for g in split_pages(combined) if g]
        parts = pipeline.split(combined, groups, workdir) if groups else [combined]
        sources = [pipeline.sha256_file(p) for p in parts]
    else:
        parts, sources = [combined], [pipeline.source_digest([c.path for c in checked])]

    processed = []
    offset = 0
    for index, (part, source_sha) in enumerate(zip(parts, sources, strict=True)):

        def progress(step: str, done: int, total: int, offset: int = offset) -> None:
            _step(job, pipeline.STEP_OCR, offset + done)

        result = pipeline.process(part, workdir / f"ocr-{index}.pdf", source_sha256=source_sha, progress=progress)
        offset += result.pages
        processed.append(result)

    _step(job, pipeline.STEP_SIGN)
    folder = store.job_folder(job.uid)
    entries = []
    for index, result in enumerate(processed):
        signed = document_sign(result.path.read_bytes(), receiving_point=job.receiving_point)
        signed_path = workdir / f"signed-{index}.pdf"
        signed_path.write_bytes(signed)
        staged = f"{folder}/result-{index}.pdf"
        with open(signed_path, "rb") as fh:
            store.put(staged, File(fh))
        entries.append(_manifest_entry(result, staged, pipeline.sha256_file(signed_path), job.receiving_point))
    manifest = {"documents": entries}
    # Written last: a manifest exists only when every staged file is complete.
    store.put_json(f"{folder}/{MANIFEST}", manifest)
    return manifest


def _manifest_entry(result: pipeline.ProcessedPdf, staged: str, sha256: str, point: Any) -> dict[str, Any]:
    meta = result.metadata
    return {
        "staged": staged,
        "sha256": sha256,
        "source_sha256": result.source_sha256,
        "pages": result.pages,
        "text": result.text,
        "id_number": meta.id_number,
        "number": meta.number,
        "issuer": meta.issuer,
        "issued_on": meta.issued_on.isoformat() if meta.issued_on else None,
        "valid_until": meta.valid_until.isoformat() if meta.valid_until else None,
        "signer": signer_name(signer_for(point)),
        "signed_at": timezone.now().isoformat(),
    }


def _store_results(job: DigitizationJob, manifest: dict[str, Any]) -> DigitizationJob:
    _step(job, pipeline.STEP_STORE)
    written: list[str] = []
    try:
        with transaction.atomic():
            job = DigitizationJob.objects.select_for_update().get(pk=job.pk)
            if job.status in ENDED:
                return job
            entries = manifest["documents"]
            for index, entry in enumerate(entries):
                title = job.title or job.kind
                if len(entries) > 1:
                    title = f"{title} ({index + 1}/{len(entries)})"
                document = _document_for(
                    entry,
                    written,
                    owner_id_number=job.owner_id_number,
                    kind=job.kind,
                    title=title,
                    origin=DocumentOrigin.SCAN,
                    receiving_point=job.receiving_point,
                    created_by=job.created_by,
                )
                job.documents.add(document)
                if job.dossier_id and job.component_id:
                    _link(
                        document,
                        dossier=job.dossier,
                        component=job.component,
                        kind=UseKind.DIGITIZED,
                        actor=job.created_by,
                    )
            job.status = JobStatus.DONE
            job.pages_done = job.pages_total
            job.finished_at = timezone.now()
            job.save(update_fields=["status", "pages_done", "finished_at"])
            if job.dossier_id and not job.component_id:
                # A batch for the whole dossier: its documents go to the papers in order, in this transaction.
                from .reuse import digitization_job_attach

                digitization_job_attach(job=job, actor=job.created_by)
    except Exception:
        # The transaction rolled back: files it wrote belong to no document. (A hard kill skips this;
        # the next attempt then finds the same bytes at the same address and takes them.)
        for name in written:
            if not Document.objects.filter(file=name).exists():
                store.default_storage.delete(name)
        raise
    return job


def _document_for(entry: dict[str, Any], written: list[str], **fields: Any) -> Document:
    """The Document for a signed file: the existing one with these bytes, or a new one."""
    existing = Document.objects.filter(sha256=entry["sha256"]).first()
    if existing is not None:
        return existing
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        store.fetch(entry["staged"], Path(tmp.name))
        name, created = store.put_content(entry["sha256"], Path(tmp.name))
    if created:
        written.append(name)
    document = Document(
        sha256=entry["sha256"],
        source_sha256=entry["source_sha256"],
        pages=entry["pages"],
        ocr_text=entry["text"],
        number=entry["number"][:100],
        issuer=entry["issuer"][:255],
        issued_on=dt.date.fromisoformat(entry["issued_on"]) if entry["issued_on"] else None,
        valid_until=dt.date.fromisoformat(entry["valid_until"]) if entry["valid_until"] else None,
        signer=entry["signer"][:255],
        signed_at=dt.datetime.fromisoformat(entry["signed_at"]),
        **fields,
    )
    document.kind = document.kind or "document"
    document.title = (document.title or document.kind)[:500]
    document.search_text = fold(" ".join([document.title, document.kind, document.number, entry["text"]]))
    document.file.name = name
    document.save()
    return document


def _link(document: Document, *, dossier: Any, component: Any, kind: str, actor: Any) -> None:
    DocumentUse.objects.get_or_create(
        document=document, dossier=dossier, component=component, kind=kind, defaults={"used_by": actor}
    )
    if component is not None:
        component.digitized = True
        component.document_ref = component.document_ref or str(document.uid)
        component.save(update_fields=["digitized", "document_ref"])


def _fail(job: DigitizationJob, *, code: str, message: str) -> DigitizationJob:
    with transaction.atomic():
        job = DigitizationJob.objects.select_for_update().get(pk=job.pk)
        if job.status in ENDED:
            return job
        job.status = JobStatus.FAILED
        job.error_code = code[:60]
        job.error_message = message
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error_code", "error_message", "finished_at"])
    return job


def _clean(job: DigitizationJob) -> None:
    """Remove an ended job's inputs and staged results, and any stored file no document took."""
    folder = store.job_folder(job.uid)
    manifest = store.get_json(f"{folder}/{MANIFEST}")
    for entry in (manifest or {}).get("documents", []):
        name = store.content_path(entry["sha256"])
        if not Document.objects.filter(sha256=entry["sha256"]).exists() and store.default_storage.exists(name):
            store.default_storage.delete(name)
    JobInput.objects.filter(job=job).delete()
    store.remove_folder(folder)


# --- cancel -----------------------------------------------------------------------------------------


def digitization_job_cancel(*, job: DigitizationJob, actor: Any) -> DigitizationJob:
    """Stop a queued or running job. A running worker notices at its store step and stores nothing."""
    with transaction.atomic():
        job = DigitizationJob.objects.select_for_update().get(pk=job.pk)
        if job.status == JobStatus.CANCELLED:
            return job
        if job.status in ENDED:
            raise errors.job_not_cancellable(status=job.get_status_display())
        job.status = JobStatus.CANCELLED
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "finished_at"])
        transaction.on_commit(lambda: _clean(job))
    return job


# --- results ----------------------------------------------------------------------------------------


def document_store_result(*, dossier: Any, file: FileLike, actor: Any, title: str = "") -> Document:
    """Digitize, sign and store a dossier's result now (synchronously), owned by the applicant."""
    with tempfile.TemporaryDirectory(prefix="motcua-result-") as tmp:
        workdir = Path(tmp)
        path, name = _spool(file, workdir, 0)
        checked = validate_file(path, name=name)
        combined = pipeline.combine([checked], workdir / "combined.pdf")
        result = pipeline.process(combined, workdir / "ocr.pdf", source_sha256=pipeline.sha256_file(checked.path))
        point = dossier.receiving_point
        signed = workdir / "signed.pdf"
        signed.write_bytes(document_sign(result.path.read_bytes(), receiving_point=point))
        entry = _manifest_entry(result, "", pipeline.sha256_file(signed), point)
        return _store_result_entry(dossier=dossier, entry=entry, path=signed, actor=actor, title=title)


def document_store_signed_result(*, dossier: Any, file: FileLike, signed: SignedResult, title: str = "") -> Document:
    """Store a result the agency signed (checked by :func:`~.results.result_document_check`) as it is: its
    bytes carry the agency's signature, so they are neither OCR-ed into PDF/A nor signed again."""
    with tempfile.TemporaryDirectory(prefix="motcua-result-") as tmp:
        path, _name = _spool(file, Path(tmp), 0)
        texts = pipeline.page_texts(path)
        text = "\n\f".join(texts)
        meta = pipeline.guess_metadata(text)
        sha256 = pipeline.sha256_file(path)
        entry = {
            "staged": "",
            "sha256": sha256,
            "source_sha256": sha256,
            "pages": len(texts),
            "text": text,
            "number": meta.number,
            "issuer": meta.issuer,
            "issued_on": meta.issued_on.isoformat() if meta.issued_on else None,
            "valid_until": meta.valid_until.isoformat() if meta.valid_until else None,
            "signer": signed.signer,
            "signed_at": (signed.signed_at or timezone.now()).isoformat(),
        }
        return _store_result_entry(dossier=dossier, entry=entry, path=path, actor=None, title=title)


def _store_result_entry(*, dossier: Any, entry: dict[str, Any], path: Path, actor: Any, title: str) -> Document:
    """The result's Document (stored at its content address, or the one already there), linked to the dossier."""
    written: list[str] = []
    kind = str(getattr(dossier.procedure_version, "result_kind", "") or "result")
    try:
        with transaction.atomic():
            existing = Document.objects.filter(sha256=entry["sha256"]).first()
            if existing is None:
                name_, created = store.put_content(entry["sha256"], path)
                if created:
                    written.append(name_)
                entry["staged"] = name_
            document = _document_for(
                entry,
                [],
                owner_id_number=dossier.applicant_id_number,
                kind=kind,
                title=title or kind,
                origin=DocumentOrigin.RESULT,
                receiving_point=dossier.receiving_point,
                created_by=actor if getattr(actor, "pk", None) else None,
            )
            _link(document, dossier=dossier, component=None, kind=UseKind.RESULT, actor=actor)
    except Exception:
        for stored in written:
            store.default_storage.delete(stored)
        raise
    return document


def dossier_result_to_data_store(*, dossier_id: int) -> Document | None:
    """Put an approved dossier's signed result document into its owner's data store, once.

    Called from the outbox (``dossier.approve``) through the ``documents.store_result`` task, so it may run
    more than once for the same approval: a dossier whose result is already stored is left as it is.
    """
    from motcua.dossiers.models import Dossier

    dossier = Dossier.objects.select_related("receiving_point", "procedure_version").filter(pk=dossier_id).first()
    if dossier is None or not dossier.result_file:
        return None
    existing = DocumentUse.objects.filter(dossier=dossier, kind=UseKind.RESULT).select_related("document").first()
    if existing is not None:
        return existing.document
    with dossier.result_file.open("rb") as stored:
        content = ContentFile(stored.read(), name=Path(dossier.result_file.name or "result.pdf").name)
    title = f"{dossier.procedure_version.result_kind or dossier.procedure_version.name}"[:500]
    if dossier.result_reference:
        title = f"{title} – {dossier.result_reference}"[:500]
    try:
        signed = result_document_check(file=content)
    except ApplicationError:
        signed = None  # a result stored before signatures were required: digitized and signed by the unit
    try:
        if signed is not None:
            return document_store_signed_result(dossier=dossier, file=content, signed=signed, title=title)
        return document_store_result(dossier=dossier, file=content, actor=None, title=title)
    except ApplicationError as refused:
        # Not a scan we can take (corrupt, encrypted…): retrying will not change it. The result stays on
        # the dossier as it was uploaded; the log says why it is not in the data store.
        log.warning("result of %s not stored in the data store: %s", dossier.code, refused.code)
        return None
