"""The one-stop's online inbox: the submissions waiting at the points the clerk may receive at (the counter's own
permission, ``user_may_receive_at``), oldest first; a submission's page with its form data and papers, and the three
decisions. A clerk of another point sees nothing (404)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from motcua.agencies.roles import COUNTER_ROLES
from motcua.core.errors import ApplicationError
from motcua.core.input_guard import stored_int
from motcua.desk.access import roles_required
from motcua.procedures.eform import version_eform_fields

from . import services, steps
from .eform import declared_values, stored_initial
from .forms import DecisionForm, InboxFilterForm
from .lifecycle import DECISIONS, SubmissionAction, SubmissionStatus
from .models import OnlineSubmission
from .selectors import inbox, inbox_points, inbox_submission, slip_events
from .views_citizen import slip_response


def _found(request: HttpRequest, reference: str) -> OnlineSubmission:
    submission = inbox_submission(user=request.user, reference=reference)
    if submission is None:
        raise Http404
    return submission


@require_GET
@roles_required(COUNTER_ROLES)
def inbox_list(request: HttpRequest) -> HttpResponse:
    points = inbox_points(user=request.user)
    statuses = [(s.value, s.label) for s in SubmissionStatus if s != SubmissionStatus.DRAFT]
    form = InboxFilterForm(request.GET or None, points=points, statuses=statuses)
    status, point_id, query = SubmissionStatus.SUBMITTED.value, None, ""
    if form.is_bound and form.is_valid():
        status = form.cleaned_data["status"] or SubmissionStatus.SUBMITTED.value
        point_id = stored_int(form.cleaned_data["point"] or "")
        query = form.cleaned_data["q"].strip()
    found = inbox(user=request.user, status=status, point_id=point_id, query=query)[:200]
    return render(request, "submissions/inbox.html", {"form": form, "submissions": found, "status": status})


def _offered(submission: OnlineSubmission, user: object) -> list[str]:
    offered = []
    for action in DECISIONS:
        try:
            services.decision_check(submission=submission, action=action, actor=user)
        except ApplicationError:
            continue
        offered.append(str(action))
    return offered


def _page(request: HttpRequest, submission: OnlineSubmission, form: DecisionForm, status: int = 200) -> HttpResponse:
    context = {
        "submission": submission,
        "initial": stored_initial(submission.form_data),
        "declared": declared_values(submission.form_data, version_eform_fields(submission.procedure_version)),
        "papers": submission.papers.select_related("component", "document"),
        "events": submission.events.select_related("actor").order_by("seq"),
        "slips": slip_events(submission),
        "problems": [p.render() for p in services.submission_problems(submission)],
        "quote": steps.quote_or_none(submission),
        "form": form,
        "offered": _offered(submission, request.user),
    }
    return render(request, "submissions/inbox_detail.html", context, status=status)


@require_GET
@roles_required(COUNTER_ROLES)
def inbox_detail(request: HttpRequest, reference: str) -> HttpResponse:
    submission = _found(request, reference)
    return _page(request, submission, DecisionForm(submission=submission))


@require_POST
@roles_required(COUNTER_ROLES)
def inbox_decide(request: HttpRequest, reference: str, action: str) -> HttpResponse:
    """One decision, posted from the submission's page. The loser of two clerks deciding at once is told the
    submission is decided already."""
    submission = _found(request, reference)
    form = DecisionForm(request.POST, submission=submission)
    if action not in DECISIONS:
        raise Http404
    if not form.is_valid():
        return _page(request, submission, form, status=400)
    data, lead = form.cleaned_data, form.lead_agency_id()
    try:
        if action == SubmissionAction.ACCEPT:
            dossier = services.submission_accept(submission=submission, actor=request.user, lead_agency_id=lead)
            messages.success(request, _("Accepted: dossier %(code)s is registered.") % {"code": dossier.code})
            return redirect("desk:counter_receipt", code=dossier.code)
        if action == SubmissionAction.REQUEST_SUPPLEMENT:
            services.submission_request_supplement(
                submission=submission,
                actor=request.user,
                lead_agency_id=lead,
                items=data["items"],
                reason=data["reason"],
            )
            messages.success(request, _("The supplement request (slip 02) is sent to the applicant."))
        else:
            services.submission_refuse(
                submission=submission, actor=request.user, lead_agency_id=lead, reasons=data["reasons"]
            )
            messages.success(request, _("The refusal (slip 03) is sent to the applicant."))
    except ApplicationError as error:
        submission.refresh_from_db()
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.render())
        return _page(request, submission, form, status=error.status)
    return redirect("submissions:inbox_detail", reference=submission.reference)


@require_GET
@roles_required(COUNTER_ROLES)
def inbox_paper(request: HttpRequest, reference: str, paper_id: str) -> HttpResponseBase:
    return steps.paper_file(_found(request, reference), stored_int(paper_id))


@require_GET
@roles_required(COUNTER_ROLES)
def inbox_slip(request: HttpRequest, reference: str, seq: str) -> HttpResponse:
    return slip_response(_found(request, reference), stored_int(seq))
