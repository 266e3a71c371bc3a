"""Reading practice sessions: a trainee's own, and those a supervisor may sign off."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from motcua.agencies.models import ReceivingPoint, Role
from motcua.agencies.selectors import receiving_points_for, user_ids_at_point
from motcua.procedures.models import Field, VersionStatus

from .models import PracticeSession


def real_points_of(*, user: Any) -> QuerySet[ReceivingPoint]:
    """The real points where the user works: where they practise from."""
    return receiving_points_for(user=user).filter(is_training=False).order_by("name")


def sessions_of(*, trainee: Any) -> QuerySet[PracticeSession]:
    return PracticeSession.objects.filter(trainee=trainee).select_related("point", "field", "signed_off_by")


def sessions_to_sign_off(*, user: Any, limit: int = 50) -> list[PracticeSession]:
    """Unsigned sessions of others at the points where the user is a postal supervisor."""
    points = [
        point
        for point in real_points_of(user=user)
        if user_ids_at_point(point=point, role=Role.POSTAL_SUPERVISOR).filter(user_id=user.pk).exists()
    ]
    return list(
        PracticeSession.objects.filter(point__in=points, signed_off_at__isnull=True)
        .exclude(trainee=user)
        .select_related("trainee", "point", "field")[:limit]
    )


def fields_to_practise() -> QuerySet[Field]:
    """Fields with a published procedure."""
    published = Field.objects.filter(procedures__versions__status=VersionStatus.PUBLISHED)
    return Field.objects.filter(pk__in=published.values("pk")).order_by("name")
