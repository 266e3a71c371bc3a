"""Whose figures a user sees: a clerk the centres they work at, a supervisor the centres serving their agencies.

The supervision page's rule is reused as it stands (``desk.supervision_query.point_choices``: the points a
supervisor works at, operates, or that receive dossiers for the agencies they oversee); a clerk, who supervises
nothing, sees only ``receiving_points_for`` — their own points — and only their own line among the clerks.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q, QuerySet

from motcua.agencies.models import ReceivingPoint
from motcua.agencies.roles import SUPERVISOR_ROLES
from motcua.agencies.selectors import receiving_points_for, user_has_role
from motcua.desk.supervision_query import point_choices

from . import errors

#: The longest period the figures cover: a year, so the waits read stay bounded.
MAX_DAYS = 366


def supervises(*, user) -> bool:
    """Whether the user sees every clerk's line (a supervisor), or only their own (a clerk)."""
    return user is None or user_has_role(user=user, roles=SUPERVISOR_ROLES)


def figure_points(*, user) -> QuerySet[ReceivingPoint]:
    """The centres whose figures ``user`` may see (``user=None``: a command, every centre)."""
    if user is None:
        return ReceivingPoint.objects.order_by("name")
    mine = receiving_points_for(user=user)
    if not supervises(user=user):
        return mine.order_by("name")
    overseen = Q(pk__in=point_choices(user=user).values("pk")) | Q(pk__in=mine.values("pk"))
    return ReceivingPoint.objects.filter(overseen).order_by("name")


def figures_points_pick(*, user, code: str | None) -> list[ReceivingPoint]:
    """The centre ``code`` if the user may see it, else every centre they may see (``code`` empty)."""
    points = list(figure_points(user=user))
    if code:
        found = [point for point in points if point.code == code]
        if not found:
            raise errors.point_not_found(code=code[:40])
        return found
    if not points:
        raise errors.no_points()
    return points


def figures_period_check(*, start: date, end: date) -> None:
    if end < start:
        raise errors.period_reversed()
    if end - start >= timedelta(days=MAX_DAYS):
        raise errors.period_too_long(days=MAX_DAYS)
