"""Writing the parts (components, fees, steps) of a draft in bulk."""

from __future__ import annotations

from .. import errors
from ..models import Component, Fee, ProcedureVersion, ProcessStep, VersionStatus
from ..specs import ProcedureSpec, part_values


def guard_draft(version: ProcedureVersion) -> None:
    """Published and retired versions never change: dossiers were received under them."""
    if version.status != VersionStatus.DRAFT:
        raise errors.version_immutable(number=version.number, code=version.procedure.national_code)


def version_parts_write(*, version: ProcedureVersion, spec: ProcedureSpec) -> None:
    """Replace the parts of a draft with those of ``spec``; a part's order is its position, from 1.

    Bulk writes skip the models' per-row guard, so the draft guard is checked here, once, for all rows.
    """
    guard_draft(version)
    for model in (Component, Fee, ProcessStep):
        model.objects.filter(version=version).delete()
    Component.objects.bulk_create(
        Component(version=version, order=order, **part_values(part))
        for order, part in enumerate(spec.components, start=1)
    )
    Fee.objects.bulk_create(
        Fee(version=version, order=order, **part_values(part)) for order, part in enumerate(spec.fees, start=1)
    )
    ProcessStep.objects.bulk_create(
        ProcessStep(version=version, order=order, **part_values(part)) for order, part in enumerate(spec.steps, start=1)
    )
