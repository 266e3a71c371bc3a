"""The events a stage may start or end with, spelled exactly as motcua stores them, and where each time is read.

* ``dossier`` events are the ``action`` of a dossier's history (``dossiers.DossierEvent``): every action of the
  lifecycle table (``dossiers.lifecycle.Action``), the reception itself (``receive``, the first event of every
  dossier) and a receipt issued anew (``receipt_reissued``).
* ``postal`` events are what a postal order of the dossier went through (``postal.models``): its statuses and the
  pickup's last step. The time of each is read from the order (the booking, the collection, the hand-over at the
  one-stop, slip 01 given back, a delivery or a return to the counter) or from the carrier's applied tracking
  events (accepted, out for delivery, a failed attempt). Statuses with no time recorded (``assigned``,
  ``cancelled``) cannot start or end a stage.
"""

from __future__ import annotations

from dataclasses import dataclass

from motcua.dossiers.lifecycle import Action
from motcua.dossiers.selectors import RECEIPT_REISSUED
from motcua.postal.models import OrderKind, OrderStatus, PickupStep

from .models import EventKind

#: The first event of every dossier's history (``dossiers.services.receive.dossier_receive``).
RECEIVE = "receive"

DOSSIER_EVENTS: frozenset[str] = frozenset({RECEIVE, RECEIPT_REISSUED, *Action.values})


@dataclass(frozen=True)
class PostalSource:
    """Where the time of a postal event is read: a field of the order, or the carrier's tracking events."""

    order_kind: str
    field: str = ""  # a datetime field of PostalOrder
    tracking_kind: str = ""  # the kind of an applied TrackingEvent
    status: str = ""  # the order must be in this status for ``field`` to mean this event


POSTAL_EVENTS: dict[str, PostalSource] = {
    OrderStatus.BOOKED: PostalSource(OrderKind.PICKUP, field="created_at"),
    OrderStatus.COLLECTED: PostalSource(OrderKind.PICKUP, field="done_at"),
    OrderStatus.HANDED_OVER: PostalSource(OrderKind.PICKUP, field="checked_at"),
    PickupStep.SLIP_GIVEN: PostalSource(OrderKind.PICKUP, field="slip_given_at"),
    OrderStatus.CREATED: PostalSource(OrderKind.DELIVERY, field="created_at"),
    OrderStatus.ACCEPTED: PostalSource(OrderKind.DELIVERY, tracking_kind=OrderStatus.ACCEPTED),
    OrderStatus.OUT_FOR_DELIVERY: PostalSource(OrderKind.DELIVERY, tracking_kind=OrderStatus.OUT_FOR_DELIVERY),
    OrderStatus.ATTEMPT_FAILED: PostalSource(OrderKind.DELIVERY, tracking_kind=OrderStatus.ATTEMPT_FAILED),
    OrderStatus.DELIVERED: PostalSource(OrderKind.DELIVERY, field="done_at", status=OrderStatus.DELIVERED),
    OrderStatus.RETURNED_TO_COUNTER: PostalSource(
        OrderKind.DELIVERY, field="done_at", status=OrderStatus.RETURNED_TO_COUNTER
    ),
}


def event_names(kind: str) -> frozenset[str]:
    """The names valid for ``kind`` (empty for an unknown kind)."""
    if kind == EventKind.DOSSIER:
        return DOSSIER_EVENTS
    if kind == EventKind.POSTAL:
        return frozenset(POSTAL_EVENTS)
    return frozenset()


def event_exists(kind: str, name: str) -> bool:
    return name in event_names(kind)
