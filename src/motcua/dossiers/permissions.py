"""Whether a user may take an action on a dossier: a role the lifecycle table allows, in scope."""

from __future__ import annotations

from dataclasses import dataclass, field

from motcua.agencies.models import Role
from motcua.agencies.selectors import Assignment, agency_ids_served, agency_ids_under, user_assignments

from .lifecycle import Transition
from .models import Dossier, DossierStep, StepStatus


@dataclass
class ScopeReader:
    """What the scope rules read about one user and one dossier, each read once however many actions are
    checked (a dossier page asks about every action in the table)."""

    user: object
    dossier: Dossier
    _assignments: list[Assignment] | None = None
    _units: dict[tuple[int, ...], set[int]] = field(default_factory=dict)
    _active_agencies: set[int] | None = None

    @property
    def assignments(self) -> list[Assignment]:
        if self._assignments is None:
            self._assignments = user_assignments(user=self.user)
        return self._assignments

    def units(self, roots: list[int]) -> set[int]:
        key = tuple(sorted(set(roots)))
        if key not in self._units:
            self._units[key] = agency_ids_under(roots=list(key))
        return self._units[key]

    @property
    def active_step_agencies(self) -> set[int]:
        if self._active_agencies is None:
            active = DossierStep.objects.filter(dossier=self.dossier, status=StepStatus.ACTIVE)
            self._active_agencies = {pk for pk in active.values_list("agency_id", flat=True) if pk is not None}
        return self._active_agencies


def dossier_in_scope(*, user, dossier: Dossier, roles: tuple[Role, ...], reader: ScopeReader | None = None) -> bool:
    """True when the user holds one of ``roles`` for a unit this dossier belongs to right now.

    Point roles act for the receiving point the dossier was received at; agency roles for the lead
    agency, the unit operating that point, or an agency with a step in progress (and units above them);
    a one-stop supervisor also for the agency their one-stop department works for and its units.
    ``reader`` shares the reads between several checks of the same user and dossier.
    """
    reader = reader or ScopeReader(user=user, dossier=dossier)
    assignments = reader.assignments
    if any(a.role == Role.ADMINISTRATOR for a in assignments):
        return True
    mine = [a for a in assignments if a.role in roles]
    if any(a.receiving_point_id == dossier.receiving_point_id for a in mine if a.receiving_point_id):
        return True
    roots = [a.agency_id for a in mine if a.agency_id]
    if not roots:
        return False
    units = set(reader.units(roots))
    one_stop_roots = [a.agency_id for a in mine if a.agency_id and a.role == Role.ONE_STOP_SUPERVISOR]
    if one_stop_roots:
        units |= agency_ids_served(agency_ids=reader.units(one_stop_roots))
    candidates = {dossier.lead_agency_id, dossier.receiving_point.operator_id}
    if units & candidates:
        return True
    return bool(units & reader.active_step_agencies)


def may_take(*, user, dossier: Dossier, transition: Transition, reader: ScopeReader | None = None) -> bool:
    return dossier_in_scope(user=user, dossier=dossier, roles=transition.roles, reader=reader)
