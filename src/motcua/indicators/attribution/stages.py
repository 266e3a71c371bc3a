"""Which stage lost the time of a late dossier, and on which side: the post or the agency (docs/indicators.md,
"Attribution").

The stages are the published stage catalogue's (:mod:`motcua.stages`), measured on the dossier's history with
the catalogue's start and end events, in working minutes (office hours and the working-day calendar):

* a **postal stage** (performed by postal staff: pickup, transfer, fees…) is allowed its time standard plus the
  stage's allowance (``INDICATOR_STAGE_ALLOWANCES``, e.g. the transfer's working day); the rest is its overrun;
* the **agency's processing** is measured step by step on the dossier's own processing steps at agencies
  (``DossierStep``): each step's working time from its start to its end against its planned duration; the
  steps of one parallel group count once (their largest overrun).

Only time before processing ended can make a dossier late (its verdict is fixed then): a stage is cut at
``processed_at`` and a stage that starts later (return at the counter, delivery) is not counted. The stage with
the largest overrun is the one that lost the time; none when no stage overran.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone, translation

from motcua.dossiers.lifecycle import AGENCY
from motcua.dossiers.models import Dossier, DossierStep, StepStatus
from motcua.stages.measure import stage_occurrences, stage_span
from motcua.stages.models import Boundary, Performer, Stage
from motcua.stages.selectors import catalogue_current
from motcua.workdays.calendar import WorkCalendar
from motcua.workdays.selectors import work_calendar

from ..definitions import _overrides

POSTAL, AGENCY_SIDE = "postal", "agency"


@dataclass(frozen=True)
class StageLoss:
    """One stage of one dossier: its working minutes, what it was allowed, and the difference (negative: early)."""

    code: str
    name: str
    side: str  # postal or agency
    working_minutes: float
    allowed_minutes: float
    step: str = ""  # the agency step that overran most, with its agency

    @property
    def overrun_minutes(self) -> float:
        return self.working_minutes - self.allowed_minutes

    @property
    def overrun_hours(self) -> float:
        return round(max(0.0, self.overrun_minutes) / 60, 1)


@dataclass
class Attribution:
    dossier_id: int
    stages: list[StageLoss] = field(default_factory=list)

    @property
    def worst(self) -> StageLoss | None:
        """The stage with the largest overrun; None when no stage overran."""
        overran = [s for s in self.stages if s.overrun_minutes > 0]
        return max(overran, key=lambda s: s.overrun_minutes) if overran else None

    def overrun(self, side: str) -> float:
        """Working minutes overrun on ``side`` (postal or agency), summed over its stages."""
        return sum(max(0.0, s.overrun_minutes) for s in self.stages if s.side == side)


def stage_allowances() -> dict[str, float]:
    """``INDICATOR_STAGE_ALLOWANCES`` as working minutes by stage code."""
    return {code: float(minutes) for code, minutes in _overrides("INDICATOR_STAGE_ALLOWANCES").items()}


def _agency_loss(stage: Stage, steps: Iterable[dict], end: datetime, calendar: WorkCalendar, language: str):
    """The agency's processing measured on its steps: planned against worked, a parallel group counted once."""
    groups: dict[object, list[tuple[float, float, str]]] = defaultdict(list)
    for step in steps:
        if step["started_at"] is None:
            continue
        finished = min(step["finished_at"] or end, end)
        worked = max(0.0, calendar.working_time_between(step["started_at"], finished).total_seconds() / 60)
        planned = float(step["duration_hours"]) * 60
        label = f"{step['name']} ({step['agency__name']})" if step["agency__name"] else step["name"]
        key = ("group", step["parallel_group"]) if step["parallel_group"] is not None else ("step", step["order"])
        groups[key].append((worked, planned, label))
    if not groups:
        return None
    worked_total = planned_total = 0.0
    worst_label, worst_overrun = "", 0.0
    for members in groups.values():
        worked, planned, label = max(members, key=lambda m: m[0] - m[1])
        worked_total += worked
        planned_total += planned
        if worked - planned > worst_overrun:
            worst_label, worst_overrun = label, worked - planned
    return StageLoss(stage.code, stage.name(language), AGENCY_SIDE, worked_total, planned_total, worst_label)


