"""Digitization: scan a dossier's papers into signed, searchable PDF/A documents, follow the job page by page,
and read the citizen data store. Staff only.

Everything is scoped by ``documents.selectors`` and ``dossiers.selectors``: a dossier, job or document outside
the caller's scope answers exactly like one that does not exist (404). A refused file is a problem naming it
(415 not a PDF/JPEG/PNG/TIFF, 413 too large, 422 empty, damaged or password-protected), and nothing is stored.
"""

import hashlib
import json
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import File, Form, Query, Router
from ninja.errors import ValidationError
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import NinjaJSONEncoder

from motcua.agencies.roles import DIGITIZING_ROLES
from motcua.agencies.selectors import user_has_role
from motcua.documents.models import DigitizationJob, Document
from motcua.documents.selectors import (
    digitization_job_get,
    document_get,
    document_search,
    documents_visible,
    job_progress,
)
from motcua.documents.services import digitization_job_cancel, digitization_job_create
from motcua.documents.verify import Verification, document_verify
from motcua.dossiers.models import Dossier, DossierComponent
from motcua.dossiers.selectors import dossier_get_by_code

from .. import errors as api_errors
from ..idempotency import Outcome, respond_once
from ..pagination import LimitOffsetPagination
from ..schemas.documents import DocumentFilters, DocumentOut, DocumentSummary, JobProgressOut, VerificationOut
from ..schemas.problems import Problem
from .dossiers import IdempotencyKey, caller

router = Router(tags=["digitization"])

JOBS = "/digitization-jobs"
START_ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 413: Problem}


# --- jobs ------------------------------------------------------------------------------------------------------


def _progress(job: DigitizationJob, *, status: int, headers: dict[str, str]) -> Outcome:
    job.refresh_from_db()  # without a broker the job may already have run
    body = json.dumps(
        JobProgressOut.model_validate(job_progress(job)).model_dump(), cls=NinjaJSONEncoder, ensure_ascii=False
    )
    return Outcome(status=status, body=body, headers=headers)


def _paper(dossier: Dossier, component: int | None) -> DossierComponent | None:
    if component is None:
        return None
    paper = dossier.components.filter(pk=component).first()
    if paper is None:
        loc = ["form", "component"]
        raise ValidationError(
            [{"loc": loc, "msg": f"Dossier {dossier.code} has no paper {component}", "type": "unknown_paper"}]
        )
    return paper


def _described(files: list[UploadedFile], component: int | None, split: bool) -> bytes:
    """The upload as JSON of its fields and its files' names and SHA-256, for the idempotency check."""
    digests = []
    for upload in files:
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        digests.append([upload.name, digest.hexdigest()])
    return json.dumps({"files": digests, "component": component, "split_at_separators": split}).encode()


@router.post(
    "/dossiers/{code}/digitization-jobs",
    response={202: JobProgressOut, 415: Problem, 422: Problem, **START_ERRORS},
    summary="Digitize papers of a dossier",
)
def digitization_job_start(
    request: HttpRequest,
    code: str,
    files: File[list[UploadedFile]],
    component: int | None = Form(None, description="Id of the paper in the dossier's `components` the scan is of."),
    split_at_separators: bool = Form(False, description="Cut the scan at motcua's separator sheets."),
    idempotency_key: str | None = IdempotencyKey,
) -> HttpResponse:
    """Scans (PDF, JPEG, PNG or TIFF, several files make one document) of the dossier's applicant's papers.

    `component` is the id of the paper in the dossier's `components`: the document is stored for it. Without it,
    the documents go to the dossier's papers not yet digitized or reused, in order; with `split_at_separators`,
    one document per part of the scan between motcua's separator sheets. Every file is checked now: a refused
    one is a problem naming it, and no job is made. Answers 202 with the job's progress and its URL in
    `Location`; ask that URL until `status` is done, failed or cancelled.
    """
    user = caller(request)
    dossier = dossier_get_by_code(user=user, code=code)
    if not user_has_role(user=user, roles=DIGITIZING_ROLES):
        raise api_errors.permission_denied(_("Only counter staff may digitize a dossier's papers."))
    paper = _paper(dossier, component)

    def start() -> Outcome:
        job = digitization_job_create(
            files=files,
            owner_id_number=dossier.applicant_id_number,
            kind=paper.name if paper else "",
            title=paper.name if paper else "",
            actor=user,
            receiving_point=dossier.receiving_point,
            dossier=dossier,
            component=paper,
            split_at_separators=split_at_separators,
        )
        location = request.build_absolute_uri(reverse("api:digitization_job_progress", kwargs={"uid": job.uid}))
        return _progress(job, status=202, headers={"Location": location})

    described = _described(files, component, split_at_separators) if idempotency_key else None
    return respond_once(request, user=user, key=idempotency_key, perform=start, body=described)


