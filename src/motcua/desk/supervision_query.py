"""Reads for the supervision page: the department's dossiers filtered, their counts per deadline flag, and the
choices of the filters and of the register, all inside the user's scope (:func:`dossier_list_for_user`).

A deadline flag is one condition on the scope, the same as :func:`dossier_due_flag` decides for one dossier,
so a tab's list and its count never disagree, and every count comes from one aggregate query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from motcua.agencies.models import Agency, ReceivingPoint, Role
from motcua.agencies.selectors import agencies_overseen, receiving_points_for, user_has_role
from motcua.dossiers.lifecycle import ENDED, STEP_WORKERS
from motcua.dossiers.models import Dossier, DossierStep, StepStatus
from motcua.dossiers.selectors import (
    PAUSED,
    RUNNING,
    DueFlag,
    before_threshold,
    dossier_filter_search,
    dossier_list_for_user,
    due_soon_threshold,
    overdue_threshold,
)
from motcua.dossiers.workload import day_bounds

FLAGS: tuple[DueFlag, ...] = (DueFlag.OVERDUE, DueFlag.DUE_SOON, DueFlag.ON_TRACK, DueFlag.PAUSED, DueFlag.ENDED)


@dataclass(frozen=True)
class DossierFilters:
    """What the supervisor narrows the list to; empty values do not filter."""

    status: str = ""
    lead_agency: Agency | None = None
    point: ReceivingPoint | None = None
    flag: str = ""
    received_from: date | None = None
    received_to: date | None = None
    search: str = ""


def flag_conditions(*, at: datetime) -> dict[str, Q]:
    overdue = before_threshold(field="appointment_at", at=at, threshold=overdue_threshold)
    soon = before_threshold(field="appointment_at", at=at, threshold=due_soon_threshold)
    running = Q(status__in=RUNNING)
    return {
        DueFlag.OVERDUE: running & overdue,
        DueFlag.DUE_SOON: running & soon & ~overdue,
        DueFlag.ON_TRACK: running & ~soon,
        DueFlag.PAUSED: Q(status__in=PAUSED),
        DueFlag.ENDED: Q(status__in=ENDED),
    }


def _narrowed(*, user: Any, filters: DossierFilters) -> QuerySet[Dossier]:
    dossiers = dossier_list_for_user(user=user)
    if filters.status:
        dossiers = dossiers.filter(status=filters.status)
    if filters.lead_agency is not None:
        dossiers = dossiers.filter(lead_agency=filters.lead_agency)
    if filters.point is not None:
        dossiers = dossiers.filter(receiving_point=filters.point)
    if filters.received_from is not None:
        dossiers = dossiers.filter(received_at__gte=day_bounds(filters.received_from)[0])
    if filters.received_to is not None:
        dossiers = dossiers.filter(received_at__lt=day_bounds(filters.received_to)[1])
    return dossier_filter_search(dossiers=dossiers, words=filters.search)


def supervision_dossiers(*, user: Any, filters: DossierFilters, at: datetime | None = None) -> QuerySet[Dossier]:
    """The dossiers in scope that match ``filters``, open ones first by appointment, with the steps in
    progress (and their assignee and agency) prefetched for the list."""
    dossiers = _narrowed(user=user, filters=filters)
    if filters.flag:
        dossiers = dossiers.filter(flag_conditions(at=at or timezone.now())[filters.flag])
    active = DossierStep.objects.filter(status=StepStatus.ACTIVE).select_related("agency", "assignee").order_by("order")
    # Open dossiers first, the most urgent on top; then those whose processing has ended.
    ended = Case(When(status__in=ENDED, then=Value(1)), default=Value(0), output_field=IntegerField())
    return (
        dossiers.annotate(ended=ended)
        .order_by("ended", "appointment_at", "pk")
        .prefetch_related(Prefetch("steps", queryset=active, to_attr="active_steps"))
    )


def supervision_flag_counts(*, user: Any, filters: DossierFilters, at: datetime | None = None) -> dict[str, int]:
    """How many of the dossiers matching ``filters`` (but the flag) carry each deadline flag, and ``all``."""
    conditions = flag_conditions(at=at or timezone.now())
    counts = _narrowed(user=user, filters=filters).aggregate(
        all=Count("pk"), **{str(flag): Count("pk", filter=conditions[flag]) for flag in FLAGS}
    )
    return {key: value or 0 for key, value in counts.items()}


def lead_agency_choices(*, user: Any) -> QuerySet[Agency]:
    """The agencies leading a dossier the user sees, and the user's own agencies."""
    wanted = Q(pk__in=dossier_list_for_user(user=user).order_by().values("lead_agency"))
    # An administrator's "own agencies" are all of them: the list keeps to those leading a dossier.
    if not user_has_role(user=user, roles=[Role.ADMINISTRATOR]):
        wanted |= Q(pk__in=agencies_overseen(user=user).values("pk"))
    return Agency.objects.filter(wanted).order_by("name")


def point_choices(*, user: Any) -> QuerySet[ReceivingPoint]:
    """The receiving points of the dossiers the user sees, with the points they work at, operate, or that
    receive dossiers for their agencies (before any has arrived)."""
    seen = dossier_list_for_user(user=user).order_by().values("receiving_point")
    wanted = Q(pk__in=seen)
    if not user_has_role(user=user, roles=[Role.ADMINISTRATOR]):
        mine = agencies_overseen(user=user).values("pk")
        serving = ReceivingPoint.serves.through.objects.filter(agency__in=mine).values("receivingpoint")
        wanted |= Q(pk__in=receiving_points_for(user=user).values("pk")) | Q(operator__in=mine) | Q(pk__in=serving)
    return ReceivingPoint.objects.filter(wanted).order_by("name")


def may_reassign(*, user: Any) -> bool:
    """Whether the user holds a role the lifecycle lets assign a step (postal supervisors follow, not assign)."""
    return user_has_role(user=user, roles=[*STEP_WORKERS, Role.ADMINISTRATOR])
