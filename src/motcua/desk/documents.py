"""Digitized documents on the desk: search of the citizen data store, a document with its signature check and
page previews, the "Digitize" panel of a dossier and the progress of a digitization job.

Everything is scoped (``documents.selectors``): a document or job outside the user's scope answers 404, like
one that does not exist. Files and previews are never public: served here only, sandboxed, not cached.
"""

from __future__ import annotations

import importlib
import io
import unicodedata
from typing import Any, TypeVar

import pypdfium2 as pdfium
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from motcua.core.errors import ApplicationError
from motcua.core.htmx import is_htmx
from motcua.core.input_guard import stored_int
from motcua.core.text import fold
from motcua.documents.models import DigitizationJob, Document, JobStatus
from motcua.documents.reuse import digitization_job_attach
from motcua.documents.selectors import (
    digitization_job_get,
    document_get,
    document_search,
    document_uses,
    documents_visible,
    job_progress,
    user_may_digitize,
)
from motcua.documents.separators import separator_sheet_pdf
from motcua.dossiers.models import Dossier

from .access import DESK_ROLES, SEARCH_ROLES, dossier_or_404, roles_required
from .files import private, stored_file_response

R = TypeVar("R", bound=HttpResponseBase)
RESULTS_SHOWN = 50
SNIPPET_CHARS = 180
PREVIEW_DPI = 100
FINISHED = frozenset({JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED})


# --- search ----------------------------------------------------------------------------------------------------


def _fold_char(ch: str) -> str:
    """One character folded like ``core.text.fold``, always one character, so positions line up."""
    if ch in "đĐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn").lower()
    return base[:1] if len(base) >= 1 else " "


