"""Reading certifications: a holder's list with each one's state, and the supervisor's matrix of a point."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from motcua.agencies.models import ReceivingPoint, Role, StaffAssignment
from motcua.agencies.models.staff import POINT_ROLES
from motcua.core.localtime import local_date
from motcua.dossiers.models import Dossier
from motcua.procedures.models import Field

from .catalogue import GatedStage, gated_stages
from .gate import active_waivers, valid_certifications
from .models import Certification, GateGap

VALID, EXPIRING, EXPIRED, REVOKED, RENEWED = "valid", "expiring", "expired", "revoked", "renewed"
RECENT_DAYS = 30  # fields of the procedures received at the point lately: what its staff need tomorrow


def expiring_horizon() -> int:
    """Days before expiry from which a certification is shown as expiring: the first reminder's."""
    days = [int(d) for d in settings.CERTIFICATION_REMINDER_DAYS]
    return max(days) if days else 0


def certification_state(certification: Certification, *, today: date | None = None) -> str:
    day = today or local_date()
    if certification.revoked_at is not None:
        return REVOKED
    if certification.valid_until < day:
        return EXPIRED
    if (certification.valid_until - day).days <= expiring_horizon():
        return EXPIRING
    return VALID


def certification_by_token(token: str) -> Certification | None:
    """The certification of a verification token, or None. Only an exact token finds one: nothing to enumerate."""
    if not token or len(token) > 64:
        return None
    return Certification.objects.select_related("user", "field").filter(token=token).first()


def certifications_of(*, user: Any) -> QuerySet[Certification]:
    return (
        Certification.objects.filter(user=user)
        .select_related("field", "renewed_from")
        .prefetch_related("renewals")
        .order_by("stage_code", "field__name", "-issued_at")
    )


@dataclass
class Cell:
    state: str  # valid, expiring, waived, missing
    until: date | None = None


@dataclass
class StaffRow:
    user: Any
    roles: list[str]
    cells: list[Cell] = field(default_factory=list)

    @property
    def gaps(self) -> int:
        return sum(cell.state == "missing" for cell in self.cells)


@dataclass
class PointMatrix:
    point: ReceivingPoint
    columns: list[tuple[GatedStage, Field]]
    rows: list[StaffRow]
    recent_gaps: list[GateGap]


def points_supervised(*, user: Any) -> QuerySet[ReceivingPoint]:
    """The receiving points where ``user`` is a postal supervisor; every point for an administrator."""
    day = local_date()
    mine = StaffAssignment.objects.filter(user=user, is_active=True).exclude(valid_from__gt=day)
    mine = mine.exclude(valid_until__lt=day)
    if mine.filter(role=Role.ADMINISTRATOR).exists():
        return ReceivingPoint.objects.order_by("code")
    return ReceivingPoint.objects.filter(
        pk__in=mine.filter(role=Role.POSTAL_SUPERVISOR).values("receiving_point")
    ).order_by("code")


def point_staff(point: ReceivingPoint) -> dict[Any, list[str]]:
    """The staff of ``point`` today (postal roles), each with the labels of their roles there."""
    day = local_date()
    staff: dict[Any, list[str]] = {}
    assignments = (
        StaffAssignment.objects.filter(
            receiving_point=point, role__in=POINT_ROLES, is_active=True, user__is_active=True
        )
        .filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day), Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )
        .select_related("user")
        .order_by("user__username", "role")
    )
    for assignment in assignments:
        staff.setdefault(assignment.user, []).append(str(Role(assignment.role).label))
    return staff


def recent_fields(point: ReceivingPoint) -> list[Field]:
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    ids = (
        Dossier.objects.filter(receiving_point=point, received_at__gte=since)
        .values_list("procedure_version__procedure__field", flat=True)
        .distinct()
    )
    return list(Field.objects.filter(pk__in=set(ids)).order_by("name"))


def point_matrix(point: ReceivingPoint) -> PointMatrix:
    """Who at ``point`` is certified for which stage × field, for the fields of the procedures received there in the
    last 30 days: valid, expiring (within the first reminder), waived, or missing (a gap for tomorrow)."""
    day = local_date()
    staff = point_staff(point)
    fields = recent_fields(point)
    stages = list(gated_stages().values())
    columns = [(stage, f) for stage in stages for f in fields]
    users = list(staff)
    held: dict[tuple[int, str, int], date] = {}
    for user_id, stage_code, field_id, until in (
        valid_certifications(on=day)
        .filter(user__in=users)
        .values_list("user_id", "stage_code", "field_id", "valid_until")
    ):
        key = (user_id, stage_code, field_id)
        held[key] = max(until, held.get(key, until))
    waived = set(active_waivers(on=day).filter(user__in=users).values_list("user_id", "stage_code", "field_id"))
    horizon = expiring_horizon()
    rows = []
    for user, roles in staff.items():
        row = StaffRow(user=user, roles=roles)
        for stage, f in columns:
            until = held.get((user.pk, stage.code, f.pk))
            if until is not None:
                row.cells.append(Cell("expiring" if (until - day).days <= horizon else "valid", until))
            elif (user.pk, stage.code, f.pk) in waived or (user.pk, stage.code, None) in waived:
                row.cells.append(Cell("waived"))
            else:
                row.cells.append(Cell("missing"))
        rows.append(row)
    gaps = list(
        GateGap.objects.filter(user__in=users, day__gte=day - timedelta(days=RECENT_DAYS))
        .select_related("user", "field")
        .order_by("-at")[:50]
    )
    return PointMatrix(point=point, columns=columns, rows=rows, recent_gaps=gaps)
