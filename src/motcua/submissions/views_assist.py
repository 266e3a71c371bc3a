"""Assisted filing at the counter (``/quay/ho-tro-nop/``): a postal clerk helps a citizen file online with the
citizen's own account. The clerk types the citizen's ID number; a one-time code goes to the account's phone and
e-mail; the citizen reads it out; the consent (who, when, which clerk) is recorded; then the clerk fills in the same
steps as the citizen would, the submission owned by the citizen's account with the clerk as its helper."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.agencies.roles import COUNTER_ROLES
from motcua.core.errors import ApplicationError
from motcua.core.input_guard import stored_int
from motcua.desk.access import roles_required
from motcua.desk.counter_reception import points_to_receive_at
from motcua.procedures.models import Procedure

from . import services, steps
from .forms import AssistStartForm, ConsentCodeForm
from .models import AssistConsent, OnlineSubmission
from .selectors import online_procedures, slip_events
from .steps import Route


def _route(request: HttpRequest) -> Route:
    return Route(prefix="assist_", actor=request.user)


def _consent(request: HttpRequest, reference: str) -> AssistConsent:
    consent = (
        AssistConsent.objects.select_related("owner").filter(reference=reference, clerk_id=request.user.pk).first()
    )
    if consent is None:
        raise Http404
    return consent


def _helped(request: HttpRequest, reference: str) -> OnlineSubmission:
    """A submission this clerk is filing, while the citizen's consent holds; 404 otherwise."""
    submission = (
        OnlineSubmission.objects.select_related("owner", "consent", "procedure_version__procedure", "receiving_point")
        .filter(reference=reference, helper_id=request.user.pk)
        .first()
    )
    if submission is None or not services.consent_valid(consent=submission.consent, clerk=request.user):
        raise Http404
    return submission


@require_http_methods(["GET", "POST"])
@roles_required(COUNTER_ROLES)
def assist_start(request: HttpRequest) -> HttpResponse:
    form = AssistStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consent = services.consent_request(
                clerk=request.user,
                id_number=form.cleaned_data["id_number"],
                point=points_to_receive_at(request).first(),
            )
        except ApplicationError as error:
            form.add_error("id_number", error.render())
        else:
            return redirect("submissions:assist_consent", reference=consent.reference)
    return render(request, "submissions/assist_start.html", {"form": form})


@require_http_methods(["GET", "POST"])
@roles_required(COUNTER_ROLES)
def assist_consent(request: HttpRequest, reference: str) -> HttpResponse:
    """The code the citizen read out. Once it matches, the procedures the clerk may start for them."""
    consent = _consent(request, reference)
    form = ConsentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consent = services.consent_confirm(consent=consent, clerk=request.user, code=form.cleaned_data["code"])
        except ApplicationError as error:
            consent.refresh_from_db()
            form.add_error("code", error.render())
        else:
            messages.success(request, _("Consent recorded."))
            return redirect("submissions:assist_consent", reference=consent.reference)
    valid = services.consent_valid(consent=consent, clerk=request.user)
    query = request.GET.get("q", "")[:200]
    context = {
        "consent": consent,
        "form": form,
        "valid": valid,
        "procedures": online_procedures(query=query)[:30] if valid else [],
        "query": query,
        "submissions": consent.submissions.order_by("-updated_at") if valid else [],
    }
    return render(request, "submissions/assist_consent.html", context)


@require_POST
@roles_required(COUNTER_ROLES)
def assist_begin(request: HttpRequest, reference: str, national_code: str) -> HttpResponse:
    consent = _consent(request, reference)
    if not services.consent_valid(consent=consent, clerk=request.user):
        raise Http404
    procedure = Procedure.objects.filter(national_code=national_code).select_related("current_version").first()
    if procedure is None or procedure.current_version is None:
        raise Http404
    try:
        submission = services.submission_start(
            account=consent.owner,
            version=procedure.current_version,
            actor=request.user,
            helper=request.user,
            consent=consent,
        )
    except ApplicationError as error:
        raise Http404(error.render()) from error
    return redirect("submissions:assist_step", reference=submission.reference, step="thu-tuc")


@require_GET
@roles_required(COUNTER_ROLES)
def assist_detail(request: HttpRequest, reference: str) -> HttpResponse:
    submission = _helped(request, reference)
    context = {
        "submission": submission,
        "events": submission.events.order_by("seq"),
        "slips": slip_events(submission),
        "latest_slip": slip_events(submission).last(),
        "route": _route(request),
        "assisted": True,
        "continue_url": reverse("submissions:assist_step", args=[submission.reference, "thu-tuc"]),
    }
    return render(request, "submissions/detail.html", context)


@require_http_methods(["GET", "POST"])
@roles_required(COUNTER_ROLES)
def assist_step(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    return steps.step_page(request, _helped(request, reference), step, _route(request))


@require_POST
@roles_required(COUNTER_ROLES)
def assist_submit(request: HttpRequest, reference: str) -> HttpResponse:
    return steps.submit(request, _helped(request, reference), _route(request))


@require_GET
@roles_required(COUNTER_ROLES)
def assist_paper(request: HttpRequest, reference: str, paper_id: str) -> HttpResponseBase:
    return steps.paper_file(_helped(request, reference), stored_int(paper_id))


@require_POST
@roles_required(COUNTER_ROLES)
def assist_paper_remove(request: HttpRequest, reference: str, paper_id: str) -> HttpResponse:
    return steps.paper_remove(request, _helped(request, reference), stored_int(paper_id), _route(request))
