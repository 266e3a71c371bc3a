"""The dashboards of the index (docs/indicators.md, "Dashboards"): the page of a scope and period, its tables as
one Excel workbook, and the monthly report as PDF. Thin: parse the scope and period, check the reader's reach,
read the figures (:mod:`.views_figures`), render."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.core.charts import heatmap, number
from motcua.core.errors import ApplicationError
from motcua.core.localtime import local_date
from motcua.localities.models import Commune, Province

from .periods import Period, period_parse
from .scopes import Scope, scope_parse
from .scores import Line, Ranked
from .views_access import DashboardReach, dashboard_reach, dashboard_readers, scope_or_404
from .views_figures import (
    WEEKDAYS,
    Dashboard,
    Table,
    dashboard_read,
    dashboard_tables,
    grade_shown,
    group_maxima,
    period_choices,
    period_label,
)
from .views_report import report_pdf
from .views_xlsx import dashboard_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _default_scope(reach: DashboardReach) -> str:
    return "country" if reach.country or not reach.provinces else f"province:{min(reach.provinces)}"


def _asked(request: HttpRequest, reach: DashboardReach) -> tuple[Scope, Period]:
    """The scope and period of the query string (by default the reader's widest scope and this month)."""
    scope_text = request.GET.get("scope") or _default_scope(reach)
    period_text = request.GET.get("period") or local_date().strftime("%Y-%m")
    period = period_parse(period_text)
    return scope_or_404(reach, scope_parse(scope_text)), period


def _board(request: HttpRequest) -> Dashboard | HttpResponse:
    reach = dashboard_reach(user=request.user)
    try:
        scope, period = _asked(request, reach)
    except ApplicationError as error:
        status = 404 if error.status == 404 else 400
        return render(request, "indicators/refused.html", {"error": error}, status=status)
    return dashboard_read(scope=scope, period=period, province_code=reach.province_of(scope))


def _scope_choices(reach: DashboardReach) -> list[tuple[str, list[tuple[str, str]]]]:
    """The scopes offered in the form: the country and the provinces for a country-wide reader; else his
    provinces with their communes."""
    if reach.country:
        provinces = [(f"province:{p.code}", p.name) for p in Province.objects.all()]
        return [(_("Country"), [("country", _("Whole country"))]), (_("Provinces"), provinces)]
    choices = []
    for province in Province.objects.filter(code__in=reach.provinces):
        communes = Commune.objects.filter(province=province).order_by("name")
        options = [(f"province:{province.code}", province.name)]
        options += [(f"commune:{c.code}", c.name) for c in communes]
        choices.append((province.name, options))
    return choices


def _bars(ranking: list[Ranked], highlight: str) -> dict[str, Any]:
    return {
        "labels": [r.scores.scope.name for r in ranking],
        "values": [r.scores.total for r in ranking],
        "highlight": [r.scores.scope.code == highlight for r in ranking],
    }


def _chart_data(board: Dashboard) -> dict[str, Any]:
    """What dashboard.js draws; the same numbers as the tables after each chart."""
    maxima = group_maxima(board.scores)
    highlight = board.scope.code
    return {
        "groups": {
            "labels": [row[0] for row in next(t for t in dashboard_tables(board) if t.key == "groups").rows],
            "got": list(board.scores.groups.values()),
            "max": [maxima.get(g, 0.0) for g in board.scores.groups],
            "got_label": _("Points"),
            "max_label": _("Maximum"),
        },
        "provinces": _bars(board.provinces, board.province_code or highlight),
        "departments": _bars(board.departments, highlight),
        "communes": _bars(board.communes, highlight),
        "trend": {
            "labels": [month.first_day.strftime("%m/%Y") for month, _scores in board.trend],
            "values": [scores.total for _month, scores in board.trend],
            "label": _("Points"),
        },
    }


def _lines(board: Dashboard, table: Table) -> list[tuple[Line, list[str], str, str | None]]:
    """Each indicator's line, its cells as shown, and the points it lost with the page explaining them."""
    lost = {line.indicator.code: (points, url) for line, points, url in board.lost}
    rows = []
    for line, shown in zip(board.scores.lines, table.shown_rows, strict=True):
        points, url = lost.get(line.indicator.code, (0.0, None))
        rows.append((line, shown, number(points, 2) if points else "", url))
    return rows


@dashboard_readers
def dashboard(request: HttpRequest) -> HttpResponse:
    board = _board(request)
    if isinstance(board, HttpResponse):
        return board
    reach = dashboard_reach(user=request.user)
    tables = {table.key: table for table in dashboard_tables(board)}
    context = {
        "board": board,
        "tables": tables,
        "lines": _lines(board, tables["indicators"]),
        "total": number(board.scores.total, 2),
        "last_day": board.period.end_day - timedelta(days=1),
        "heat_svg": heatmap(
            title=tables["heat"].title,
            desc=_(
                "Dossiers received in the period, by weekday and hour of reception; the table below has the same "
                "numbers."
            ),
            rows=WEEKDAYS,
            columns=[f"{h}h" for h in board.hours],
            values=board.heat,
        ),
        "grade": grade_shown(board.scores.grade),
        "period_label": period_label(board.period),
        "scope_choices": _scope_choices(reach),
        "period_choices": period_choices(local_date()),
        "chart_data": _chart_data(board),
        "query": request.GET.urlencode(),
        "ranked_province": board.province_rank,
    }
    return render(request, "indicators/dashboard.html", context)


def _filename(board: Dashboard, extension: str) -> str:
    scope = board.scope.key.replace(":", "-")
    return f"chi-so-{scope}-{board.period.key}.{extension}"


@dashboard_readers
def dashboard_xlsx(request: HttpRequest) -> HttpResponse:
    board = _board(request)
    if isinstance(board, HttpResponse):
        return board
    heading = f"{board.scope.name} · {period_label(board.period)}"
    response = HttpResponse(dashboard_workbook(heading=heading, tables=dashboard_tables(board)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(board, "xlsx")}"'
    return response


@dashboard_readers
def dashboard_pdf(request: HttpRequest) -> HttpResponse:
    board = _board(request)
    if isinstance(board, HttpResponse):
        return board
    response = HttpResponse(report_pdf(board), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(board, "pdf")}"'
    return response
