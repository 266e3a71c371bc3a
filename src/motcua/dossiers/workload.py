"""A day's workload of the one-stop: per receiving point, per clerk, and per agency staff member.

Read-only. Every figure counts dossiers in the caller's scope (:func:`dossier_list_for_user`), and the whole
picture takes a fixed handful of aggregate queries, however many dossiers, points or people there are:

* per point and clerk: dossiers received that day, handed over to the agency that day (the ``transfer``
  event), results returned that day (the ``return_result`` event), dossiers still open now, of which
  overdue now (in working time, as the inboxes count it);
* per agency staff member: steps in progress assigned to them now, of which past their own due time.

A clerk's open and overdue dossiers are those they received; hand-overs and returns go to whoever did them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from motcua.agencies.models import ReceivingPoint, Role, StaffAssignment
from motcua.agencies.selectors import agencies_overseen, receiving_points_for, user_has_role
from motcua.core.localtime import local_date

from .lifecycle import OPEN, Action
from .models import Dossier, DossierEvent, DossierStep, StepStatus
from .selectors import RUNNING, before_threshold, dossier_list_for_user, overdue_threshold

COUNTER_STAFF = (Role.POSTAL_CLERK, Role.POSTAL_SUPERVISOR)
STEP_STAFF = (Role.AGENCY_SPECIALIST, Role.AGENCY_LEADER)


@dataclass(frozen=True, kw_only=True)
class Counts:
    received: int = 0
    handed_over: int = 0
    returned: int = 0
    open: int = 0
    overdue: int = 0


@dataclass(frozen=True, kw_only=True)
class PointLoad(Counts):
    point: ReceivingPoint


@dataclass(frozen=True, kw_only=True)
class ClerkLoad(Counts):
    user: Any
    points: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class StaffLoad:
    user: Any
    agencies: tuple[str, ...] = ()
    in_progress: int = 0
    overdue: int = 0


@dataclass(frozen=True)
class Workload:
    day: date
    at: datetime
    points: list[PointLoad]
    clerks: list[ClerkLoad]
    staff: list[StaffLoad]
    totals: Counts
    unassigned_steps: int = 0
    busiest: int = field(default=0)  # the largest received/returned figure of a point, to scale a chart


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The local day as [start, end) aware instants."""
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(day, time.min), zone)
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), zone)
    return start, end


def _valid_assignments(*, on: date) -> QuerySet[StaffAssignment]:
    """Assignments in force on ``on`` of active users (the same rule as the user's own scope)."""
    return StaffAssignment.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on),
        Q(valid_until__isnull=True) | Q(valid_until__gte=on),
        is_active=True,
        user__is_active=True,
    )


def _tally(rows: Iterable[dict[str, Any]], key: str, *names: str) -> dict[Any, dict[str, int]]:
    totals: dict[Any, dict[str, int]] = defaultdict(lambda: dict.fromkeys(names, 0))
    for row in rows:
        for name in names:
            totals[row[key]][name] += row[name]
    return totals


def step_load(
    *, user: Any, at: datetime | None = None, assignees: Iterable[Any] | None = None
) -> dict[Any, tuple[int, int]]:
    """Assignee id (``None``: not assigned yet) → (steps in progress, of which overdue), over the dossiers
    ``user`` sees. ``assignees`` narrows the count to those people. One aggregate query."""
    return _step_load(dossiers=dossier_list_for_user(user=user), at=at or timezone.now(), assignees=assignees)


def _step_load(
    *, dossiers: QuerySet[Dossier], at: datetime, assignees: Iterable[Any] | None = None
) -> dict[Any, tuple[int, int]]:
    # Steps of a dossier whose processing ended (withdrawn, stopped) are no one's work any more.
    steps = DossierStep.objects.filter(
        status=StepStatus.ACTIVE, dossier__status__in=OPEN, dossier__in=dossiers.values("pk")
    )
    if assignees is not None:
        steps = steps.filter(assignee__in=list(assignees))
    # A step is late once its own due time has passed in working time, while its dossier's clock runs.
    late = Q(dossier__status__in=RUNNING) & before_threshold(
        field="due_at", at=at, threshold=overdue_threshold, point="dossier__receiving_point"
    )
    rows = steps.order_by().values("assignee").annotate(n=Count("pk"), late=Count("pk", filter=late))
    return {row["assignee"]: (row["n"], row["late"]) for row in rows}


