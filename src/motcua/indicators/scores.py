"""Scores of a scope in a period, and the ranking of provinces, departments and communes (docs/indicators.md,
"Scores").

Counting is one aggregate query over the dossiers' facts (:func:`.facts.dossier_facts`) with one conditional
count per filter an indicator names, plus one over the queue's tickets when the set has a queue indicator; a
ranking groups the same query by province, agency or commune, so it costs the same two queries for 34 provinces.
Points: full at or above the threshold T, else ``rate ÷ T × points``; an indicator with nothing to count (an
empty denominator) loses nothing and says so (``applicable`` false).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency, AgencyLevel
from motcua.localities.models import Commune, Province
from motcua.tickets.models import Ticket

from . import errors
from .facts import FACT_FILTERS, dossier_facts
from .models import Formula, Group, Indicator, IndicatorSet, Source
from .periods import Period
from .queue_facts import TICKET_FILTERS, ticket_filter
from .rollups.read import rollup_can_count, rollup_counts, rollups_ready
from .scopes import Scope
from .services import indicator_set_current

GROUP_ORDER = [g.value for g in Group if g != Group.D468]


def grade(total: float) -> str:
    """Tốt / Khá / Trung bình / Yếu kém by the ``INDICATOR_GRADES`` boundaries (unverified)."""
    good, fair, average = (float(b) for b in settings.INDICATOR_GRADES)
    if total >= good:
        return "Tốt"
    if total >= fair:
        return "Khá"
    if total >= average:
        return "Trung bình"
    return "Yếu kém"


GRADE_EN = {"Tốt": _("Good"), "Khá": _("Fair"), "Trung bình": _("Average"), "Yếu kém": _("Poor")}


@dataclass(frozen=True)
class Line:
    indicator: Indicator
    numerator: int
    denominator: int
    rate: float | None  # None: nothing to count
    points: float
    applicable: bool

    @property
    def target_met(self) -> bool | None:
        return None if self.rate is None else self.rate >= float(self.indicator.threshold)


@dataclass
class Scores:
    indicator_set: IndicatorSet
    scope: Scope
    period: Period
    lines: list[Line]
    received: int
    groups: dict[str, float] = field(default_factory=dict)
    total: float = 0.0
    grade: str = ""


def _points(indicator: Indicator, rate: float | None) -> float:
    weight = float(indicator.weight)
    if rate is None:
        return weight
    threshold = float(indicator.threshold)
    return weight if rate >= threshold else weight * rate / threshold


def _line(indicator: Indicator, counts: dict[str, int]) -> Line:
    numerator = sum(counts.get(name, 0) for name in indicator.numerator_names)
    denominator = counts.get(indicator.denominator, 0)
    if not denominator:
        rate = None
    elif indicator.formula == Formula.SHORTFALL:
        rate = max(0.0, 1 - numerator / denominator)
    else:
        rate = numerator / denominator
    return Line(indicator, numerator, denominator, rate, _points(indicator, rate), denominator > 0)


def _dossier_filter_names(indicators: list[Indicator]) -> set[str]:
    names = {"received"}
    for i in indicators:
        if i.source == Source.DOSSIERS:
            names.update([*i.numerator_names, i.denominator])
    return names


def _in_period(anchor: str, period: Period) -> Q:
    return Q(**{f"{anchor}__gte": period.start, f"{anchor}__lt": period.end})


def _dossier_counts(
    where: Q, period: Period, names: set[str], group_by: str | None = None, *, direct: bool = False
) -> dict[Any, dict]:
    """Per ``group_by`` value (or under ``None``), the number of the period's dossiers meeting each filter: summed
    from the rollups once they hold the history (docs/indicators.md, "Rollups"), else — or with ``direct`` —
    counted from the dossiers' facts."""
    for name in names:
        if name not in FACT_FILTERS:
            raise errors.indicator_filter_unknown(code="?", name=name)
    if not direct and rollup_can_count(where) and rollups_ready():
        return rollup_counts(where, period, names, group_by)
    anchors = {FACT_FILTERS[n].anchor for n in names}
    period_q = Q()
    for anchor in anchors:
        period_q |= _in_period(anchor, period)
    # Counted under "n_<filter>": a filter may bear the name of a fact it counts (on_time, synced…).
    measures = {
        f"n_{name}": Count("pk", filter=_in_period(FACT_FILTERS[name].anchor, period) & FACT_FILTERS[name].condition)
        for name in names
    }
    facts = dossier_facts().filter(where).filter(period_q)
    if group_by is None:
        return {None: _named(facts.aggregate(**measures))}
    rows = facts.order_by().values(group_by).annotate(**measures)
    return {row.pop(group_by): _named(row) for row in rows}


def _named(counts: dict[str, int]) -> dict[str, int]:
    return {key.removeprefix("n_"): value for key, value in counts.items()}


