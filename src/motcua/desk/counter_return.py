"""Returning a result at the counter: the results waiting at my points, and the return form (who collected
it, identity paper checked, and for someone other than the applicant their relation and authorization paper:
the service's ``collector_check``, the same rule as the postman's delivery). A page left open while a colleague
returned the result says so and keeps what was typed. The result document is served by the dossier page
(``desk:dossier_result``)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from motcua.core.errors import ApplicationError
from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.selectors import dossier_history, dossier_list_at_my_points
from motcua.dossiers.services.act import dossier_act, dossier_last_seq

from .access import COUNTER_ROLES, dossier_or_404, roles_required
from .counter_forms import ReturnForm, ReturnSearchForm, _digits

SHOWN = 50


@require_GET
@roles_required(COUNTER_ROLES)
def counter_returns(request: HttpRequest) -> HttpResponse:
    """Results waiting at my points, oldest appointment first; a search by code or ID number finding one result
    opens its return form."""
    form = ReturnSearchForm(request.GET or None)
    query = form.query()
    waiting = dossier_list_at_my_points(user=request.user).filter(status=Status.RESULT_AT_COUNTER)
    if query:
        waiting = waiting.filter(Q(code__iexact=query) | Q(applicant_id_number=_digits(query)))
        found = list(waiting[:2])
        if len(found) == 1:
            return redirect("desk:counter_return", code=found[0].code)
    context = {"form": form, "query": query, "waiting": waiting.order_by("appointment_at")[:SHOWN]}
    return render(request, "desk/counter/returns.html", context)


@require_http_methods(["GET", "POST"])
@roles_required(COUNTER_ROLES)
def counter_return(request: HttpRequest, code: str) -> HttpResponse:
    dossier = dossier_or_404(request, code)
    form = ReturnForm(request.POST or None, initial={"expected_seq": dossier_last_seq(dossier=dossier)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dossier_act(
                dossier=dossier,
                actor=request.user,
                action=Action.RETURN_RESULT,
                expected_seq=data["expected_seq"],
                collector_name=data["collector_name"],
                collector_id_number=data["collector_id_number"],
                identity_checked=data["identity_checked"],
                collector_relation=data["collector_relation"],
                collector_authorization=data["collector_authorization"],
                note=data["note"],
            )
        except ApplicationError as error:
            if error.code == "dossier_changed":
                # What was typed stays; the page now shows the dossier as it is, and acting again acts on that.
                dossier.refresh_from_db()
                posted = request.POST.copy()
                posted["expected_seq"] = str(dossier_last_seq(dossier=dossier))
                form = ReturnForm(posted)
                form.is_valid()
            form.add_service_error(error)
        else:
            messages.success(request, _("Result of %(code)s returned.") % {"code": dossier.code})
            return redirect("desk:counter_returns")
    returned = dossier_history(dossier=dossier).filter(action=Action.RETURN_RESULT).last()
    context = {
        "dossier": dossier,
        "form": form,
        "waiting": dossier.status == Status.RESULT_AT_COUNTER,
        "returned": returned,
        "applicant_fill": json.dumps(
            {"id_collector_name": dossier.applicant_name, "id_collector_id_number": dossier.applicant_id_number},
            ensure_ascii=False,
        ),
    }
    return render(request, "desk/counter/return.html", context)
