"""Reads of the postal app that other apps rely on.

**The postman sees his orders only** (docs/domain.md, "Trust: signed results, need to know, steps and roles"):
a postman's scope is not his post office but the orders assigned to him while they are open. A pickup is
open from its assignment until slip 01 is back with the applicant; a delivery until it is delivered,
returned to the counter or cancelled. :func:`dossier_ids_carried_by` is registered with
``motcua.dossiers.permissions`` as the postman's scope, so the desk pages, the scans and documents, and the
API all read it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from .models import OrderKind, OrderStatus, PostalOrder

OPEN_PICKUP = (OrderStatus.ASSIGNED, OrderStatus.COLLECTED)
OPEN_DELIVERY = (OrderStatus.CREATED, OrderStatus.ACCEPTED, OrderStatus.OUT_FOR_DELIVERY, OrderStatus.ATTEMPT_FAILED)
OPEN = (
    Q(kind=OrderKind.PICKUP, status__in=OPEN_PICKUP)
    | Q(kind=OrderKind.PICKUP, status=OrderStatus.HANDED_OVER, slip_given_at__isnull=True)
    | Q(kind=OrderKind.DELIVERY, status__in=OPEN_DELIVERY)
)


def orders_open_for_postman(*, user: Any) -> QuerySet[PostalOrder]:
    """The orders assigned to ``user`` that are still open."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return PostalOrder.objects.none()
    return PostalOrder.objects.filter(OPEN, postman_id=user.pk)


def dossier_ids_carried_by(user: Any) -> QuerySet[Any, Any]:
    """The ids of the dossiers on the postman's open orders (a sub-select: ``dossier_id``)."""
    return orders_open_for_postman(user=user).filter(dossier__isnull=False).values("dossier_id")
