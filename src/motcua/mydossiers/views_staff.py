"""The clerk's side of the citizen's requests: record or decline a supplement sent online, carry out or decline a
request to stop processing, open a file sent online. The dossier is read within the clerk's scope (404 outside)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from motcua.core.errors import ApplicationError
from motcua.desk.access import COUNTER_ROLES, dossier_content_or_403, roles_required
from motcua.desk.files import stored_file_response

from . import services
from .forms import DeclineForm
from .models import CitizenSupplement, CitizenSupplementFile, StopRequest


def _back(request: HttpRequest, code: str, error: ApplicationError | None = None) -> HttpResponse:
    if error is not None:
        messages.error(request, error.render())
    return redirect("desk:dossier", code=code)


def _reason(request: HttpRequest) -> str:
    form = DeclineForm(request.POST)
    return form.cleaned_data["reason"] if form.is_valid() else ""


@require_POST
@roles_required(COUNTER_ROLES)
def supplement_handle(request: HttpRequest, code: str, pk: int, verb: str) -> HttpResponse:
    dossier = dossier_content_or_403(request, code)
    supplement = CitizenSupplement.objects.filter(pk=pk, dossier=dossier).first()
    if supplement is None or verb not in ("ghi-nhan", "tu-choi"):
        raise Http404
    try:
        if verb == "ghi-nhan":
            services.citizen_supplement_record(supplement=supplement, actor=request.user)
            messages.success(request, _("The supplement sent online was recorded; the clock runs again."))
        else:
            services.citizen_supplement_decline(supplement=supplement, actor=request.user, reason=_reason(request))
            messages.success(request, _("The applicant will read why the papers were not accepted."))
    except ApplicationError as error:
        return _back(request, code, error)
    return _back(request, code)


@require_POST
@roles_required(COUNTER_ROLES)
def stop_handle(request: HttpRequest, code: str, pk: int, verb: str) -> HttpResponse:
    dossier = dossier_content_or_403(request, code)
    stop = StopRequest.objects.filter(pk=pk, dossier=dossier).first()
    if stop is None or verb not in ("thuc-hien", "tu-choi"):
        raise Http404
    try:
        if verb == "thuc-hien":
            services.stop_request_carry_out(request=stop, actor=request.user)
            messages.success(request, _("Processing was stopped at the applicant's request."))
        else:
            services.stop_request_decline(request=stop, actor=request.user, reason=_reason(request))
            messages.success(request, _("The applicant will read why processing goes on."))
    except ApplicationError as error:
        return _back(request, code, error)
    return _back(request, code)


@require_GET
@roles_required(COUNTER_ROLES)
def supplement_file(request: HttpRequest, code: str, pk: int) -> HttpResponseBase:
    dossier = dossier_content_or_403(request, code)
    item = CitizenSupplementFile.objects.filter(pk=pk, supplement__dossier=dossier).first()
    if item is None:
        raise Http404
    return stored_file_response(item.file, filename=item.name)
