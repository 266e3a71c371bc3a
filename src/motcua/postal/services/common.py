"""What pickup and delivery share: the zone, the postage quote, locking an order, the audit line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from motcua.agencies.models import ReceivingPoint
from motcua.audit.services import audit_event_append
from motcua.localities.models import Commune

from ..models import OrderKind, PostalOrder, Service, Zone
from . import errors


@dataclass(frozen=True)
class Postage:
    zone: Zone
    price: int
    payer: str


def postage_for(
    *, point: ReceivingPoint, commune: Commune, service: Service | str, weight_grams: int, on: datetime | None = None
) -> Postage:
    """The zone and the tariff's price and payer (``postal.tariffs.postage_quote``; imported late: it is
    its own module, with its own engineer, and needs nothing from here)."""
    from ..tariffs import postage_quote, zone_for

    zone = zone_for(point=point, commune=commune)
    quote = postage_quote(
        service=service,
        zone=zone,
        weight_grams=weight_grams,
        province=point.commune.province,
        on=on.date() if on is not None else None,
    )
    return Postage(zone=zone, price=int(quote.price), payer=str(quote.payer))


def order_lock(*, order: PostalOrder, kind: OrderKind) -> PostalOrder:
    locked = PostalOrder.objects.select_for_update().get(pk=order.pk)
    if locked.kind != kind:
        raise errors.wrong_kind(number=locked.tracking_number)
    return locked


def order_audit(*, order: PostalOrder, verb: str, actor: Any = None, **payload: Any) -> None:
    audit_event_append(
        action=f"postal.{order.kind}.{verb}",
        actor=actor,
        object_type="postal.postalorder",
        object_id=order.tracking_number,
        payload={"status": order.status, **payload},
    )
