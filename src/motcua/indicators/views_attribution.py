"""The attribution pages: the dossiers and stages behind an indicator's lost points, and the alert list
(docs/indicators.md, "Attribution"). Supervisors' pages, like the desk's supervision: each sees the dossiers of
their own scope (``dossier_list_for_user``); the points are the scope's."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from motcua.agencies.roles import SUPERVISOR_ROLES
from motcua.core.errors import ApplicationError
from motcua.core.localtime import local_date
from motcua.desk.access import roles_required
from motcua.dossiers.selectors import dossier_list_for_user

from .attribution import alert_list, lost_points, score_projection
from .periods import period_parse
from .scopes import scope_parse
from .services import indicator_set_current

DEFAULT_INDICATOR = "766.on_time"


def _choices() -> list[tuple[str, str]]:
    indicator_set = indicator_set_current()
    if indicator_set is None:
        return []
    rows = indicator_set.indicators.filter(source="dossiers").order_by("order")
    return [(i.code, f"{i.code} · {i.label_vi}") for i in rows]


def _form(request: HttpRequest) -> dict[str, str]:
    return {
        "scope": request.GET.get("scope", "").strip()[:80] or "country",
        "period": request.GET.get("period", "").strip()[:20] or local_date().strftime("%Y-%m"),
        "code": request.GET.get("chi-so", "").strip()[:80] or DEFAULT_INDICATOR,
    }


@require_GET
@roles_required(SUPERVISOR_ROLES)
def lost(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    context: dict = {"form": form, "indicators": _choices()}
    try:
        scope, period = scope_parse(form["scope"]), period_parse(form["period"])
        context["lost"] = lost_points(
            scope,
            period,
            form["code"],
            dossiers=dossier_list_for_user(user=request.user),
            page=request.GET.get("trang", "1")[:12],
        )
        context["projection"] = score_projection(scope, period)
        context["scope"], context["period"] = scope, period
    except ApplicationError as error:
        context["error"] = error
        return render(request, "indicators/attribution/lost.html", context, status=error.status)
    return render(request, "indicators/attribution/lost.html", context)


@require_GET
@roles_required(SUPERVISOR_ROLES)
def alerts(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    context: dict = {"form": form}
    try:
        scope = scope_parse(form["scope"])
        context["scope"] = scope
        context["alerts"] = alert_list(scope, dossiers=dossier_list_for_user(user=request.user))
    except ApplicationError as error:
        context["error"] = error
        return render(request, "indicators/attribution/alerts.html", context, status=error.status)
    return render(request, "indicators/attribution/alerts.html", context)
