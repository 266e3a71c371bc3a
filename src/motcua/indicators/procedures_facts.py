"""The facts of the procedure catalogue that Decision 766's "procedures offered online" counts (docs/indicators.md,
"The indicators"; the catalogue and its versions: docs/domain.md).

A period counts the procedures with a version **in force at the end of the period**: published before the period
ended, not replaced by a later version published before then, and not withdrawn before then. That anchor makes a
closed month final: what is published or withdrawn afterwards is dated after its end. A version records when it
was published (``published_at``); a later version's publication retires it (its ``published_at`` says when); a
withdrawal (``procedure_version_retire``) is dated only by its audit event, which the catalogue always appends in
the same transaction — so the audit log is read for it. A version marked retired with neither a later version nor
a withdrawal event is taken as withdrawn at an unknown time: never in force.

- ``in_force``: the procedures with a version in force (each has at most one).
- ``offered_online``: those whose version in force is offered online, fully or partly (``online_submission``
  ``full`` or ``partial``): both are online public services, "toàn trình" and "một phần" (Decree 42/2022/NĐ-CP;
  article unverified).
- ``offered_fully_online``: only those fully online; the built-in definition uses it instead when
  ``INDICATOR_PROCEDURES_PARTLY_ONLINE`` is off.

A scope counts the procedures it can receive or handle (:mod:`.scopes`): those with an implementing level of one of
its agencies (``ProcedureVersion.levels``, ``Agency.level``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db.models import BooleanField, Case, CharField, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Cast

from motcua.audit.models import AuditEvent
from motcua.procedures.models import ImplementingLevel, OnlineSubmission, ProcedureVersion, VersionStatus

PROCEDURE_FILTERS = ("in_force", "offered_online", "offered_fully_online")

_ONLINE = {
    "offered_online": (OnlineSubmission.FULL, OnlineSubmission.PARTIAL),
    "offered_fully_online": (OnlineSubmission.FULL,),
}

# The action of audit.events.procedure_version_retired: the one record of when a version was withdrawn.
_WITHDRAWN = "procedure.version_retired"


def implements(level: str) -> Q:
    """The versions naming ``level`` among their implementing levels (a short JSON list: its text is matched, the
    same on every database, as the catalogue's search does)."""
    return Q(levels__icontains=f'"{level}"')


def versions_in_force(at: datetime) -> QuerySet[ProcedureVersion]:
    """The versions in force at the instant ``at``: at most one per procedure."""
    later = ProcedureVersion.objects.filter(
        procedure=OuterRef("procedure"), number__gt=OuterRef("number"), published_at__isnull=False
    )
    withdrawals = AuditEvent.objects.filter(
        action=_WITHDRAWN,
        object_type=ProcedureVersion._meta.label_lower,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    undated_withdrawal = Q(status=VersionStatus.RETIRED) & ~Exists(later) & ~Exists(withdrawals)
    return (
        ProcedureVersion.objects.filter(published_at__lt=at)
        .exclude(Exists(later.filter(published_at__lt=at)))
        .exclude(Exists(withdrawals.filter(at__lt=at)))
        .exclude(undated_withdrawal)
    )


def procedure_filter(name: str) -> Q | None:
    """The condition of the named filter (one of :data:`PROCEDURE_FILTERS`) over the versions in force; None: all."""
    if name == "in_force":
        return None
    return Q(online_submission__in=_ONLINE[name])


def _measures() -> dict[str, Count]:
    return {f"n_{name}": Count("pk", filter=procedure_filter(name)) for name in PROCEDURE_FILTERS}


def procedure_counts(at: datetime, where: Q) -> dict[str, int]:
    """How many procedures in force at ``at`` among the versions ``where`` selects meet each filter: one query."""
    counts = versions_in_force(at).filter(where).aggregate(**_measures())
    return {key.removeprefix("n_"): value for key, value in counts.items()}


def procedure_counts_by_levels(at: datetime, levels_by_unit: Mapping[Any, frozenset[str]]) -> dict[Any, dict]:
    """Per unit, the counts of :func:`procedure_counts` over the procedures with an implementing level among the
    unit's levels. One grouped query whatever the number of units: the versions in force are counted per
    combination of implementing levels (at most eight rows), and each unit sums the combinations it serves."""
    flags = {
        f"l_{level}": Case(When(implements(level), then=Value(True)), default=Value(False), output_field=BooleanField())
        for level in ImplementingLevel.values
    }
    rows = list(versions_in_force(at).annotate(**flags).order_by().values(*flags).annotate(**_measures()))
    result = {}
    for unit, levels in levels_by_unit.items():
        served = [row for row in rows if any(row[f"l_{level}"] for level in levels)]
        result[unit] = {name: sum(row[f"n_{name}"] for row in served) for name in PROCEDURE_FILTERS}
    return result
