"""Counter pages (postal clerk): the home with the procedure search, and a procedure's guidance.

Reception and the receipt are in ``counter_reception``, the hand-over in ``counter_handover``, the
return of results in ``counter_return``.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from motcua.agencies.selectors import receiving_points_for
from motcua.core.errors import ApplicationError
from motcua.core.htmx import is_htmx
from motcua.core.localtime import local_date, local_day_bounds
from motcua.dossiers.lifecycle import Status
from motcua.dossiers.selectors import dossier_list_at_my_points
from motcua.dossiers.slips import slip_pdf
from motcua.procedures.models import Fee, ProcedureVersion
from motcua.procedures.selectors import procedure_get_published, procedure_search

from .access import COUNTER_ROLES, roles_required
from .counter_forms import ProcedureSearchForm
from .counter_search import (
    DOSSIERS_SHOWN,
    WAITING_SHOWN,
    DossierSearchForm,
    counter_dossier_search,
    counter_waiting_supplement,
)
from .slips import pdf_response

RESULTS_SHOWN = 15


def published_or_404(national_code: str) -> ProcedureVersion:
    """The current published version of a procedure, or 404 in the page's language."""
    try:
        return procedure_get_published(national_code=national_code)
    except ApplicationError as error:
        if error.code == "procedure_not_found":
            raise Http404(error.render(get_language() or "vi")) from error
        raise


def _today_bounds() -> tuple[datetime, datetime]:
    return local_day_bounds(local_date())


@require_GET
@roles_required(COUNTER_ROLES)
def counter_home(request: HttpRequest) -> HttpResponse:
    """Find a procedure (live results with htmx, a plain GET without) or a dossier (code, ID number, name), and
    the day's work at my points: received today, to hand over, to return, waiting for a supplement."""
    form = ProcedureSearchForm(request.GET or None)
    query = form.query()
    results = None
    if query:
        found = procedure_search(query=query).prefetch_related(
            Prefetch("current_version__fees", queryset=Fee.objects.order_by("order"))
        )
        results = {"items": list(found[:RESULTS_SHOWN]), "count": found.count(), "query": query}
    if is_htmx(request, target="procedure-results"):
        response = render(request, "desk/counter/_procedure_results.html", {"results": results})
    else:
        mine = dossier_list_at_my_points(user=request.user)
        start, end = _today_bounds()
        dossier_form = DossierSearchForm(request.GET or None)
        words = dossier_form.query()
        dossiers = None
        if words:
            matching = counter_dossier_search(user=request.user, words=words)
            dossiers = {"items": list(matching[:DOSSIERS_SHOWN]), "count": matching.count(), "query": words}
        waiting = counter_waiting_supplement(user=request.user)
        context = {
            "form": form,
            "results": results,
            "dossier_form": dossier_form,
            "dossiers": dossiers,
            "waiting_supplement": list(waiting[:WAITING_SHOWN]),
            "waiting_supplement_count": waiting.count(),
            "today": mine.filter(received_at__gte=start, received_at__lt=end).order_by("-received_at"),
            "to_hand_over": mine.filter(status=Status.RECEIVED).count(),
            "to_return": mine.filter(status=Status.RESULT_AT_COUNTER).count(),
            "points": receiving_points_for(user=request.user).order_by("name"),
        }
        response = render(request, "desk/counter/home.html", context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


@require_GET
@roles_required(COUNTER_ROLES)
def counter_procedure(request: HttpRequest, national_code: str) -> HttpResponse:
    """A procedure's guidance: the checklist, fees, time limit, result and return, to guide the applicant."""
    version = published_or_404(national_code)
    return render(request, "desk/counter/procedure.html", {"version": version, "procedure": version.procedure})


@require_GET
@xframe_options_sameorigin
@roles_required(COUNTER_ROLES)
def counter_guidance_pdf(request: HttpRequest, national_code: str) -> HttpResponse:
    """The guidance slip, issued by the clerk's receiving point (their first, when they have several)."""
    version = published_or_404(national_code)
    point = receiving_points_for(user=request.user).order_by("name").first()
    pdf = slip_pdf(kind="guidance", version=version, point=point, official=str(request.user))
    return pdf_response(pdf, filename=f"huong-dan-{national_code}.pdf", download="download" in request.GET)