def snippet(text: str, q: str) -> SafeString:
    """A window of ``text`` around the first word of ``q`` found (accents ignored), the word marked."""
    words = fold(q).split()
    folded = "".join(_fold_char(ch) for ch in text)
    at, length = -1, 0
    for word in words:
        at = folded.find(word)
        if at >= 0:
            length = len(word)
            break
    if at < 0:
        return format_html("{}", " ".join(text[:SNIPPET_CHARS].split()))
    start = max(0, at - SNIPPET_CHARS // 2)
    end = min(len(text), at + length + SNIPPET_CHARS // 2)
    return format_html(
        "{}{}<mark>{}</mark>{}{}",
        "…" if start else "",
        " ".join(text[start:at].split()) + (" " if text[start:at][-1:].isspace() else ""),
        text[at : at + length],
        (" " if text[at + length : end][:1].isspace() else "") + " ".join(text[at + length : end].split()),
        "…" if end < len(text) else "",
    )


@require_GET
@roles_required(SEARCH_ROLES)
def document_list(request: HttpRequest) -> HttpResponse:
    """Search of the digitized documents the user may see: words (accents ignored), owner's ID number."""
    q = request.GET.get("q", "").strip()[:200]
    owner = "".join(ch for ch in request.GET.get("so", "") if ch.isdigit())[:13]
    if q or owner:
        documents = document_search(user=request.user, q=q, owner_id_number=owner)
    else:
        documents = documents_visible(user=request.user)
    rows = [
        {"document": d, "snippet": snippet(d.ocr_text, q) if q else ""}
        for d in documents.order_by("-created_at")[:RESULTS_SHOWN]
    ]
    context = {"q": q, "owner": owner, "rows": rows, "searched": bool(q or owner), "limit": RESULTS_SHOWN}
    template = "desk/documents/_results.html" if is_htmx(request) else "desk/documents/list.html"
    return render(request, template, context)


# --- one document ----------------------------------------------------------------------------------------------


def _document_or_404(request: HttpRequest, uid: Any) -> Document:
    try:
        return document_get(user=request.user, uid=uid)
    except ApplicationError as error:
        raise Http404(str(error)) from None


def _verification(document: Document) -> Any:
    """The signature check, or None while ``documents.verify`` is not installed."""
    try:
        verify = importlib.import_module("motcua.documents.verify")
    except ImportError:
        return None
    return verify.document_verify(document)


@require_GET
@roles_required(DESK_ROLES)
def document_detail(request: HttpRequest, uid: Any) -> HttpResponse:
    document = _document_or_404(request, uid)
    context = {
        "document": document,
        "verification": _verification(document),
        "uses": list(document_uses(user=request.user, document=document)),
        "page_numbers": range(1, document.pages + 1),
    }
    return render(request, "desk/documents/detail.html", context)


@require_GET
@roles_required(DESK_ROLES)
def document_download(request: HttpRequest, uid: Any) -> FileResponse:
    document = _document_or_404(request, uid)
    return stored_file_response(document.file, filename=f"{document.uid}.pdf")


def page_preview(document: Document, number: int) -> bytes:
    """Page ``number`` (from 1) as a PNG at 100 dpi, rendered once and kept under ``previews/<sha256>/``."""
    name = f"previews/{document.sha256}/{number}.png"
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as cached:
            return cached.read()
    with document.file.open("rb") as fh:
        pdf = pdfium.PdfDocument(fh.read())
    try:
        if not 1 <= number <= len(pdf):
            raise Http404
        page = pdf[number - 1]
        image = page.render(scale=PREVIEW_DPI / 72).to_pil()
        page.close()
    finally:
        pdf.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    content = buffer.getvalue()
    default_storage.save(name, ContentFile(content))
    return content


@require_GET
@roles_required(DESK_ROLES)
def document_page_png(request: HttpRequest, uid: Any, number: int) -> HttpResponse:
    document = _document_or_404(request, uid)
    if not 1 <= number <= document.pages:
        raise Http404
    return private(HttpResponse(page_preview(document, number), content_type="image/png"))


# --- digitizing a dossier's papers -----------------------------------------------------------------------------


def _digitize_context(dossier: Dossier, error: str = "") -> dict[str, Any]:
    jobs = list(dossier.digitization_jobs.order_by("-created_at")[:5])
    return {"dossier": dossier, "papers": list(dossier.components.order_by("id")), "jobs": jobs, "error": error}


@require_http_methods(["GET", "POST"])
@roles_required(DESK_ROLES)
def dossier_digitize(request: HttpRequest, code: str) -> HttpResponse:
    """The "Digitize" panel of a dossier (htmx) or page (no script); POST starts a job and shows its progress.

    ``paper`` names the dossier's paper the files are the scan of; ``batch`` instead: one PDF holding several
    papers split by separator sheets, the documents going to the papers in order."""
    dossier = dossier_or_404(request, code)
    may = _may_digitize(request)
    if request.method == "GET":
        if not may:
            return HttpResponse("")
        template = "desk/documents/_digitize.html" if is_htmx(request) else "desk/documents/digitize.html"
        return render(request, template, _digitize_context(dossier))
    if not may:
        raise Http404
    files = request.FILES.getlist("files")
    target = request.POST.get("paper", "")
    batch = target == "batch"
    paper = None if batch else dossier.components.filter(pk=stored_int(target) or 0).first()
    if not files or (paper is None and not batch):
        message = _("Choose the paper and at least one file.")
        return render(request, "desk/documents/digitize.html", _digitize_context(dossier, message), status=400)
    try:
        from motcua.documents.services import digitization_job_create

        job = digitization_job_create(
            files=files,
            owner_id_number=dossier.applicant_id_number,
            kind=paper.name if paper else "",
            title=paper.name if paper else "",
            actor=request.user,
            receiving_point=dossier.receiving_point,
            dossier=dossier,
            component=paper,
            split_at_separators=batch,
        )
    except ApplicationError as error:
        return render(
            request,
            "desk/documents/digitize.html",
            _digitize_context(dossier, error.render(get_language())),
            status=400,
        )
    job.refresh_from_db()
    digitization_job_attach(job=job, actor=request.user)
    return redirect("desk:digitization_job", uid=job.uid)


def _may_digitize(request: HttpRequest) -> bool:
    return user_may_digitize(user=request.user)


# --- progress --------------------------------------------------------------------------------------------------


def _job_or_404(request: HttpRequest, uid: Any) -> DigitizationJob:
    try:
        return digitization_job_get(user=request.user, uid=uid)
    except ApplicationError as error:
        raise Http404(str(error)) from None


def progress(job: DigitizationJob) -> dict[str, Any]:
    """What the progress view and its JSON show (status, step, pages done of total, percent, error)."""
    return job_progress(job)


def _job_context(request: HttpRequest, job: DigitizationJob) -> dict[str, Any]:
    state = progress(job)
    finished = job.status in FINISHED
    if job.status == JobStatus.DONE:
        digitization_job_attach(job=job, actor=request.user)
    return {
        "job": job,
        "state": state,
        "finished": finished,
        "status_label": JobStatus(job.status).label,
        "documents": list(job.documents.order_by("pk")) if job.status == JobStatus.DONE else [],
    }


@require_GET
@roles_required(DESK_ROLES)
def digitization_job(request: HttpRequest, uid: Any) -> HttpResponse:
    """The job's progress, page by page; htmx asks again every second until it is finished."""
    job = _job_or_404(request, uid)
    template = "desk/documents/_job.html" if is_htmx(request) else "desk/documents/job.html"
    return render(request, template, _job_context(request, job))


@require_GET
@roles_required(DESK_ROLES)
def digitization_job_json(request: HttpRequest, uid: Any) -> JsonResponse:
    job = _job_or_404(request, uid)
    state = {**progress(job), "finished": job.status in FINISHED}
    response = JsonResponse(state)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@roles_required(DESK_ROLES)
def separator_sheet(request: HttpRequest) -> HttpResponse:
    """The printable separator sheet to put between the papers of a batch scan."""
    response = HttpResponse(separator_sheet_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="to-tach-ho-so.pdf"'
    return response
