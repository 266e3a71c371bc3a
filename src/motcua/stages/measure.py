"""How long each stage took, measured on the history motcua keeps (docs/stages.md, "Measured durations").

A stage's span in one dossier runs from the first of its start events to the first of its end events at or
after that start. Events are read where motcua stores them (:mod:`.events`): the dossier's history and the
dossier's postal orders. A stage with no start or no end event (guidance, reception, digitization in version 1)
is not measured from the history. Durations are given in elapsed minutes and in working minutes (office hours
and the working-day calendar, ``workdays``); the aggregates use working minutes unless told otherwise.

These are the times a dossier spent between two recorded events, waits included, not the staff's working time
per dossier that the time standard states: they bound and calibrate it, they do not replace it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from motcua.core.stats import percentile_interpolated
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.postal.models import PostalOrder, TrackingEvent
from motcua.workdays.selectors import work_calendar

from .events import POSTAL_EVENTS
from .models import Boundary, EventKind, Stage
from .selectors import catalogue_current, stage_get

__all__ = [
    "Occurrence",
    "StageDurations",
    "StageSpan",
    "stage_durations",
    "stage_occurrences",
    "stage_span",
    "stage_spans",
]


@dataclass(frozen=True)
class StageSpan:
    """One stage of one dossier: ``start``/``end`` are aware datetimes; ``start_event``/``end_event`` read
    ``kind.name`` (``dossier.transfer``, ``postal.handed_over``)."""

    code: str
    start: datetime
    end: datetime
    start_event: str
    end_event: str
    minutes: float
    working_minutes: float


@dataclass(frozen=True)
class StageDurations:
    """Measured durations of one stage over many dossiers, in minutes (``basis``: ``working`` or ``elapsed``).

    ``count`` is the number of dossiers in which the stage was measured; ``mean``, ``p50`` and ``p90`` are None
    when it is 0. Percentiles interpolate linearly between the two nearest measurements.
    """

    code: str
    basis: str
    count: int
    mean: float | None
    p50: float | None
    p90: float | None


@dataclass(frozen=True)
class Occurrence:
    kind: str
    name: str
    at: datetime


def _refs(stage: Stage, boundary: str) -> list[tuple[str, str]]:
    return [(e.kind, e.name) for e in stage.events.all() if e.boundary == boundary]


def stage_occurrences(dossiers: QuerySet[Dossier], refs: Iterable[tuple[str, str]]) -> dict[int, list[Occurrence]]:
    """Every occurrence of ``refs`` in the history of ``dossiers``, by dossier id: one query for the dossier
    history, one for the postal orders and one for the carriers' tracking events, each only when needed."""
    wanted = set(refs)
    found: dict[int, list[Occurrence]] = defaultdict(list)
    ids = dossiers.values("pk")
    actions = sorted(name for kind, name in wanted if kind == EventKind.DOSSIER)
    if actions:
        rows = DossierEvent.objects.filter(dossier__in=ids, action__in=actions).values_list(
            "dossier_id", "action", "at"
        )
        for dossier_id, action, at in rows:
            found[dossier_id].append(Occurrence(EventKind.DOSSIER, action, at))
    sources = {name: POSTAL_EVENTS[name] for kind, name in wanted if kind == EventKind.POSTAL and name in POSTAL_EVENTS}
    by_field = {name: source for name, source in sources.items() if source.field}
    if by_field:
        fields = sorted({source.field for source in by_field.values()})
        kinds = sorted({source.order_kind for source in by_field.values()})
        orders = PostalOrder.objects.filter(dossier__in=ids, kind__in=kinds).values(
            "dossier_id", "kind", "status", *fields
        )
        for order in orders:
            for name, source in by_field.items():
                at = order[source.field]
                if order["kind"] != source.order_kind or at is None:
                    continue
                if source.status and order["status"] != source.status:
                    continue
                found[order["dossier_id"]].append(Occurrence(EventKind.POSTAL, name, at))
    tracked = {source.tracking_kind: name for name, source in sources.items() if source.tracking_kind}
    if tracked:
        events = TrackingEvent.objects.filter(order__dossier__in=ids, applied=True, kind__in=sorted(tracked))
        for dossier_id, kind, at in events.values_list("order__dossier_id", "kind", "at"):
            found[dossier_id].append(Occurrence(EventKind.POSTAL, tracked[kind], at))
    return found


def stage_span(stage: Stage, occurrences: Sequence[Occurrence], calendar) -> StageSpan | None:
    starts, ends = set(_refs(stage, Boundary.START)), set(_refs(stage, Boundary.END))
    if not starts or not ends:
        return None
    ordered = sorted(occurrences, key=lambda o: o.at)
    start = next((o for o in ordered if (o.kind, o.name) in starts), None)
    if start is None:
        return None
    end = next((o for o in ordered if (o.kind, o.name) in ends and o.at >= start.at), None)
    if end is None:
        return None
    return StageSpan(
        code=stage.code,
        start=start.at,
        end=end.at,
        start_event=f"{start.kind}.{start.name}",
        end_event=f"{end.kind}.{end.name}",
        minutes=(end.at - start.at).total_seconds() / 60,
        working_minutes=calendar.working_time_between(start.at, end.at).total_seconds() / 60,
    )


def stage_spans(dossier: Dossier) -> list[StageSpan]:
    """The measured stages of ``dossier`` under the published catalogue, in the catalogue's order.

    Returns a list of :class:`StageSpan`; a stage whose start or end has not happened (yet) is left out.
    """
    stages = list(catalogue_current().stages.all())
    refs = [(e.kind, e.name) for stage in stages for e in stage.events.all()]
    occurrences = stage_occurrences(Dossier.objects.filter(pk=dossier.pk), refs).get(dossier.pk, [])
    calendar = work_calendar()
    spans = (stage_span(stage, occurrences, calendar) for stage in stages)
    return [span for span in spans if span is not None]


def stage_durations(queryset: QuerySet[Dossier], stage_code: str, *, working: bool = True) -> StageDurations:
    """Measured durations of the stage ``stage_code`` over the dossiers of ``queryset`` (the published catalogue).

    Returns a :class:`StageDurations` (count, mean, p50, p90, in working minutes, or elapsed ones with
    ``working=False``). At most five queries whatever the number of dossiers: the stage, the dossier history,
    the postal orders, the tracking events. Raises ``stages_stage_not_found`` for an unknown code.
    """
    stage = stage_get(stage_code)
    calendar = work_calendar()
    values: list[float] = []
    if _refs(stage, Boundary.START) and _refs(stage, Boundary.END):
        refs = [(e.kind, e.name) for e in stage.events.all()]
        for occurrences in stage_occurrences(queryset, refs).values():
            span = stage_span(stage, occurrences, calendar)
            if span is not None:
                values.append(span.working_minutes if working else span.minutes)
    values.sort()
    basis = "working" if working else "elapsed"
    if not values:
        return StageDurations(code=stage.code, basis=basis, count=0, mean=None, p50=None, p90=None)
    return StageDurations(
        code=stage.code,
        basis=basis,
        count=len(values),
        mean=sum(values) / len(values),
        p50=percentile_interpolated(values, 0.5),
        p90=percentile_interpolated(values, 0.9),
    )