def _postal_loss(stage: Stage, occurrences, end: datetime, calendar: WorkCalendar, allowance: float, language: str):
    span = stage_span(stage, occurrences, calendar)
    if span is None or span.start >= end:
        return None
    worked = calendar.working_time_between(span.start, min(span.end, end)).total_seconds() / 60
    allowed = float(stage.time_standard_minutes) + allowance
    return StageLoss(stage.code, stage.name(language), POSTAL, worked, allowed)


def stage_attributions(dossiers: Iterable[Dossier], *, now: datetime | None = None) -> dict[int, Attribution]:
    """Each dossier's stages with their overruns, by dossier id, measured until processing ended (or ``now``).

    A fixed number of queries whatever the number of dossiers: the catalogue, the history's events, the postal
    orders, the tracking events and the processing steps.
    """
    dossiers = list(dossiers)
    if not dossiers:
        return {}
    now = now or timezone.now()
    stages = list(catalogue_current().stages.all())
    calendar = work_calendar()
    allowances = stage_allowances()
    language = translation.get_language() or "vi"
    ids = [d.pk for d in dossiers]
    refs = [(e.kind, e.name) for stage in stages for e in stage.events.all()]
    occurrences = stage_occurrences(Dossier.objects.filter(pk__in=ids), refs)
    steps: dict[int, list[Any]] = defaultdict(list)
    rows = (
        DossierStep.objects.filter(dossier__in=ids, role__in=list(AGENCY))
        .exclude(status=StepStatus.CANCELLED)
        .values(
            "dossier_id",
            "order",
            "name",
            "agency__name",
            "parallel_group",
            "duration_hours",
            "started_at",
            "finished_at",
        )
    )
    for row in rows:
        steps[row["dossier_id"]].append(row)
    result = {}
    for dossier in dossiers:
        end = dossier.processed_at or now
        attribution = Attribution(dossier.pk)
        for stage in stages:
            if stage.performer == Performer.POSTAL_STAFF:
                loss = _postal_loss(
                    stage, occurrences.get(dossier.pk, []), end, calendar, allowances.get(stage.code, 0.0), language
                )
            else:
                loss = _agency_loss(stage, steps.get(dossier.pk, []), end, calendar, language)
            if loss is not None:
                attribution.stages.append(loss)
        result[dossier.pk] = attribution
    return result


@dataclass(frozen=True)
class CurrentStage:
    code: str
    name: str
    since: datetime


def current_stages(dossiers: Iterable[Dossier]) -> dict[int, CurrentStage]:
    """The stage each open dossier is in: of the catalogue's stages started and not yet ended, the latest."""
    dossiers = list(dossiers)
    if not dossiers:
        return {}
    stages = list(catalogue_current().stages.all())
    language = translation.get_language() or "vi"
    refs = [(e.kind, e.name) for stage in stages for e in stage.events.all()]
    occurrences = stage_occurrences(Dossier.objects.filter(pk__in=[d.pk for d in dossiers]), refs)
    result = {}
    for dossier in dossiers:
        ordered = sorted(occurrences.get(dossier.pk, []), key=lambda o: o.at)
        current: CurrentStage | None = None
        for stage in stages:
            starts = {(e.kind, e.name) for e in stage.events.all() if e.boundary == Boundary.START}
            ends = {(e.kind, e.name) for e in stage.events.all() if e.boundary == Boundary.END}
            started = [o for o in ordered if (o.kind, o.name) in starts]
            if not started or not ends:
                continue
            last = started[-1]
            if any((o.kind, o.name) in ends and o.at >= last.at for o in ordered):
                continue
            if current is None or last.at >= current.since:
                current = CurrentStage(stage.code, stage.name(language), last.at)
        if current is not None:
            result[dossier.pk] = current
    return result
