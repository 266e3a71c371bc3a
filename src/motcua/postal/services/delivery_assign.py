"""Giving a result's delivery to a postman: the same checks as ``pickup_assign``.

An order is created with the post office's least busy postman (``delivery_create_for``); a supervisor or
clerk of that post office may give it to another one while it is still open.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from motcua.agencies.selectors import user_may_receive_at

from ..models import OrderKind, OrderStatus, PostalOrder
from . import errors
from .common import order_audit, order_lock
from .pickup import _is_postman_at

OPEN_DELIVERY = frozenset({OrderStatus.CREATED, OrderStatus.ACCEPTED, OrderStatus.ATTEMPT_FAILED})


@transaction.atomic
def delivery_assign(*, order: PostalOrder, postman: Any, actor: Any) -> PostalOrder:
    """Give an open delivery to a postman of its post office. Not while it is out for delivery: the postman
    carrying it answers for it until they report what happened."""
    order = order_lock(order=order, kind=OrderKind.DELIVERY)
    if order.status not in OPEN_DELIVERY:
        raise errors.wrong_status(number=order.tracking_number, status=OrderStatus(order.status).label)
    point = order.receiving_point
    if not _is_postman_at(user=postman, point=point):
        raise errors.not_a_postman(point=point.code)
    if not (user_may_receive_at(user=actor, point=point) or (actor == postman)):
        raise errors.not_permitted()
    order.postman = postman
    order.save(update_fields=["postman", "updated_at"])
    order_audit(order=order, verb="assign", actor=actor, postman=postman.get_username())
    return order