@router.get(
    JOBS + "/{uid}",
    response={200: JobProgressOut, 401: Problem, 404: Problem},
    summary="A digitization job's progress",
    url_name="digitization_job_progress",
)
def digitization_job_progress(request: HttpRequest, uid: str, response: HttpResponse) -> dict[str, Any]:
    """Status, the current step, and pages done of pages total; the stored documents once done. Not cached."""
    response["Cache-Control"] = "private, no-store"
    return job_progress(digitization_job_get(user=caller(request), uid=uid))


@router.post(
    JOBS + "/{uid}/cancel",
    response={200: JobProgressOut, 401: Problem, 404: Problem, 409: Problem},
    summary="Cancel a digitization job",
)
def digitization_job_stop(request: HttpRequest, uid: str) -> dict[str, Any]:
    """A queued or running job is cancelled and stores nothing; cancelling twice is harmless. A job already done
    or failed is 409 `document_job_not_cancellable`."""
    user = caller(request)
    job = digitization_job_cancel(job=digitization_job_get(user=user, uid=uid), actor=user)
    return job_progress(job)


# --- documents -------------------------------------------------------------------------------------------------


@router.get(
    "/documents",
    response={200: list[DocumentSummary], 401: Problem, 422: Problem},
    summary="Digitized documents in the caller's scope",
)
@paginate(LimitOffsetPagination)
def documents_list(request: HttpRequest, filters: Query[DocumentFilters]) -> QuerySet[Document]:
    """Newest first. `q`: every word in the recognized text or the title (accents and case ignored), or the
    document's number; `owner`: the owner's ID number or tax code."""
    user = caller(request)
    if filters.q.strip() or filters.owner:
        documents = document_search(user=user, q=filters.q, owner_id_number=filters.owner)
    else:
        documents = documents_visible(user=user)
    return documents.order_by("-created_at", "-pk")


@router.get("/documents/{uid}", response={200: DocumentOut, 401: Problem, 404: Problem}, summary="A document")
def document_read(request: HttpRequest, uid: str) -> Document:
    """The document's data and the dossiers in the caller's scope it served (`uses`)."""
    return document_get(user=caller(request), uid=uid)


@router.get(
    "/documents/{uid}/verification",
    response={200: VerificationOut, 401: Problem, 404: Problem},
    summary="Check a document's signature",
)
def document_verification(request: HttpRequest, uid: str) -> Verification:
    """Whether the stored file is intact since it was signed, who signed it and when, and whether the signer's
    certificate is trusted. The same check can be made with `pdfsig` on the file."""
    return document_verify(document_get(user=caller(request), uid=uid))


@router.get(
    "/documents/{uid}/file",
    response={401: Problem, 404: Problem},
    summary="A document's signed PDF",
    openapi_extra={"responses": {200: {"description": "The signed PDF/A", "content": {"application/pdf": {}}}}},
)
def document_file(request: HttpRequest, uid: str) -> FileResponse:
    """The signed PDF/A as stored (its SHA-256 is the document's `sha256`); never cached."""
    document = document_get(user=caller(request), uid=uid)
    try:
        handle = document.file.open("rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(handle, content_type="application/pdf", filename=f"{document.uid}.pdf")
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox"
    return response
