"""Whether a user may take an action on a dossier: a role the lifecycle table allows, in scope."""

from __future__ import annotations

from motcua.agencies.models import Role
from motcua.agencies.selectors import agency_ids_served, agency_ids_under, user_assignments

from .lifecycle import Transition
from .models import Dossier, DossierStep, StepStatus


def dossier_in_scope(*, user, dossier: Dossier, roles: tuple[Role, ...]) -> bool:
    """True when the user holds one of ``roles`` for a unit this dossier belongs to right now.

    Point roles act for the receiving point the dossier was received at; agency roles for the lead
    agency, the unit operating that point, or an agency with a step in progress (and units above them);
    a one-stop supervisor also for the agency their one-stop department works for and its units.
    Reads the user's assignments once.
    """
    assignments = user_assignments(user=user)
    if any(a.role == Role.ADMINISTRATOR for a in assignments):
        return True
    mine = [a for a in assignments if a.role in roles]
    if any(a.receiving_point_id == dossier.receiving_point_id for a in mine if a.receiving_point_id):
        return True
    roots = [a.agency_id for a in mine if a.agency_id]
    if not roots:
        return False
    units = agency_ids_under(roots=roots)
    one_stop_roots = [a.agency_id for a in mine if a.agency_id and a.role == Role.ONE_STOP_SUPERVISOR]
    if one_stop_roots:
        units |= agency_ids_served(agency_ids=agency_ids_under(roots=one_stop_roots))
    candidates = {dossier.lead_agency_id, dossier.receiving_point.operator_id}
    if units & candidates:
        return True
    active = DossierStep.objects.filter(dossier=dossier, status=StepStatus.ACTIVE, agency_id__in=units)
    return active.exists()


def may_take(*, user, dossier: Dossier, transition: Transition) -> bool:
    return dossier_in_scope(user=user, dossier=dossier, roles=transition.roles)
