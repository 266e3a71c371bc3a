"""Scores of a scope in a period, and the ranking of provinces, departments and communes (docs/indicators.md,
"Scores").

Counting is one aggregate query over the dossiers' facts (:func:`.facts.dossier_facts`) with one conditional
count per filter an indicator names, plus one over the queue's tickets when the set has a queue indicator, one
over the petitions when it has a feedback indicator and one over the procedure catalogue when it has a catalogue
indicator; a ranking groups the same queries by province, agency or commune (the catalogue's by the units'
implementing levels, read in one more grouped query), so it costs the same for 34 provinces as for one.
Points: full at or above the threshold T, else ``rate ÷ T × points``; an indicator with nothing to count (an
empty denominator) loses nothing and says so (``applicable`` false).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency, AgencyLevel
from motcua.feedback.models import Complaint
from motcua.localities.models import Commune, Province
from motcua.tickets.models import Ticket

from . import errors
from .facts import FACT_FILTERS, dossier_facts
from .feedback_facts import FEEDBACK_ANCHOR, FEEDBACK_FILTERS, feedback_filter
from .models import Formula, Group, Indicator, IndicatorSet, Source
from .periods import Period
from .procedures_facts import procedure_counts, procedure_counts_by_levels
from .queue_facts import TICKET_FILTERS, ticket_filter
from .rollups.read import rollup_can_count, rollup_counts, rollups_ready
from .scopes import Scope, agency_levels, served_levels
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


def _feedback_counts(
    where: Q | None, period: Period, group_by: str | None = None, *, now: datetime | None = None
) -> dict[Any, dict]:
    """Per ``group_by`` value, the petitions whose answer was due in the period meeting each filter of
    :data:`.feedback_facts.FEEDBACK_FILTERS`, judged at ``now``; nothing for a scope without petitions of its own
    (``where`` None)."""
    if where is None:
        return {}
    now = now or timezone.now()
    measures = {f"n_{name}": Count("pk", filter=feedback_filter(name, now=now)) for name in FEEDBACK_FILTERS}
    petitions = Complaint.objects.filter(where, _in_period(FEEDBACK_ANCHOR, period))
    if group_by is None:
        return {None: _named(petitions.aggregate(**measures))}
    rows = petitions.order_by().values(group_by).annotate(**measures)
    return {row.pop(group_by): _named(row) for row in rows}


def _other_counts(
    indicators: list[Indicator], scope: Scope, period: Period, *, now: datetime | None = None
) -> dict[str, dict[str, int]]:
    """The counts of the sources other than the dossiers that the set's indicators name, for one scope."""
    sources = {i.source for i in indicators}
    counts: dict[str, dict[str, int]] = {}
    if Source.TICKETS in sources:
        counts[Source.TICKETS] = _ticket_counts(scope.tickets, period).get(None, {})
    if Source.FEEDBACK in sources:
        counts[Source.FEEDBACK] = _feedback_counts(scope.feedback, period, now=now).get(None, {})
    if Source.PROCEDURES in sources and scope.procedures is not None:
        # In force at the end of the period (docs/indicators.md): a closed period's figure no longer moves.
        counts[Source.PROCEDURES] = procedure_counts(period.end, scope.procedures)
    return counts


def _score(indicator_set: IndicatorSet, indicators: list[Indicator], scope: Scope, period: Period,
           dossiers: dict[str, int], others: dict[str, dict[str, int]]) -> Scores:  # fmt: skip
    """``others``: the counts of the other sources (:func:`_other_counts`) by source; a source missing counts
    nothing, so its indicators are not applicable."""
    lines = [_line(i, dossiers if i.source == Source.DOSSIERS else others.get(i.source, {})) for i in indicators]
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
    return _score(indicator_set, indicators, scope, period, dossiers, _other_counts(indicators, scope, period))


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
    sources = {i.source for i in indicators}
    # Per source, what selects the units' rows and which column names the unit (None: the units have none).
    tickets_by: tuple[Q, str] | None
    feedback_by: tuple[Q, str] | None
    # The catalogue: the implementing levels each unit serves, as its own scope reads them (scopes.py).
    procedure_levels: Callable[[], dict[str, frozenset[str]]]
    if level == "province" and (within is None or within.kind == "country"):
        units = {p.code: p.name for p in Province.objects.all()}
        key, where = "province_code", Q()
        tickets_by, feedback_by = (Q(), "point__commune__province_id"), (Q(), "province_id")
        procedure_levels = partial(served_levels, "commune__province_id")
    elif level == "commune" and within is not None and within.kind == "province":
        units = {c.code: c.name for c in Commune.objects.filter(province_id=within.code)}
        key, where = "commune_code", within.dossiers
        tickets_by, feedback_by = (within.tickets or Q(), "point__commune_id"), None
        procedure_levels = partial(served_levels, "commune_id", commune__province_id=within.code)
    elif level == "agency" and within is not None and within.kind == "province":
        agencies = Agency.objects.filter(province_id=within.code, level=AgencyLevel.PROVINCE)
        units = {a.code: a.name for a in agencies}
        key, where = "agency_code", within.dossiers
        # All the petitions of each department, as its own scope counts them (``agency:CODE``).
        tickets_by, feedback_by = None, (Q(agency__province_id=within.code), "agency__code")
        procedure_levels = partial(agency_levels, agencies)
    else:
        raise errors.indicator_ranking_scope_invalid()
    counts = _dossier_counts(where, period, _dossier_filter_names(indicators), group_by=key, direct=direct)
    others: dict[str, dict[Any, dict]] = {}
    if Source.TICKETS in sources and tickets_by is not None:
        others[Source.TICKETS] = _ticket_counts(tickets_by[0], period, group_by=tickets_by[1])
    if Source.FEEDBACK in sources and feedback_by is not None:
        others[Source.FEEDBACK] = _feedback_counts(feedback_by[0], period, group_by=feedback_by[1])
    if Source.PROCEDURES in sources:
        others[Source.PROCEDURES] = procedure_counts_by_levels(period.end, procedure_levels())
    all_scores = []
    for code, row in counts.items():
        if code not in units or not row.get("received"):
            continue
        scope = Scope(level, code, units[code], Q(**{key: code}), None)
        unit_others = {source: by_unit.get(code, {}) for source, by_unit in others.items()}
        all_scores.append(_score(indicator_set, indicators, scope, period, row, unit_others))
    return _ranked(all_scores)
