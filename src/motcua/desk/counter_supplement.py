"""Recording a supplement at the counter: the papers the request asked for, ticked and scanned like a
reception; the acknowledgement ("Giấy xác nhận đã nhận hồ sơ bổ sung") printed in one click.

The dossier page offers the action as a link here: its checklist and scans need a page of their own.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods

from motcua.agencies.models import Role
from motcua.core.errors import ApplicationError
from motcua.dossiers.actions import dossier_allowed_actions
from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_new_receipt_due
from motcua.dossiers.services.act import dossier_last_seq
from motcua.dossiers.services.supplement import dossier_supplement_record
from motcua.dossiers.slips import SlipUnavailable, slip_pdf
from motcua.dossiers.supplements import (
    supplement_papers,
    supplement_received_latest,
    supplement_request_latest,
    supplement_request_open,
)

from .access import COUNTER_ROLES, dossier_or_404, roles_required
from .counter_supplement_forms import SupplementForm, supplement_items
from .slips import pdf_response

# Who records a supplement: the one-stop side (the lifecycle's ONE_STOP), at the counter or supervising it.
SUPPLEMENT_ROLES = (*COUNTER_ROLES, Role.ONE_STOP_SUPERVISOR)


def _may_record(request: HttpRequest, dossier: Dossier) -> bool:
    allowed = dossier_allowed_actions(dossier=dossier, user=request.user)
    return any(a.action == Action.RECEIVE_SUPPLEMENT for a in allowed)


@require_http_methods(["GET", "POST"])
@roles_required(SUPPLEMENT_ROLES)
def counter_supplement(request: HttpRequest, code: str) -> HttpResponse:
    """The papers asked for, to tick and scan; confirmed, the supplement is recorded and the acknowledgement
    page follows. A dossier not waiting for a supplement (or not the user's to record) goes back to its page."""
    dossier = dossier_or_404(request, code)
    asked = supplement_request_open(dossier=dossier)
    if asked is None or not _may_record(request, dossier):
        messages.error(request, _("Dossier %(code)s is not waiting for a supplement you may record.") % {"code": code})
        return redirect("desk:dossier", code=dossier.code)
    components = list(dossier.procedure_version.components.order_by("order"))
    items = supplement_items(asked, components)
    form = SupplementForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial={"expected_seq": dossier_last_seq(dossier=dossier)},
        dossier=dossier,
        items=items,
    )
    if request.method == "POST" and form.is_valid():
        try:
            dossier_supplement_record(
                dossier=dossier,
                actor=request.user,
                papers=form.papers(),
                scans=form.scans(),
                note=form.cleaned_data.get("note") or "",
                expected_seq=form.cleaned_data["expected_seq"],
            )
        except ApplicationError as error:
            if error.code == "dossier_changed":
                data = request.POST.copy()
                data["expected_seq"] = str(dossier_last_seq(dossier=dossier))
                form.data = data
            form.add_service_error(error)
        else:
            return redirect("desk:counter_supplement_received", code=dossier.code)
    context = {"dossier": dossier, "asked": asked, "form": form}
    return render(request, "desk/counter/supplement.html", context, status=400 if form.errors else 200)


@require_GET
@roles_required(SUPPLEMENT_ROLES)
def counter_supplement_received(request: HttpRequest, code: str) -> HttpResponse:
    """The supplement recorded: the papers kept, the appointment as it stands, the acknowledgement to print."""
    dossier = dossier_or_404(request, code)
    event = supplement_received_latest(dossier=dossier)
    if event is None:
        raise Http404
    context = {
        "dossier": dossier,
        "event": event,
        "asked": supplement_request_latest(dossier=dossier),
        "papers": supplement_papers(dossier=dossier, seq=event.seq),
        "new_receipt_due": dossier_new_receipt_due(dossier=dossier),
    }
    return render(request, "desk/counter/supplement_received.html", context)


@require_GET
@xframe_options_sameorigin  # the acknowledgement page frames it to print in one click
@roles_required(SUPPLEMENT_ROLES)
def counter_supplement_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """The acknowledgement of the latest supplement recorded, as PDF."""
    dossier = dossier_or_404(request, code)
    try:
        pdf = slip_pdf(kind="supplement_received", dossier=dossier)
    except SlipUnavailable:
        raise Http404 from None
    return pdf_response(pdf, filename=f"{dossier.code}-xac-nhan-bo-sung.pdf", download="download" in request.GET)
