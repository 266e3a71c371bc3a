"""The dashboard's figures, read once and shown three ways: the page (charts drawn by Chart.js, each with its
table), the Excel workbook (one sheet per table) and the monthly PDF report (charts as server-side SVG).

Every figure comes from :func:`.scores.indicator_scores` and :func:`.scores.indicator_ranking`, so the page can
never disagree with the ``indicators`` command; the heat map of receptions is one grouped query over the period's
dossiers (docs/indicators.md, "Dashboards"); the postal channel's figures are :func:`.postal_figures.postal_figures`,
which the command prints too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from motcua.core.charts import number, percent
from motcua.core.localtime import LOCAL_TIME_ZONE
from motcua.core.templatetags.motcua import vnd

from .facts import dossier_facts
from .models import Group, Source
from .periods import Period, period_parse
from .postal_figures import PostalFigures, postal_figures
from .scopes import Scope, scope_parse
from .scores import GRADE_EN, Line, Ranked, Scores, indicator_ranking, indicator_scores

TREND_MONTHS = 12
WEEKDAYS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")
OPENING_HOURS = range(7, 18)  # the columns shown even when empty: a counter's working day


@dataclass
class Table:
    """One table of the page, one sheet of the workbook. ``kinds`` says how each column is written: text, int,
    rate (a share 0..1), points, vnd (whole đồng)."""

    key: str
    title: str
    headers: list[str]
    kinds: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    @property
    def header_cells(self) -> list[tuple[str, bool]]:
        """Each header, and whether its column holds numbers (aligned right)."""
        return [(header, kind != "text") for header, kind in zip(self.headers, self.kinds, strict=True)]

    @property
    def shown_rows(self) -> list[list[str]]:
        return [[_shown(value, kind) for value, kind in zip(row, self.kinds, strict=True)] for row in self.rows]


def _shown(value: Any, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "int":
        return number(value)
    if kind == "rate":
        return percent(value, 1)
    if kind == "points":
        return number(value, 2)
    if kind == "vnd":
        return vnd(value)
    return str(value)


def period_label(period: Period) -> str:
    key, year = period.key, period.first_day.year
    if len(key) == 7 and key[5:].isdigit():
        return _("Month %(month)s/%(year)s") % {"month": key[5:], "year": year}
    if "-Q" in key:
        return _("Quarter %(quarter)s/%(year)s") % {"quarter": key[-1], "year": year}
    if key.endswith("-H1"):
        return _("First half of %(year)s") % {"year": year}
    if key.endswith("-H2"):
        return _("Second half of %(year)s") % {"year": year}
    if key.endswith("-9M"):
        return _("First nine months of %(year)s") % {"year": year}
    return _("Year %(year)s") % {"year": year}


def period_choices(today: date) -> list[tuple[str, list[tuple[str, str]]]]:
    """The periods offered in the form, by year: this year's and the two before."""
    choices = []
    for year in range(today.year, today.year - 3, -1):
        last_month = today.month if year == today.year else 12
        keys = [f"{year}-{m:02d}" for m in range(last_month, 0, -1)]
        keys += [f"{year}-Q{q}" for q in range(4, 0, -1)] + [f"{year}-H2", f"{year}-H1", f"{year}-9M", str(year)]
        choices.append((str(year), [(key, period_label(period_parse(key))) for key in keys]))
    return choices


def grade_shown(grade: str) -> str:
    return grade if get_language() == "vi" or grade not in GRADE_EN else str(GRADE_EN[grade])


def lost_url(scope: Scope, period: Period, line: Line) -> str | None:
    """The attribution page of the points a dossier indicator lost (the dossiers that cost them), when it lost
    some and the page exists."""
    if not line.applicable or line.points >= float(line.indicator.weight) or line.indicator.source != Source.DOSSIERS:
        return None
    try:
        page = reverse("indicators:lost")
    except NoReverseMatch:
        return None
    return f"{page}?{urlencode({'scope': scope.key, 'period': period.key, 'chi-so': line.indicator.code})}"


@dataclass
class Dashboard:
    scope: Scope
    period: Period
    scores: Scores
    provinces: list[Ranked]
    departments: list[Ranked]
    communes: list[Ranked]
    trend: list[tuple[Period, Scores]]
    heat: list[list[int]]  # per weekday (Monday first), per hour of :attr:`hours`
    hours: list[int]
    province_code: str | None
    postal: PostalFigures

    @property
    def lost(self) -> list[tuple[Line, float, str | None]]:
        """The indicators that lost points, the most lost first, with their attribution page."""
        rows = [
            (line, float(line.indicator.weight) - line.points, lost_url(self.scope, self.period, line))
            for line in self.scores.lines
            if line.applicable and line.points < float(line.indicator.weight) and line.indicator.group != Group.D468
        ]
        return sorted(rows, key=lambda row: -row[1])

    @property
    def province_rank(self) -> Ranked | None:
        return next((r for r in self.provinces if r.scores.scope.code == self.province_code), None)


def _months_back(period: Period, count: int) -> list[Period]:
    last = period.end_day
    months = []
    for back in range(count, 0, -1):
        index = last.year * 12 + last.month - 1 - back
        months.append(period_parse(f"{index // 12}-{index % 12 + 1:02d}"))
    return months


