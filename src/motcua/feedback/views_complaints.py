"""The filer's petition pages: a signed-in citizen's list, form and detail (``/cong-dan/phan-anh/…``), and the
pages of someone not signed in, who proves the dossier is theirs with the receipt's code and secret and follows the
petition by its reference (``/phan-anh/…``). Thin: parse, call one service, render (docs/feedback.md)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from motcua.citizens.access import citizen_required, request_citizen
from motcua.citizens.models import CitizenAccount
from motcua.citizens.selectors import citizen_dossier, citizen_dossiers
from motcua.core.errors import ApplicationError
from motcua.core.throttle import ClientThrottle
from motcua.dossiers.selectors import dossier_get_for_lookup

from . import errors
from .forms import ComplaintForm, GuestComplaintForm, TextForm
from .lifecycle import Actor, actions_offered
from .links import complaint_path
from .models import Complaint
from .selectors import citizen_complaints
from .services import complaint_file, complaint_reply

GUEST_THROTTLE = ClientThrottle("feedback.guest", limit=lambda: settings.FEEDBACK_GUEST_FILINGS_PER_HOUR)


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
@citizen_required
def my_complaints(request: HttpRequest) -> HttpResponse:
    complaints = citizen_complaints(account=request_citizen(request))[:200]
    return _private(render(request, "feedback/my_complaints.html", {"complaints": complaints}))


@require_http_methods(["GET", "POST"])
@citizen_required
def my_complaint_new(request: HttpRequest) -> HttpResponse:
    account = request_citizen(request)
    codes = list(citizen_dossiers(account).order_by("-received_at").values_list("code", flat=True)[:100])
    initial = {"phone": account.phone, "email": account.email, "dossier": request.GET.get("ho-so", "")[:60]}
    form = ComplaintForm(request.POST or None, dossier_codes=codes, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        dossier = citizen_dossier(account, data["dossier"]) if data["dossier"] else None
        try:
            complaint = complaint_file(
                name=account.full_name,
                phone=data["phone"],
                email=data["email"],
                category=data["category"],
                subject=data["subject"],
                body=data["body"],
                account=account,
                dossier=dossier,
                province=data["province"],
            )
        except ApplicationError as error:
            form.error_show(error)
        else:
            messages.success(request, _("Your petition has been received. Its reference is %s.") % complaint.reference)
            return redirect(complaint_path(reference=complaint.reference, with_account=True))
    status = 400 if form.is_bound else 200
    return _private(render(request, "feedback/complaint_form.html", {"form": form}, status=status))


def _detail(request: HttpRequest, complaint: Complaint, *, account: CitizenAccount | None) -> HttpResponse:
    form = TextForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                complaint_reply(complaint=complaint, account=account, reply=form.cleaned_data["text"])
            except ApplicationError as error:
                form.error_show(error)
            else:
                messages.success(request, _("Your reply has been sent to the handler."))
                return redirect(request.path)
        status = 400
    context = {
        "complaint": complaint,
        "events": complaint.events.exclude(action="flag").order_by("seq"),
        "may_reply": bool(actions_offered(complaint.status, actor=Actor.FILER)),
        "form": form,
    }
    return _private(render(request, "feedback/complaint_detail.html", context, status=status))


@require_http_methods(["GET", "POST"])
@citizen_required
def my_complaint(request: HttpRequest, reference: str) -> HttpResponse:
    account = request_citizen(request)
    complaint = citizen_complaints(account=account).filter(reference=reference[:20]).first()
    if complaint is None:
        raise Http404
    return _detail(request, complaint, account=account)


@require_http_methods(["GET", "POST"])
def guest_complaint(request: HttpRequest, reference: str) -> HttpResponse:
    """A petition filed without an account, by its reference (random, so it is the filer's key); one filed from
    an account opens only behind its sign-in."""
    complaint = Complaint.objects.filter(reference=reference[:20], account__isnull=True).first()
    if complaint is None:
        raise Http404
    return _detail(request, complaint, account=None)


@require_http_methods(["GET", "POST"])
def guest_complaint_new(request: HttpRequest) -> HttpResponse:
    form = GuestComplaintForm(request.POST or None)
    status = 400 if form.is_bound else 200
    if request.method == "POST":
        if GUEST_THROTTLE.blocked(request):
            form.is_valid()
            form.error_show(errors.complaint_too_many())
            return _private(render(request, "feedback/guest_complaint_form.html", {"form": form}, status=429))
        if form.is_valid():
            data = form.cleaned_data
            GUEST_THROTTLE.count(request)
            dossier = dossier_get_for_lookup(code=data["dossier_code"], secret=data["secret"])
            try:
                if dossier is None:
                    raise errors.complaint_dossier_not_found()
                complaint = complaint_file(
                    name=data["name"],
                    phone=data["phone"],
                    email=data["email"],
                    category=data["category"],
                    subject=data["subject"],
                    body=data["body"],
                    dossier=dossier,
                )
            except ApplicationError as error:
                form.error_show(error)
            else:
                messages.success(
                    request,
                    _("Your petition has been received. Keep its reference %s: with it you follow the answer.")
                    % complaint.reference,
                )
                return redirect(complaint_path(reference=complaint.reference, with_account=False))
    return _private(render(request, "feedback/guest_complaint_form.html", {"form": form}, status=status))
