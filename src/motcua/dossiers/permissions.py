"""Whether a user may take an action on a dossier: a role the lifecycle table allows, in scope."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from motcua.agencies.models import Role
from motcua.agencies.selectors import (
    Assignment,
    agency_ids_served,
    agency_ids_under,
    user_assignments,
    user_has_role,
)

from .lifecycle import OVERRIDE, Action, Status, Transition
from .models import Dossier, DossierStep, StepStatus

# Point roles whose scope is an errand, not a place (docs/domain.md, "The postman sees his orders only"): a
# postman sees the dossiers of the orders he carries while they are open, not his post office's. The app that
# owns the errand registers, per role, a reader of the dossier ids its holder carries (a sub-select of
# ``dossier_id``), so dossiers imports none of those apps; without a reader the role sees no dossier.
ERRAND_ROLES = (Role.POSTMAN,)
ERRAND_SCOPES: dict[Role, Callable[[Any], QuerySet[Any, Any]]] = {}


def errand_scope_register(role: Role, reader: Callable[[Any], QuerySet[Any, Any]]) -> None:
    assert role in ERRAND_ROLES
    ERRAND_SCOPES[role] = reader


def may_search(*, user: Any) -> bool:
    """Searching documents across a scope is for roles with a place or an agency: a user who is only a postman
    opens what his orders carry, and searches nothing (docs/domain.md, "The postman sees his orders only")."""
    return user_has_role(user=user, roles=[role for role in Role if role not in ERRAND_ROLES])


@dataclass
class ScopeReader:
    """What the scope rules read about one user and one dossier, each read once however many actions are
    checked (a dossier page asks about every action in the table)."""

    user: object
    dossier: Dossier
    _assignments: list[Assignment] | None = None
    _units: dict[tuple[int, ...], set[int]] = field(default_factory=dict)
    _active_agencies: set[int] | None = None
    _carried: dict[Role, bool] = field(default_factory=dict)

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

    def carries(self, role: Role) -> bool:
        """Whether the user, in an errand role, carries this dossier now (an open order of theirs)."""
        if role not in self._carried:
            reader = ERRAND_SCOPES.get(role)
            ids = reader(self.user) if reader is not None else None
            self._carried[role] = ids is not None and ids.filter(dossier_id=self.dossier.pk).exists()
        return self._carried[role]

    @property
    def active_step_agencies(self) -> set[int]:
        if self._active_agencies is None:
            active = DossierStep.objects.filter(dossier=self.dossier, status=StepStatus.ACTIVE)
            self._active_agencies = {pk for pk in active.values_list("agency_id", flat=True) if pk is not None}
        return self._active_agencies


def dossier_in_scope(*, user, dossier: Dossier, roles: tuple[Role, ...], reader: ScopeReader | None = None) -> bool:
    """True when the user holds one of ``roles`` for a unit this dossier belongs to right now (an
    administrator acts through the table's ``override``, see :func:`may_take`).

    Point roles act for the receiving point the dossier was received at, except a postman, who acts only on
    the dossiers of his open orders (``ERRAND_SCOPES``); agency roles for the lead
    agency, the unit operating that point, or an agency with a step in progress (and units above them);
    a one-stop supervisor also for the agency their one-stop department works for and its units.
    ``reader`` shares the reads between several checks of the same user and dossier.
    """
    reader = reader or ScopeReader(user=user, dossier=dossier)
    mine = [a for a in reader.assignments if a.role in roles]
    if any(reader.carries(Role(a.role)) for a in mine if a.role in ERRAND_ROLES):
        return True
    mine = [a for a in mine if a.role not in ERRAND_ROLES]
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


POSTAL_STAFF = (Role.POSTAL_CLERK, Role.POSTAL_SUPERVISOR)


def roles_for(*, transition: Transition, dossier: Dossier) -> tuple[Role, ...]:
    """The table's roles for ``transition``, less postal staff where the settings keep a decision from
    them (docs/domain.md, "Who does what: postal staff and the agency"): a supplement asked for once the
    dossier is with the agency, and, where a province so decides, a refusal at reception."""
    roles = transition.roles
    kept_from_post = (
        transition.action == Action.REQUEST_SUPPLEMENT
        and dossier.status != Status.RECEIVED
        and not settings.POSTAL_STAFF_MAY_REQUEST_SUPPLEMENT_IN_PROCESS
    ) or (transition.action == Action.REFUSE and not settings.POSTAL_STAFF_MAY_REFUSE_AT_RECEPTION)
    if kept_from_post:
        roles = tuple(role for role in roles if role not in POSTAL_STAFF)
    return roles


def overrides(*, reader: ScopeReader, roles: tuple[Role, ...] = OVERRIDE) -> bool:
    """Whether the user holds a role that overrides roles and scope (the lifecycle table's ``override``)."""
    return any(a.role in roles for a in reader.assignments)


def may_take(*, user, dossier: Dossier, transition: Transition, reader: ScopeReader | None = None) -> bool:
    """A role the table allows for ``transition``, in scope for ``dossier``; or the table's override."""
    reader = reader or ScopeReader(user=user, dossier=dossier)
    if overrides(reader=reader, roles=transition.override):
        return True
    roles = roles_for(transition=transition, dossier=dossier)
    return dossier_in_scope(user=user, dossier=dossier, roles=roles, reader=reader)


def active_steps_in_scope(*, user, dossier: Dossier, reader: ScopeReader | None = None) -> list[DossierStep]:
    """Steps in progress at one of the user's agencies (or not yet routed), in order; every step for an
    administrator."""
    reader = reader or ScopeReader(user=user, dossier=dossier)
    active = DossierStep.objects.filter(dossier=dossier, status=StepStatus.ACTIVE).select_related("agency")
    active = active.order_by("order")
    if overrides(reader=reader):
        return list(active)
    mine = reader.units([a.agency_id for a in reader.assignments if a.agency_id])
    return [s for s in active if s.agency_id is None or s.agency_id in mine]


def step_for_user(*, user, dossier: Dossier, reader: ScopeReader | None = None) -> DossierStep | None:
    """The one place that chooses the step in progress ``user`` acts on: among those in scope
    (:func:`active_steps_in_scope`), the first whose role the user holds, else the first (a leader hands out
    a specialist's step). Assigning, completing, the dossier page and the supervision page all ask this."""
    reader = reader or ScopeReader(user=user, dossier=dossier)
    roles = {a.role for a in reader.assignments}
    candidates = active_steps_in_scope(user=user, dossier=dossier, reader=reader)
    return next((s for s in candidates if s.role in roles), None) or next(iter(candidates), None)


def may_complete(*, step: DossierStep, reader: ScopeReader) -> bool:
    """Only a holder of the step's role completes it (docs/domain.md, "Steps and roles": a specialist does not
    complete the leader's signing step); the administrator overrides."""
    return overrides(reader=reader) or any(a.role == step.role for a in reader.assignments)


def step_to_complete(*, user, dossier: Dossier, reader: ScopeReader | None = None) -> DossierStep | None:
    """The step in progress the user may complete: :func:`step_for_user`, if :func:`may_complete` holds."""
    reader = reader or ScopeReader(user=user, dossier=dossier)
    step = step_for_user(user=user, dossier=dossier, reader=reader)
    return step if step is not None and may_complete(step=step, reader=reader) else None