def _heat(scope: Scope, period: Period) -> tuple[list[int], list[list[int]]]:
    rows = (
        dossier_facts()
        .filter(scope.dossiers, received_at__gte=period.start, received_at__lt=period.end)
        .order_by()
        .annotate(
            weekday=ExtractIsoWeekDay("received_at", tzinfo=LOCAL_TIME_ZONE),
            hour=ExtractHour("received_at", tzinfo=LOCAL_TIME_ZONE),
        )
        .values("weekday", "hour")
        .annotate(n=Count("pk"))
    )
    counts = {(row["weekday"], row["hour"]): row["n"] for row in rows}
    seen = [hour for _day, hour in counts]
    hours = list(range(min([*seen, OPENING_HOURS.start]), max([*seen, OPENING_HOURS.stop - 1]) + 1))
    return hours, [[counts.get((day, hour), 0) for hour in hours] for day in range(1, 8)]


def dashboard_read(*, scope: Scope, period: Period, province_code: str | None) -> Dashboard:
    """Everything the dashboard shows. ``province_code``: the province the scope lies in, whose departments and
    communes are ranked (none for the country)."""
    scores = indicator_scores(scope, period)
    provinces = indicator_ranking(period=period)
    departments: list[Ranked] = []
    communes: list[Ranked] = []
    if province_code:
        province = scope if scope.kind == "province" else scope_parse(f"province:{province_code}")
        departments = indicator_ranking(period=period, within=province, level="agency")
        communes = indicator_ranking(period=period, within=province, level="commune")
    trend = [
        (month, indicator_scores(scope, month, scores.indicator_set)) for month in _months_back(period, TREND_MONTHS)
    ]
    hours, heat = _heat(scope, period)
    postal = postal_figures(scope, period)
    return Dashboard(scope, period, scores, provinces, departments, communes, trend, heat, hours, province_code, postal)


def _ranking_table(key: str, title: str, ranking: list[Ranked]) -> Table:
    table = Table(key, title, [_("Rank"), _("Code"), _("Name"), _("Received"), _("Points"), _("Grade")],
                  ["int", "text", "text", "int", "points", "text"])  # fmt: skip
    for r in ranking:
        s = r.scores
        table.rows.append([r.rank, s.scope.code, s.scope.name, s.received, s.total, grade_shown(s.grade)])
    return table


def dashboard_tables(board: Dashboard) -> list[Table]:
    """Every table of the page, in its order; the workbook has one sheet per table."""
    lines = Table(
        "indicators",
        _("Indicators"),
        [_("Code"), _("Indicator"), _("Numerator"), _("Denominator"), _("Rate"), _("Target T"), _("Points"),
         _("Maximum")],
        ["text", "text", "int", "int", "rate", "rate", "points", "points"],
    )  # fmt: skip
    english = get_language() == "en"
    for line in board.scores.lines:
        indicator = line.indicator
        lines.rows.append([
            indicator.code, indicator.label_en if english else indicator.label_vi, line.numerator, line.denominator,
            line.rate, float(indicator.threshold), line.points, float(indicator.weight),
        ])  # fmt: skip
    groups = Table(
        "groups", _("Points by group"), [_("Group"), _("Points"), _("Maximum")], ["text", "points", "points"]
    )
    maxima = group_maxima(board.scores)
    for group, points in board.scores.groups.items():
        groups.rows.append([capfirst(str(Group(group).label)), points, maxima.get(group, 0.0)])
    trend = Table("trend", _("Total by month"), [_("Month"), _("Received"), _("Points")], ["text", "int", "points"])
    for month, scores in board.trend:
        trend.rows.append([month.first_day.strftime("%m/%Y"), scores.received, scores.total])
    heat = Table("heat", _("Receptions by weekday and hour"), [_("Weekday"), *[f"{h}h" for h in board.hours]],
                 ["text", *["int"] * len(board.hours)])  # fmt: skip
    for day, row in zip(WEEKDAYS, board.heat, strict=True):
        heat.rows.append([day, *row])
    tables = [lines, groups, _ranking_table("provinces", _("Ranking of the provinces"), board.provinces)]
    if board.province_code:
        tables.append(_ranking_table("departments", _("Ranking of the departments"), board.departments))
        tables.append(_ranking_table("communes", _("Ranking of the communes"), board.communes))
    return [*tables, trend, heat, _postal_table(board.postal)]


def _postal_table(figures: PostalFigures) -> Table:
    """The postal channel beside the index: each figure with what it counts out of, its rate or its amount
    (docs/indicators.md, "Postal-channel figures")."""
    f = figures
    table = Table(
        "postal",
        _("Postal channel"),
        [pgettext("index dashboard", "Figure"), pgettext("index dashboard", "Number"),
         pgettext("index dashboard", "Out of"), _("Rate"), pgettext("index dashboard", "Amount")],
        ["text", "int", "int", "rate", "vnd"],
    )  # fmt: skip
    table.rows += [
        [_("Pickups collected on time"), f.pickups_on_time, f.pickups_judged, f.pickup_on_time_rate, None],
        [_("Pickups booked without a time window"), f.pickups_without_window, f.pickups_done, None, None],
        [_("Results delivered at the first attempt"), f.delivered_first_attempt, f.deliveries_ended,
         f.first_attempt_rate, None],
        [_("Results returned to the counter"), f.returned_to_counter, f.deliveries_ended, f.returned_rate, None],
        [_("Postage collected by postmen"), f.postage_collections, None, None, f.postage_collected],
        [_("Fees collected by postmen"), f.fees_collections, None, None, f.fees_collected],
        [_("Postage charged for the orders ended"), f.orders_ended, None, None, f.postage_charged],
        [_("Cost per dossier carried (postage ÷ dossiers)"), f.dossiers_carried, None, None, f.cost_per_dossier],
    ]  # fmt: skip
    return table


def group_maxima(scores: Scores) -> dict[str, float]:
    maxima: dict[str, float] = {}
    for line in scores.lines:
        if line.indicator.group != Group.D468:
            maxima[line.indicator.group] = maxima.get(line.indicator.group, 0.0) + float(line.indicator.weight)
    return maxima
