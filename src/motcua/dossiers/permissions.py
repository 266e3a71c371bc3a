"""Whether a user may take an action on a dossier: a role the lifecycle table allows, in scope."""

from __future__ import annotations

from motcua.agencies.models import Role
from motcua.agencies.models.staff import AGENCY_ROLES, POINT_ROLES
from motcua.agencies.selectors import agencies_for, receiving_points_for, user_has_role

from .lifecycle import Transition
from .models import Dossier, DossierStep, StepStatus


def dossier_in_scope(*, user, dossier: Dossier, roles: tuple[Role, ...]) -> bool:
    """True when the user holds one of ``roles`` for a unit this dossier belongs to right now."""
    if user_has_role(user=user, roles=[Role.ADMINISTRATOR]):
        return True
    point_roles = [r for r in roles if r in POINT_ROLES]
    if (
        point_roles
        and user_has_role(user=user, roles=point_roles)
        and receiving_points_for(user=user).filter(pk=dossier.receiving_point_id).exists()
    ):
        return True
    agency_roles = [r for r in roles if r in AGENCY_ROLES]
    if agency_roles and user_has_role(user=user, roles=agency_roles):
        units = set(agencies_for(user=user).values_list("pk", flat=True))
        active = set(
            DossierStep.objects.filter(dossier=dossier, status=StepStatus.ACTIVE).values_list("agency_id", flat=True)
        )
        operator = dossier.receiving_point.operator_id
        if units & ({dossier.lead_agency_id, operator} | active):
            return True
    return False


def may_take(*, user, dossier: Dossier, transition: Transition) -> bool:
    return dossier_in_scope(user=user, dossier=dossier, roles=transition.roles)
