"""Who may act for what: the scope of staff, read from their assignments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.functional import Promise

from motcua.core.localtime import local_date

from .models import Agency, AgencyKind, ReceivingPoint, Role, StaffAssignment
from .roles import ROLE_CAPABILITIES


def _active_assignments(*, user, on: date | None = None) -> QuerySet[StaffAssignment]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return StaffAssignment.objects.none()
    day = on or local_date()
    return StaffAssignment.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        user=user,
        is_active=True,
    )


def user_ids_at_point(*, point: ReceivingPoint, role: Role, on: date | None = None) -> QuerySet[Any, Any]:
    """The ids (``user_id``) of the staff holding ``role`` at ``point`` today, by valid assignments."""
    day = on or local_date()
    return StaffAssignment.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        receiving_point=point,
        role=role,
        is_active=True,
    ).values("user_id")


@dataclass(frozen=True)
class RoleSummary:
    role: str
    label: str | Promise
    scope: str
    capabilities: list


def user_roles(*, user) -> list[RoleSummary]:
    """The user's current roles, each with its scope and what it lets them do."""
    summaries = []
    assignments = _active_assignments(user=user).select_related("receiving_point", "agency", "province")
    for assignment in assignments.order_by("role"):
        role = Role(assignment.role)
        scope = assignment.receiving_point or assignment.agency or assignment.province
        summaries.append(
            RoleSummary(
                role=role.value,
                label=role.label,
                scope=str(scope) if scope else "",
                capabilities=list(ROLE_CAPABILITIES.get(role, [])),
            )
        )
    return summaries


def user_has_role(*, user, roles: tuple[Role, ...] | list[Role]) -> bool:
    return _active_assignments(user=user).filter(role__in=[r.value for r in roles]).exists()


def user_role_values(*, user) -> frozenset[str]:
    """Every role the user holds now, in one query (a page that asks about several roles, like the menu)."""
    return frozenset(_active_assignments(user=user).values_list("role", flat=True))


def user_may_receive_at(*, user, point: ReceivingPoint) -> bool:
    """Whether ``user`` may receive dossiers at ``point``: its clerks and supervisors, a one-stop
    supervisor of the unit operating it, or an administrator. One query."""
    return (
        _active_assignments(user=user)
        .filter(
            Q(role__in=[Role.POSTAL_CLERK, Role.POSTAL_SUPERVISOR], receiving_point=point)
            | Q(role=Role.ONE_STOP_SUPERVISOR, agency_id=point.operator_id)
            | Q(role=Role.ADMINISTRATOR)
        )
        .exists()
    )


def receiving_points_for(*, user) -> QuerySet[ReceivingPoint]:
    """Receiving points whose work the user sees: their own points; administrators see all. A postman's post
    office is not one: he sees only his own orders (docs/domain.md, "The postman sees his orders only")."""
    assignments = _active_assignments(user=user)
    if assignments.filter(role=Role.ADMINISTRATOR).exists():
        return ReceivingPoint.objects.all()
    return ReceivingPoint.objects.filter(
        pk__in=assignments.filter(receiving_point__isnull=False).exclude(role=Role.POSTMAN).values("receiving_point")
    )


def training_points_for(*, user) -> QuerySet[ReceivingPoint]:
    """The training points where the user practises (assigned there). An administrator's reach over every point
    does not include them: a training point's dossiers are nobody's real work (docs/training.md, "The sandbox")."""
    assigned = _active_assignments(user=user).filter(receiving_point__isnull=False).values("receiving_point")
    return ReceivingPoint.objects.filter(is_training=True, pk__in=assigned)


def agencies_for(*, user) -> QuerySet[Agency]:
    """Agencies whose work the user sees: their own agencies and the units under them."""
    assignments = _active_assignments(user=user)
    if assignments.filter(role=Role.ADMINISTRATOR).exists():
        return Agency.objects.all()
    roots = list(assignments.filter(agency__isnull=False).values_list("agency_id", flat=True))
    return Agency.objects.filter(pk__in=agency_ids_under(roots=roots))


def agency_ids_under(*, roots) -> set[int]:
    """The ids of ``roots`` and of every unit under them (one query per level of the tree)."""
    seen: set[int] = set()
    frontier = [pk for pk in roots if pk is not None]
    while frontier:
        seen.update(frontier)
        frontier = [
            pk for pk in Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True) if pk not in seen
        ]
    return seen


def agency_ids_served(*, agency_ids) -> set[int]:
    """The agencies a one-stop unit works for: for each one-stop department or service centre among
    ``agency_ids``, the agency above it (the people's committee it belongs to) and every unit under that."""
    parents = Agency.objects.filter(
        pk__in=list(agency_ids), kind__in=[AgencyKind.ONE_STOP, AgencyKind.SERVICE_CENTRE], parent__isnull=False
    ).values_list("parent_id", flat=True)
    return agency_ids_under(roots=list(parents))


def agencies_overseen(*, user) -> QuerySet[Agency]:
    """The agencies whose dossiers the user oversees: their own (with the units under them) and, for a
    one-stop department or service centre, the agency it works for and that agency's units."""
    own = agency_ids_under(
        roots=list(_active_assignments(user=user).filter(agency__isnull=False).values_list("agency_id", flat=True))
    )
    return Agency.objects.filter(pk__in=own | agency_ids_served(agency_ids=own))


@dataclass(frozen=True)
class Assignment:
    role: str
    receiving_point_id: int | None
    agency_id: int | None


def user_assignments(*, user) -> list[Assignment]:
    """The user's assignments valid today, read in one query, for callers that test several rules."""
    rows = _active_assignments(user=user).values_list("role", "receiving_point_id", "agency_id")
    return [Assignment(role, point, agency) for role, point, agency in rows]


ONE_STOP_KINDS = (AgencyKind.ONE_STOP, AgencyKind.SERVICE_CENTRE)


def one_stop_unit_for(*, point: ReceivingPoint, lead_agency: Agency) -> Agency:
    """The one-stop unit a reception at ``point`` is registered for: it issues the dossier's code and the
    papers of reception (docs/domain.md "Official papers: who issues, who signs, their numbers").

    The unit the point receives for; else the centre operating it; else the lead agency's own one-stop
    department or centre; else the lead agency, as its own reception unit. Never the post.
    """
    if point.one_stop_unit_id is not None:
        return point.one_stop_unit  # type: ignore[return-value]
    if point.operator.kind in ONE_STOP_KINDS:
        return point.operator
    own = lead_agency.children.filter(kind__in=ONE_STOP_KINDS, is_active=True).order_by("code").first()
    return own or lead_agency
