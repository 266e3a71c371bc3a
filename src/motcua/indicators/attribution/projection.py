"""The period's score if the open dossiers finish on time, and the alert list of the open dossiers about to make
it worse (docs/indicators.md, "Attribution").

**Projection.** The open dossiers of the scope (not ended, real work) due within the period are counted as
finished in it: on time when their appointment is still ahead, late when it has passed (they can no longer be
on time). The indicators counting finished dossiers (on time, satisfaction) are recomputed with them; the others
are as counted.

**Alerts.** The open dossiers due within ``INDICATOR_ALERT_WORKING_HOURS`` working hours, in due order, each
with the points the projected score of its appointment's month would lose were it late, and its current stage;
a dossier whose lateness would cost nothing is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from motcua.core.localtime import local_date
from motcua.dossiers.lifecycle import OPEN
from motcua.dossiers.models import Dossier, DossierStep, StepStatus
from motcua.workdays.selectors import work_calendar

from ..facts import dossier_facts
from ..periods import Period, period_parse
from ..scopes import Scope
from ..scores import Scores, _dossier_counts, _dossier_filter_names, _other_counts, _resolve, _score
from .stages import CurrentStage, current_stages


@dataclass
class Projection:
    current: Scores
    projected: Scores
    open_on_time: int
    open_late: int

    @property
    def difference(self) -> float:
        return round(self.projected.total - self.current.total, 2)


def _open_due(scope: Scope, start: datetime, end: datetime, dossiers: QuerySet[Dossier] | None = None):
    return dossier_facts(dossiers).filter(
        scope.dossiers, status__in=list(OPEN), appointment_at__gte=start, appointment_at__lt=end
    )


def _projected(indicator_set, indicators, scope, period, counts, others, *, on_time: int, late: int) -> Scores:
    counts = dict(counts)
    counts["finished"] = counts.get("finished", 0) + on_time + late
    counts["on_time"] = counts.get("on_time", 0) + on_time
    counts["late"] = counts.get("late", 0) + late
    return _score(indicator_set, indicators, scope, period, counts, others)


def _counted(scope: Scope, period: Period, now: datetime):
    """The set, its indicators, the period's counts (dossiers, and the other sources: tickets, petitions), and its
    open dossiers due on time and late."""
    indicator_set, indicators = _resolve(None)
    counts = _dossier_counts(scope.dossiers, period, _dossier_filter_names(indicators))[None]
    others = _other_counts(indicators, scope, period, now=now)
    opened = _open_due(scope, period.start, period.end).aggregate(
        on_time=Count("pk", filter=Q(appointment_at__gte=now)), late=Count("pk", filter=Q(appointment_at__lt=now))
    )
    return indicator_set, indicators, counts, others, opened


def score_projection(scope: Scope, period: Period, *, now: datetime | None = None) -> Projection:
    """The score of ``scope`` in ``period`` as counted, and as it would be if its open dossiers finished on time."""
    indicator_set, indicators, counts, others, opened = _counted(scope, period, now or timezone.now())
    current = _score(indicator_set, indicators, scope, period, counts, others)
    projected = _projected(
        indicator_set, indicators, scope, period, counts, others, on_time=opened["on_time"], late=opened["late"]
    )
    return Projection(current, projected, opened["on_time"], opened["late"])


def points_if_one_more_late(scope: Scope, period: Period, *, now: datetime | None = None) -> float:
    """How many points the projected score of ``period`` loses if one open dossier due in it is late."""
    indicator_set, indicators, counts, others, opened = _counted(scope, period, now or timezone.now())
    on_time, late = opened["on_time"], opened["late"]
    best = _projected(indicator_set, indicators, scope, period, counts, others, on_time=on_time, late=late)
    worse = _projected(
        indicator_set, indicators, scope, period, counts, others, on_time=max(0, on_time - 1), late=late + 1
    )
    return round(best.total - worse.total, 2)


@dataclass(frozen=True)
class Alert:
    dossier: Dossier
    stage: CurrentStage | None
    step: str  # the agency step in progress, with its agency
    points_at_stake: float


def alert_list(
    scope: Scope, *, dossiers: QuerySet[Dossier] | None = None, now: datetime | None = None, hours: int | None = None
) -> list[Alert]:
    """The open dossiers of ``scope`` (among ``dossiers``) due within ``hours`` working hours (by default
    ``INDICATOR_ALERT_WORKING_HOURS``) whose lateness would lower the projected score, earliest due first."""
    now = now or timezone.now()
    hours = settings.INDICATOR_ALERT_WORKING_HOURS if hours is None else hours
    horizon = work_calendar().add_working_hours(now, hours)
    due = list(
        _open_due(scope, now, horizon, dossiers).select_related("lead_agency").order_by("appointment_at", "code")[:500]
    )
    stakes: dict[str, float] = {}
    stages = current_stages(due)
    active: dict[int, str] = {}
    steps = DossierStep.objects.filter(dossier__in=[d.pk for d in due], status=StepStatus.ACTIVE).order_by("order")
    for dossier_id, name, agency in steps.values_list("dossier_id", "name", "agency__name"):
        active.setdefault(dossier_id, f"{name} ({agency})" if agency else name)
    alerts = []
    for dossier in due:
        month = local_date(dossier.appointment_at).strftime("%Y-%m")
        if month not in stakes:
            stakes[month] = points_if_one_more_late(scope, period_parse(month), now=now)
        if stakes[month] <= 0:
            continue
        alerts.append(Alert(dossier, stages.get(dossier.pk), active.get(dossier.pk, ""), stakes[month]))
    return alerts