def workload_for(*, user: Any, day: date | None = None, at: datetime | None = None) -> Workload:
    """The workload ``user`` supervises on ``day`` (default: today), open and overdue figures as of ``at``
    (default: now)."""
    now = at or timezone.now()
    day = day or local_date(now)
    start, end = day_bounds(day)
    scope = dossier_list_for_user(user=user).order_by()
    overdue = Q(status__in=RUNNING) & before_threshold(field="appointment_at", at=now, threshold=overdue_threshold)

    # Received, open and overdue, by (point, receiving clerk): one query serves both tables.
    held: list[dict[str, Any]] = [
        dict(row)
        for row in scope.values("receiving_point", "received_by").annotate(
            received=Count("pk", filter=Q(received_at__gte=start, received_at__lt=end)),
            open=Count("pk", filter=Q(status__in=OPEN)),
            overdue=Count("pk", filter=overdue),
        )
    ]
    # Hand-overs and returns of the day, by (point, who did them).
    events = (
        DossierEvent.objects.filter(
            dossier__in=scope.values("pk"),
            action__in=[Action.TRANSFER, Action.RETURN_RESULT],
            at__gte=start,
            at__lt=end,
        )
        .values("dossier__receiving_point", "actor", "action")
        .annotate(n=Count("dossier", distinct=True))
        .order_by()
    )
    done: list[dict[str, Any]] = [
        {
            **row,
            "handed_over": row["n"] if row["action"] == Action.TRANSFER else 0,
            "returned": row["n"] if row["action"] == Action.RETURN_RESULT else 0,
        }
        for row in events
    ]

    names = ("received", "open", "overdue")
    by_point = _tally(held, "receiving_point", *names)
    by_clerk = _tally(held, "received_by", *names)
    for key, value in _tally(done, "dossier__receiving_point", "handed_over", "returned").items():
        by_point[key].update(value)
    for key, value in _tally(done, "actor", "handed_over", "returned").items():
        by_clerk[key].update(value)

    is_admin = user_has_role(user=user, roles=[Role.ADMINISTRATOR])
    # Administrators would get every point and agency of the country: they see those with activity only.
    agency_ids = [] if is_admin else list(agencies_overseen(user=user).values_list("pk", flat=True))
    points = _points(user=user, active=set(by_point), agency_ids=agency_ids, everything=is_admin)
    point_ids = {p.pk for p in points}
    counter_staff = (
        _valid_assignments(on=day)
        .filter(role__in=COUNTER_STAFF, receiving_point_id__in=point_ids)
        .values_list("user_id", "receiving_point_id")
    )
    workplaces: dict[int, set[int]] = defaultdict(set)
    for user_id, point_id in counter_staff:
        workplaces[user_id].add(point_id)
    steps = _step_load(dossiers=scope, at=now)
    assignees = {k for k in steps if k is not None}
    agencies_by_user = _agency_staff(agency_ids=agency_ids, on=day, also=assignees)

    people = set(workplaces) | {k for k in by_clerk if k is not None} | assignees
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=people | set(agencies_by_user))}
    point_names = {p.pk: p.name for p in points}

    point_rows = [PointLoad(point=p, **by_point.get(p.pk, {})) for p in points]
    clerk_rows = [
        ClerkLoad(
            user=users[pk],
            points=tuple(sorted(point_names[p] for p in workplaces.get(pk, ()) if p in point_names)),
            **by_clerk.get(pk, {}),
        )
        for pk in set(workplaces) | {k for k in by_clerk if k is not None}
        if pk in users
    ]
    staff_rows = [
        StaffLoad(
            user=users[pk],
            agencies=tuple(sorted(agencies_by_user.get(pk, ()))),
            in_progress=steps.get(pk, (0, 0))[0],
            overdue=steps.get(pk, (0, 0))[1],
        )
        for pk in set(agencies_by_user) | assignees
        if pk in users
    ]
    totals = Counts(**{n: sum(getattr(r, n) for r in point_rows) for n in Counts.__dataclass_fields__})
    return Workload(
        day=day,
        at=now,
        points=sorted(point_rows, key=lambda r: (r.point.name, r.point.code)),
        clerks=sorted(clerk_rows, key=lambda r: (str(r.user), r.user.pk)),
        staff=sorted(staff_rows, key=lambda r: (-r.in_progress, -r.overdue, str(r.user), r.user.pk)),
        totals=totals,
        unassigned_steps=steps.get(None, (0, 0))[0],
        busiest=max((max(r.received, r.returned) for r in point_rows), default=0),
    )


def _points(*, user: Any, active: set[int], agency_ids: list[int], everything: bool) -> list[ReceivingPoint]:
    """The points with dossiers in scope, and, even on a quiet day, the points the user works at, those
    their agencies operate, and those receiving dossiers for their agencies."""
    wanted = Q(pk__in=active)
    if not everything:
        serving = ReceivingPoint.serves.through.objects.filter(agency_id__in=agency_ids).values("receivingpoint")
        wanted |= Q(pk__in=receiving_points_for(user=user).values("pk")) | Q(operator_id__in=agency_ids)
        wanted |= Q(pk__in=serving)
    return list(ReceivingPoint.objects.filter(wanted).order_by("name"))


def _agency_staff(*, agency_ids: list[int], on: date, also: set[int]) -> dict[int, set[str]]:
    """User id → names of the agencies where they process steps: the staff of ``agency_ids``, and the
    people in ``also`` (wherever they work)."""
    rows = (
        _valid_assignments(on=on)
        .filter(Q(agency_id__in=agency_ids) | Q(user_id__in=also), role__in=STEP_STAFF)
        .values_list("user_id", "agency__short_name", "agency__name")
    )
    found: dict[int, set[str]] = defaultdict(set)
    for user_id, short_name, name in rows:
        found[user_id].add(short_name or name)
    return found
