"""The dossiers behind an indicator's lost points (docs/indicators.md, "Attribution").

The dossiers that make an indicator's rate fall short are read from the same named filters as the score
(:data:`..facts.FACT_FILTERS`): of the denominator's dossiers, those outside the numerator (a ratio: the late ones
for on-time, the non-online ones for online…), or those inside it for a shortfall (satisfaction: the late ones
and those with a complaint or a dislike; a dossier that is both counts twice, as in the formula).

Points per dossier: the indicator's points lost shared equally by its shortfall units (``points_each``), and
the **marginal** points, those the score would win back had that one dossier met the indicator
(``weight ÷ (threshold × denominator)`` per unit, never more than the points lost).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from operator import add, or_

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from motcua.dossiers.models import Dossier

from ..facts import FACT_FILTERS, dossier_facts
from ..models import Formula, Indicator, Source
from ..periods import Period
from ..scopes import Scope
from ..scores import Line, _in_period, indicator_scores
from ..services import indicator_set_current
from . import errors
from .stages import AGENCY_SIDE, POSTAL, Attribution, StageLoss, stage_attributions

# The indicators whose shortfall includes late dossiers: those get their stage attributed.
LATE_FILTERS = {"on_time", "late"}


@dataclass(frozen=True)
class StageTotal:
    code: str
    name: str
    side: str
    dossiers: int
    points: float
    overrun_hours: float


@dataclass(frozen=True)
class LostRow:
    """One dossier of the page: its facts, the points it costs, and for a late one the stage that lost the time."""

    dossier: Dossier
    points: float
    attribution: Attribution | None

    @property
    def worst(self) -> StageLoss | None:
        return self.attribution.worst if self.attribution else None

    def side_hours(self, side: str) -> float:
        return round(self.attribution.overrun(side) / 60, 1) if self.attribution else 0.0

    @property
    def postal_hours(self) -> float:
        return self.side_hours(POSTAL)

    @property
    def agency_hours(self) -> float:
        return self.side_hours(AGENCY_SIDE)


@dataclass
class LostPoints:
    indicator: Indicator
    line: Line
    points_lost: float
    units: int  # shortfall units in the whole scope (dossiers, or twice a dossier both late and complained of)
    points_each: float
    marginal_each: float
    page: Page
    attributions: dict[int, Attribution] = field(default_factory=dict)
    stage_totals: list[StageTotal] = field(default_factory=list)
    side_totals: dict[str, float] = field(default_factory=dict)  # points by side, and "unattributed"
    rows: list[LostRow] = field(default_factory=list)  # the page's dossiers

    @property
    def attributes_stages(self) -> bool:
        return bool(LATE_FILTERS & {*self.indicator.numerator_names, self.indicator.denominator})


def indicator_for_attribution(code: str) -> Indicator:
    """The published set's indicator ``code``, if it counts dossiers."""
    cleaned = (code or "").strip()
    indicator_set = indicator_set_current()
    indicator = None
    if indicator_set is not None and len(cleaned) <= 40 and "\x00" not in cleaned:
        indicator = indicator_set.indicators.filter(code=cleaned).first()
    if indicator is None:
        raise errors.attribution_indicator_unknown(code=cleaned)
    if indicator.source != Source.DOSSIERS:
        raise errors.attribution_not_by_dossier(code=indicator.code, counted=Source(indicator.source).label)
    return indicator


def lacking_dossiers(indicator: Indicator, scope: Scope, period: Period, dossiers: QuerySet[Dossier] | None = None):
    """The facts of the period's dossiers in ``scope`` that make ``indicator`` fall short, each with its
    ``units`` (1, or for a shortfall the number of the numerator's filters it meets)."""
    denominator = FACT_FILTERS[indicator.denominator]
    numerators = [FACT_FILTERS[name].condition for name in indicator.numerator_names]
    facts = dossier_facts(dossiers).filter(
        scope.dossiers, _in_period(denominator.anchor, period), denominator.condition
    )
    if indicator.formula == Formula.SHORTFALL:
        one = [Case(When(c, then=Value(1)), default=Value(0), output_field=IntegerField()) for c in numerators]
        units = reduce(add, one)
        return facts.filter(reduce(or_, numerators, Q(pk__in=[]))).annotate(units=units)
    return facts.exclude(reduce(or_, numerators, Q(pk__in=[]))).annotate(units=Value(1, output_field=IntegerField()))


def _stage_totals(late: list[Dossier], attributions: dict[int, Attribution], each: float):
    totals: dict[str, list] = {}
    sides: dict[str, float] = defaultdict(float)
    for dossier in late:
        worst = attributions[dossier.pk].worst if dossier.pk in attributions else None
        points = each * dossier.units  # type: ignore[attr-defined]  # annotated by lacking_dossiers
        if worst is None:
            sides["unattributed"] += points
            continue
        sides[worst.side] += points
        row = totals.setdefault(worst.code, [worst.name, worst.side, 0, 0.0, 0.0])
        row[2] += 1
        row[3] += points
        row[4] += max(0.0, worst.overrun_minutes)
    ordered = sorted(totals.items(), key=lambda item: (-item[1][3], item[0]))
    stage_totals = [
        StageTotal(code, name, side, n, round(points, 2), round(minutes / 60, 1))
        for code, (name, side, n, points, minutes) in ordered
    ]
    side_totals = {key: round(sides.get(key, 0.0), 2) for key in (POSTAL, AGENCY_SIDE, "unattributed")}
    return stage_totals, side_totals


def lost_points(
    scope: Scope,
    period: Period,
    indicator_code: str,
    *,
    dossiers: QuerySet[Dossier] | None = None,
    page: int | str = 1,
    now: datetime | None = None,
) -> LostPoints:
    """The dossiers (of ``dossiers``, by default all real work) that cost ``indicator_code`` points in ``scope``
    and ``period``, a page of them, with the stage that lost the time of the late ones and the totals by stage
    and by side over the whole period."""
    indicator = indicator_for_attribution(indicator_code)
    scores = indicator_scores(scope, period, indicator.indicator_set)
    line = next(line for line in scores.lines if line.indicator.pk == indicator.pk)
    weight, threshold = float(indicator.weight), float(indicator.threshold)
    points_lost = max(0.0, weight - line.points)
    shortfall = indicator.formula == Formula.SHORTFALL
    units = line.numerator if shortfall else line.denominator - line.numerator
    each = points_lost / units if units else 0.0
    marginal = min(points_lost, weight / (threshold * line.denominator)) if line.denominator else 0.0
    lacking = lacking_dossiers(indicator, scope, period, dossiers).order_by("appointment_at", "code")
    paginator = Paginator(lacking, settings.INDICATOR_LOST_PAGE_SIZE)
    result = LostPoints(indicator, line, round(points_lost, 2), units, each, marginal, paginator.get_page(page))
    if result.attributes_stages:
        late = list(lacking.filter(on_time=False))
        result.attributions = stage_attributions(late, now=now)
        result.stage_totals, result.side_totals = _stage_totals(late, result.attributions, each)
    result.rows = [LostRow(d, each * d.units, result.attributions.get(d.pk)) for d in result.page.object_list]
    return result
