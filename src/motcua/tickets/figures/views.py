"""The supervisor's queue figures page and its Excel file: parse the filters, compute, render.

Clerks open it too (their own centres, their own line among the clerks); supervisors see the centres they
oversee (``scope``). The same filters drive the page and the workbook, so the two never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from motcua.agencies.roles import COUNTER_ROLES, SUPERVISOR_ROLES
from motcua.core.errors import ApplicationError
from motcua.desk.access import roles_required

from . import charts
from .compute import Figures, figures_compute
from .export import XLSX, figures_tickets, figures_xlsx
from .forms import FiguresForm
from .scope import figures_points_pick, supervises

FIGURE_ROLES = tuple(dict.fromkeys((*SUPERVISOR_ROLES, *COUNTER_ROLES)))
TEMPLATE = "tickets/figures/page.html"


def _clerk_filter(request: HttpRequest) -> Callable[[int | None], bool]:
    if supervises(user=request.user):
        return lambda _clerk_id: True
    return lambda clerk_id: clerk_id == request.user.pk


def _figures(request: HttpRequest) -> tuple[FiguresForm, Figures | None, int]:
    """The form and the figures it asks for (None and a status when the filters are refused)."""
    try:
        everywhere = figures_points_pick(user=request.user, code=None)
    except ApplicationError as error:
        form = FiguresForm(None, points=[])
        form.refusal = error.render()  # type: ignore[attr-defined]
        return form, None, error.status
    form = FiguresForm(request.GET or None, points=everywhere)
    if request.GET and not form.is_valid():
        return form, None, 400
    data = form.cleaned_data if request.GET else {"diem": "", "tu": form.initial["tu"], "den": form.initial["den"]}
    points = [point for point in everywhere if point.code == data["diem"]] if data["diem"] else everywhere
    return form, figures_compute(points=points, start=data["tu"], end=data["den"]), 200


@require_GET
@roles_required(FIGURE_ROLES)
def figures_page(request: HttpRequest) -> HttpResponse:
    form, figures, status = _figures(request)
    context: dict[str, Any] = {"form": form, "figures": figures, "refusal": getattr(form, "refusal", "")}
    if figures is not None:
        visible = _clerk_filter(request)
        context.update(
            clerks=[row for row in figures.by_clerk if visible(row.key)],
            supervises=supervises(user=request.user),
            hours_chart=charts.hours_chart(figures),
            days_chart=charts.days_chart(figures),
            counters_chart=charts.counters_chart(figures),
            ratings_chart=charts.ratings_chart(figures),
            query=request.GET.urlencode(),
        )
    return render(request, TEMPLATE, context, status=status)


@require_GET
@roles_required(FIGURE_ROLES)
def figures_download(request: HttpRequest) -> HttpResponse:
    form, figures, status = _figures(request)
    if figures is None:
        return render(request, TEMPLATE, {"form": form, "refusal": getattr(form, "refusal", "")}, status=status)
    tickets = figures_tickets(points=figures.points, start=figures.start, end=figures.end)
    body = figures_xlsx(figures=figures, tickets=tickets, clerk_visible=_clerk_filter(request))
    codes = figures.points[0].code if len(figures.points) == 1 else "nhieu-diem"
    name = f"hang-doi-{codes}-{figures.start:%Y%m%d}-{figures.end:%Y%m%d}.xlsx"
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
