"""The training point of a real point: where its trainees practise, with a training committee of its own.

A training point copies the real point's commune, operator, kind and office hours, so the counter behaves as
there, but it receives for a training committee that no one staffs and that issues the training dossiers' codes
itself: nothing practised takes a number of a real unit's code book or register (docs/training.md, "The sandbox").
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency, AgencyKind, AgencyLevel, ReceivingPoint, Role, StaffAssignment

TRAINING_AGENCY_PREFIX = "Z99.DT"
TRAINING_POINT_PREFIX = "DT"
#: The level of the training committee: a commune's. A procedure no commune implements is out of its scope.
TRAINING_LEVEL = AgencyLevel.COMMUNE


@transaction.atomic
def training_point_for(point: ReceivingPoint) -> ReceivingPoint:
    """The training point of ``point``, made the first time it is asked for."""
    code = f"{TRAINING_POINT_PREFIX}.{point.code}"[:40]
    existing = ReceivingPoint.objects.filter(code=code, is_training=True).first()
    if existing is not None:
        return existing
    committee = Agency.objects.create(
        code=f"{TRAINING_AGENCY_PREFIX}.{point.pk}",
        name=_("Training committee of %(point)s") % {"point": point.name},
        kind=AgencyKind.PEOPLES_COMMITTEE,
        level=TRAINING_LEVEL,
        province=point.commune.province,
        commune=point.commune,
    )
    training = ReceivingPoint.objects.create(
        code=code,
        name=_("Training · %(point)s") % {"point": point.name},
        kind=point.kind,
        operator=point.operator,
        one_stop_unit=committee,
        channel=point.channel,
        commune=point.commune,
        address=point.address,
        office_hours=point.office_hours,
        is_training=True,
    )
    training.serves.set([committee])
    return training


def practise_at(*, user: Any, training_point: ReceivingPoint) -> None:
    """Assign ``user`` as a clerk of the training point (once): the counter offers it to them in training mode."""
    if not training_point.is_training:  # pragma: no cover - a programming error, not an input
        raise ValueError("practise_at takes a training point")
    held = StaffAssignment.objects.filter(
        user=user, role=Role.POSTAL_CLERK, receiving_point=training_point, is_active=True, valid_until__isnull=True
    )
    if not held.exists():
        StaffAssignment.objects.create(user=user, role=Role.POSTAL_CLERK, receiving_point=training_point)
