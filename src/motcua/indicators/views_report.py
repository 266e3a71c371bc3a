"""The monthly report of the index as PDF: the total and its grade, every indicator with its points, the ranking,
the trend and the receptions by hour as SVG charts (no JavaScript runs in a PDF), and the points lost.

It is an internal statistic of the province's one-stop work, not an administrative document: it carries no
document number, no signature and no seal, and says so on its first line (docs/indicators.md, "Dashboards").
Printed in Vietnamese on A4 with WeasyPrint, fonts from the system, nothing fetched (as the planner's report is).
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency, AgencyKind, AgencyLevel
from motcua.core import charts
from motcua.core.localtime import local_date
from motcua.localities.models import Province

from .scores import Ranked
from .views_figures import WEEKDAYS, Dashboard, dashboard_tables, period_label

REPORT_RANKED = 10  # the chart's bars (one page); the table after it has every province


def _svgs(board: Dashboard) -> dict[str, Any]:
    tables = {table.key: table for table in dashboard_tables(board)}
    groups = tables["groups"]
    got = charts.Series(_("Points"), charts.SERIES_COLOURS[1])
    most = charts.Series(_("Maximum"), charts.GRID)
    svgs = {
        "groups": charts.bars(
            title=groups.title,
            desc=_("Points of each group against its maximum."),
            series=[got, most],
            groups=[(row[0], [row[1], row[2]]) for row in groups.rows],
            fmt=lambda v: charts.number(v, 2),
            width=520,
        ),
        "provinces": charts.bars(
            title=tables["provinces"].title,
            desc=_("Total points of the first provinces, the highest first."),
            series=[charts.Series(_("Points"), charts.SERIES_COLOURS[2])],
            groups=[(f"{r.rank}. {r.scores.scope.name}", [r.scores.total]) for r in _charted(board)],
            fmt=lambda v: charts.number(v, 2),
            width=520,
        ),
        "trend": charts.bars(
            title=tables["trend"].title,
            desc=_("Total points of each of the last twelve months."),
            series=[charts.Series(_("Points"), charts.SERIES_COLOURS[0])],
            groups=[(month.first_day.strftime("%m/%Y"), [scores.total]) for month, scores in board.trend],
            fmt=lambda v: charts.number(v, 2),
            width=520,
        ),
        "heat": charts.heatmap(
            title=tables["heat"].title,
            desc=_("Dossiers received in the period, by weekday and hour of reception."),
            rows=WEEKDAYS,
            columns=[f"{h}h" for h in board.hours],
            values=board.heat,
        ),
    }
    return {"svgs": svgs, "tables": tables}


def _charted(board: Dashboard) -> list[Ranked]:
    """The first provinces, and the scope's own province when it ranks lower."""
    shown = board.provinces[:REPORT_RANKED]
    own = board.province_rank
    return shown if own is None or own in shown else [*shown, own]


def _one_stop_unit(province_code: str | None) -> Agency | None:
    if not province_code:
        return None
    units = Agency.objects.filter(
        province_id=province_code, level=AgencyLevel.PROVINCE, kind__in=[AgencyKind.ONE_STOP, AgencyKind.SERVICE_CENTRE]
    )
    return units.order_by("code").first()


def report_context(board: Dashboard) -> dict[str, Any]:
    province = Province.objects.filter(code=board.province_code).first() if board.province_code else None
    return {
        **_svgs(board),
        "board": board,
        "province": province,
        "unit": _one_stop_unit(board.province_code),
        "period_label": period_label(board.period),
        "total": charts.number(board.scores.total, 2),
        "lost_rows": [
            [
                f"{line.indicator.code} · {line.indicator.label_vi}",
                charts.percent(line.rate or 0.0, 1),
                charts.percent(float(line.indicator.threshold), 1),
                charts.number(lost, 2),
            ]
            for line, lost, _url in board.lost
        ],
        "day": local_date(),
        "generated_at": timezone.localtime(),
    }


def report_html(board: Dashboard) -> str:
    with translation.override("vi"):
        return render_to_string("indicators/report.html", report_context(board))


def report_pdf(board: Dashboard) -> bytes:
    from weasyprint import HTML  # heavy import, only when printing
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    pdf = HTML(string=report_html(board), base_url=None, url_fetcher=fetcher).write_pdf()
    assert pdf is not None
    return bytes(pdf)
