"""Hand-over at the counter: the dossiers received at my points, grouped by lead agency, handed over in one
batch per agency with a numbered hand-over list (printed in one click)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods

from motcua.agencies.models import Agency, ReceivingPoint
from motcua.agencies.selectors import receiving_points_for
from motcua.core.errors import ApplicationError
from motcua.dossiers.lifecycle import Status
from motcua.dossiers.models import Dossier, HandOver
from motcua.dossiers.selectors import dossier_list_at_my_points, handover_get_by_number, handover_list_for_user
from motcua.dossiers.services.handover import dossier_handover
from motcua.dossiers.slips import slip_pdf

from .access import COUNTER_ROLES, roles_required
from .counter_forms import HandOverForm, add_service_error
from .slips import pdf_response

EARLIER_SHOWN = 20


@dataclass
class Batch:
    """The dossiers waiting at one point for one lead agency, and the form that hands them over."""

    point: ReceivingPoint
    agency: Agency
    dossiers: list[Dossier] = field(default_factory=list)
    form: HandOverForm | None = None
    # The dossiers ticked: all of them (None) until a form sent back with an error says which.
    checked: set[int] | None = None

    @property
    def key(self) -> str:
        return f"{self.point.pk}-{self.agency.pk}"


def _batches(waiting: list[Dossier]) -> dict[str, Batch]:
    batches: dict[str, Batch] = {}
    for dossier in waiting:
        batch = Batch(dossier.receiving_point, dossier.lead_agency)
        batches.setdefault(batch.key, batch).dossiers.append(dossier)
    return batches


@require_http_methods(["GET", "POST"])
@roles_required(COUNTER_ROLES)
def counter_handover(request: HttpRequest) -> HttpResponse:
    """The batches waiting, each with its dossiers ticked; handing one over shows its hand-over list."""
    mine = dossier_list_at_my_points(user=request.user)
    points = receiving_points_for(user=request.user)
    waiting = list(
        mine.filter(status=Status.RECEIVED).order_by("receiving_point__name", "lead_agency__name", "received_at")
    )
    batches = _batches(waiting)
    stray: list[str] = []
    if request.method == "POST":
        form = HandOverForm(request.POST, points=points, dossiers=mine)
        if form.is_valid():
            try:
                handover = dossier_handover(
                    point=form.cleaned_data["point"],
                    agency=form.cleaned_data["agency"],
                    dossiers=form.cleaned_data["dossiers"],
                    actor=request.user,
                    note=form.cleaned_data["note"],
                )
            except ApplicationError as error:
                add_service_error(form, error)
            else:
                return redirect("desk:counter_handover_detail", number=handover.number)
        key = f"{request.POST.get('point')}-{request.POST.get('agency')}"
        if key in batches:
            batches[key].form = form
            batches[key].checked = {int(pk) for pk in request.POST.getlist("dossiers") if pk.isdigit()}
        else:
            # The batch is no longer waiting (handed over from another tab, say): say why nothing was done.
            stray = [str(error) for errors in form.errors.values() for error in errors]
    earlier = handover_list_for_user(user=request.user).annotate(size=Count("dossiers"))[:EARLIER_SHOWN]
    context = {"batches": list(batches.values()), "earlier": earlier, "waiting": len(waiting), "stray": stray}
    return render(request, "desk/counter/handover.html", context)


def _handover_or_404(request: HttpRequest, number: str) -> HandOver:
    try:
        return handover_get_by_number(user=request.user, number=number)
    except ApplicationError as error:
        if error.code == "handover_not_found":
            raise Http404(error.render(get_language() or "vi")) from None
        raise


@require_GET
@roles_required(COUNTER_ROLES)
def counter_handover_detail(request: HttpRequest, number: str) -> HttpResponse:
    handover = _handover_or_404(request, number)
    dossiers = handover.dossiers.select_related("procedure_version").order_by("received_at", "pk")
    return render(request, "desk/counter/handover_detail.html", {"handover": handover, "dossiers": dossiers})


@require_GET
@xframe_options_sameorigin
@roles_required(COUNTER_ROLES)
def counter_handover_pdf(request: HttpRequest, number: str) -> HttpResponse:
    handover = _handover_or_404(request, number)
    pdf = slip_pdf(kind="handover", handover=handover)
    return pdf_response(pdf, filename=f"{handover.number}.pdf", download="download" in request.GET)
