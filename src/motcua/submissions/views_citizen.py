"""The citizen's pages: my submissions, start one from a procedure, the steps, submit, the slips issued for it.
Somebody else's submission answers 404, exactly like one that does not exist."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.citizens.access import citizen_required, request_citizen
from motcua.core.errors import ApplicationError
from motcua.core.input_guard import stored_int
from motcua.desk.slips import pdf_response
from motcua.dossiers.slips import SlipUnavailable, slip_pdf
from motcua.payments.links import payment_link_path
from motcua.procedures.models import Procedure

from . import services, steps
from .models import OnlineSubmission
from .selectors import citizen_submission, citizen_submissions, online_procedures, slip_events
from .steps import Route


def _mine(request: HttpRequest, reference: str) -> OnlineSubmission:
    submission = citizen_submission(request_citizen(request), reference)
    if submission is None:
        raise Http404
    return submission


def _route(request: HttpRequest) -> Route:
    return Route(prefix="", actor=request.user)


@require_GET
@citizen_required
def submission_list(request: HttpRequest) -> HttpResponse:
    """My drafts and submissions, and the procedures I can file online (searchable)."""
    query = request.GET.get("q", "")[:200]
    context = {
        "submissions": citizen_submissions(request_citizen(request))[:100],
        "procedures": online_procedures(query=query)[:30],
        "query": query,
    }
    return render(request, "submissions/list.html", context)


@require_POST
@citizen_required
def submission_start(request: HttpRequest, national_code: str) -> HttpResponse:
    procedure = Procedure.objects.filter(national_code=national_code).select_related("current_version").first()
    if procedure is None or procedure.current_version is None:
        raise Http404
    try:
        submission = services.submission_start(
            account=request_citizen(request), version=procedure.current_version, actor=request.user
        )
    except ApplicationError as error:
        raise Http404(error.render()) from error
    return redirect("submissions:step", reference=submission.reference, step="thu-tuc")


@require_GET
@citizen_required
def submission_detail(request: HttpRequest, reference: str) -> HttpResponse:
    """Where my submission stands: its history, what to supplement, the reasons it was refused, its slips; once
    accepted, the dossier's code, the receipt and the link to pay."""
    submission = _mine(request, reference)
    dossier = submission.dossier
    context = {
        "submission": submission,
        "events": submission.events.order_by("seq"),
        "slips": slip_events(submission),
        "latest_slip": slip_events(submission).last(),
        "pay_url": payment_link_path(code=dossier.code) if dossier is not None and dossier.fees_charged else "",
        "route": _route(request),
        "continue_url": reverse("submissions:step", args=[submission.reference, "thu-tuc"]),
    }
    return render(request, "submissions/detail.html", context)


@require_http_methods(["GET", "POST"])
@citizen_required
def submission_step(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    return steps.step_page(request, _mine(request, reference), step, _route(request))


@require_POST
@citizen_required
def submission_submit(request: HttpRequest, reference: str) -> HttpResponse:
    return steps.submit(request, _mine(request, reference), _route(request))


@require_GET
@citizen_required
def submission_paper(request: HttpRequest, reference: str, paper_id: str) -> HttpResponseBase:
    return steps.paper_file(_mine(request, reference), stored_int(paper_id))


@require_POST
@citizen_required
def submission_paper_remove(request: HttpRequest, reference: str, paper_id: str) -> HttpResponse:
    return steps.paper_remove(request, _mine(request, reference), stored_int(paper_id), _route(request))


def slip_response(submission: OnlineSubmission, seq: int | None) -> HttpResponse:
    """Slip 02 or 03 of one of the submission's supplement requests or refusals."""
    event = slip_events(submission).filter(seq=seq).first() if seq is not None else None
    if event is None:
        raise Http404
    draft = services.submission_slip_draft(submission=submission, event=event)
    name = "bo-sung" if event.slip_kind == "02" else "tu-choi"
    return pdf_response(
        slip_pdf(kind=event.slip_kind, draft=draft), filename=f"phieu-{name}-{submission.reference}.pdf"
    )


@require_GET
@citizen_required
def submission_slip(request: HttpRequest, reference: str, seq: str) -> HttpResponse:
    return slip_response(_mine(request, reference), stored_int(seq))


@require_GET
@citizen_required
def submission_receipt(request: HttpRequest, reference: str) -> HttpResponse:
    """Slip 01 of the dossier the submission became."""
    submission = _mine(request, reference)
    if submission.dossier is None:
        raise Http404
    try:
        pdf = slip_pdf(kind="01", dossier=submission.dossier)
    except SlipUnavailable as error:
        raise Http404 from error
    return pdf_response(pdf, filename=f"phieu-tiep-nhan-{submission.dossier.code}.pdf")