def _ticket_counts(where: Q | None, period: Period, group_by: str | None = None) -> dict[Any, dict]:
    if where is None:
        return {}
    measures = {f"n_{name}": Count("pk", filter=ticket_filter(name)) for name in TICKET_FILTERS}
    tickets = Ticket.objects.filter(where, day__gte=period.first_day, day__lt=period.end_day)
    if group_by is None:
        return {None: _named(tickets.aggregate(**measures))}
    rows = tickets.order_by().values(group_by).annotate(**measures)
    return {row.pop(group_by): _named(row) for row in rows}


def _score(indicator_set: IndicatorSet, indicators: list[Indicator], scope: Scope, period: Period,
           dossiers: dict[str, int], tickets: dict[str, int]) -> Scores:  # fmt: skip
    lines = [_line(i, tickets if i.source == Source.TICKETS else dossiers) for i in indicators]
    scores = Scores(indicator_set, scope, period, lines, received=dossiers.get("received", 0))
    groups: dict[str, float] = defaultdict(float)
    for line in lines:
        if line.indicator.group != Group.D468:
            groups[line.indicator.group] += line.points
    scores.groups = {g: round(groups[g], 2) for g in GROUP_ORDER if g in groups}
    scores.total = round(sum(groups.values()), 2)
    scores.grade = grade(scores.total)
    return scores


def _resolve(indicator_set: IndicatorSet | None) -> tuple[IndicatorSet, list[Indicator]]:
    indicator_set = indicator_set or indicator_set_current()
    if indicator_set is None:
        raise errors.indicator_set_not_found(name="766")
    return indicator_set, list(indicator_set.indicators.order_by("order"))


def indicator_scores(
    scope: Scope, period: Period, indicator_set: IndicatorSet | None = None, *, direct: bool = False
) -> Scores:
    """Every indicator of the set (by default the latest published) for ``scope`` in ``period``: numerator,
    denominator, rate and points; the groups' points, the total out of 100 and the grade. ``direct`` counts
    from the dossiers even when the rollups are ready (the check of ``indicators_rebuild``, the tests)."""
    indicator_set, indicators = _resolve(indicator_set)
    dossiers = _dossier_counts(scope.dossiers, period, _dossier_filter_names(indicators), direct=direct)[None]
    wants_tickets = any(i.source == Source.TICKETS for i in indicators)
    tickets = _ticket_counts(scope.tickets, period).get(None, {}) if wants_tickets else {}
    return _score(indicator_set, indicators, scope, period, dossiers, tickets)


@dataclass(frozen=True)
class Ranked:
    rank: int
    scores: Scores


def _ranked(all_scores: list[Scores]) -> list[Ranked]:
    ordered = sorted(all_scores, key=lambda s: (-s.total, s.scope.code))
    return [Ranked(rank, s) for rank, s in enumerate(ordered, start=1)]


def indicator_ranking(
    *,
    period: Period,
    within: Scope | None = None,
    level: str = "province",
    indicator_set: IndicatorSet | None = None,
    direct: bool = False,
) -> list[Ranked]:
    """A ranking by total: the provinces of the country (``level`` province), or, ``within`` a province, its
    departments (``level`` agency: the province-level agencies leading dossiers) or its communes (``level``
    commune). Only units with dossiers received in the period are ranked."""
    indicator_set, indicators = _resolve(indicator_set)
    names = _dossier_filter_names(indicators)
    wants_tickets = any(i.source == Source.TICKETS for i in indicators)
    ticket_where: Q | None
    if level == "province" and (within is None or within.kind == "country"):
        units = {p.code: p.name for p in Province.objects.all()}
        key, ticket_key, where, ticket_where = "province_code", "point__commune__province_id", Q(), Q()
    elif level == "commune" and within is not None and within.kind == "province":
        units = {c.code: c.name for c in Commune.objects.filter(province_id=within.code)}
        key, ticket_key = "commune_code", "point__commune_id"
        where, ticket_where = within.dossiers, within.tickets
    elif level == "agency" and within is not None and within.kind == "province":
        agencies = Agency.objects.filter(province_id=within.code, level=AgencyLevel.PROVINCE)
        units = {a.code: a.name for a in agencies}
        key, ticket_key, where, ticket_where = "agency_code", "", within.dossiers, None
    else:
        raise errors.indicator_ranking_scope_invalid()
    counts = _dossier_counts(where, period, names, group_by=key, direct=direct)
    tickets = _ticket_counts(ticket_where, period, group_by=ticket_key) if wants_tickets and ticket_key else {}
    all_scores = []
    for code, row in counts.items():
        if code not in units or not row.get("received"):
            continue
        scope_q = Q(**{key: code})
        scope = Scope(level, code, units[code], scope_q, None)
        all_scores.append(_score(indicator_set, indicators, scope, period, row, tickets.get(code, {})))
    return _ranked(all_scores)
