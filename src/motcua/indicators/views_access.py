"""Who opens the dashboards, and which scopes each sees (docs/indicators.md, "Dashboards").

Supervisors (one-stop and postal), planners and administrators open them. A one-stop supervisor sees the province
of his one-stop unit, a postal supervisor the province of his receiving point, a planner his province; a planner
without a province and an administrator see the whole country. Inside a province every scope of it is open: the
province, its departments, communes and receiving points. Anything outside answers 404 exactly like a scope that
does not exist, as the planner's pages do for a province.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404

from motcua.agencies.models import Agency, ReceivingPoint, Role, StaffAssignment
from motcua.core.localtime import local_date
from motcua.desk.access import roles_required
from motcua.localities.models import Commune

from .scopes import Scope

DASHBOARD_ROLES = (Role.ONE_STOP_SUPERVISOR, Role.POSTAL_SUPERVISOR, Role.PLANNER, Role.ADMINISTRATOR)

dashboard_readers = roles_required(DASHBOARD_ROLES)


@dataclass(frozen=True)
class DashboardReach:
    """``country``: every scope; else the scopes inside the province codes of ``provinces``."""

    country: bool
    provinces: frozenset[str]

    def province_of(self, scope: Scope) -> str | None:
        """The province a scope lies in (``None`` for the country or a national agency)."""
        if scope.kind == "province":
            return scope.code
        if scope.kind == "commune":
            return Commune.objects.filter(code=scope.code).values_list("province_id", flat=True).first()
        if scope.kind == "agency":
            return Agency.objects.filter(code=scope.code).values_list("province_id", flat=True).first()
        if scope.kind == "point":
            points = ReceivingPoint.objects.filter(code=scope.code)
            return points.values_list("commune__province_id", flat=True).first()
        return None

    def covers(self, scope: Scope) -> bool:
        return self.country or self.province_of(scope) in self.provinces


def dashboard_reach(*, user) -> DashboardReach:
    """The user's reach, from his assignments valid today (one query)."""
    day = local_date()
    rows = StaffAssignment.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        user=user,
        is_active=True,
        role__in=[role.value for role in DASHBOARD_ROLES],
    ).values_list("role", "province_id", "agency__province_id", "receiving_point__commune__province_id")
    country = False
    provinces: set[str] = set()
    for role, planned, agency_province, point_province in rows:
        if role == Role.ADMINISTRATOR or (role == Role.PLANNER and planned is None):
            country = True
        provinces.update(code for code in (planned, agency_province, point_province) if code)
    return DashboardReach(country=country, provinces=frozenset(provinces))


def scope_or_404(reach: DashboardReach, scope: Scope) -> Scope:
    if not reach.covers(scope):
        raise Http404
    return scope
