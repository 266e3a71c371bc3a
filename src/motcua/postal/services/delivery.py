"""Delivery of a result by post: one order per dossier, and one state machine for what happens to it.

:func:`delivery_apply` is the only way an order moves, whether the postman reports from their page or
a carrier's tracking event arrives (the webhook calls it once per event). Events older than the last
applied one, and events the current state does not allow (anything after ``delivered``), are ignored.

**Who acts on the dossier.** Delivering closes the dossier (``return_result``) and the last failed
attempt sends it back to the counter (``return_to_counter``); both are lifecycle transitions that need
an answerable person with the postman role at the dossier's post office. That is the ``actor`` when a
person reports, else the order's postman: a carrier's event is the postman's report relayed. An order
with no postman cannot close or return a dossier (``postal_no_postman``): there is no system user
that could be held to account for a delivery nobody made.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.core.parcels import DEFAULT_PARCEL_WEIGHT_GRAMS
from motcua.dossiers.checks import gate_check
from motcua.dossiers.lifecycle import Status
from motcua.dossiers.models import Dossier, OutboxMessage, ReturnMethod
from motcua.dossiers.services.collector import Collector, collector_check
from motcua.dossiers.services.transitions import dossier_return_result, dossier_return_to_counter

from ..models import OrderKind, OrderStatus, Payer, PostalOrder, Service
from ..numbers import tracking_number_issue
from . import errors
from .common import order_audit, order_lock, postage_for

ACCEPTED, OUT_FOR_DELIVERY, ATTEMPT_FAILED = "accepted", "out_for_delivery", "attempt_failed"
DELIVERED, RETURNED_TO_COUNTER = "delivered", "returned_to_counter"

# event → (the order states it may come in, the state it leads to)
DELIVERY_EVENTS: dict[str, tuple[frozenset[str], OrderStatus]] = {
    ACCEPTED: (frozenset({OrderStatus.CREATED}), OrderStatus.ACCEPTED),
    OUT_FOR_DELIVERY: (
        frozenset({OrderStatus.CREATED, OrderStatus.ACCEPTED, OrderStatus.ATTEMPT_FAILED}),
        OrderStatus.OUT_FOR_DELIVERY,
    ),
    ATTEMPT_FAILED: (frozenset({OrderStatus.OUT_FOR_DELIVERY}), OrderStatus.ATTEMPT_FAILED),
    DELIVERED: (frozenset({OrderStatus.ACCEPTED, OrderStatus.OUT_FOR_DELIVERY}), OrderStatus.DELIVERED),
    RETURNED_TO_COUNTER: (
        frozenset(
            {OrderStatus.CREATED, OrderStatus.ACCEPTED, OrderStatus.OUT_FOR_DELIVERY, OrderStatus.ATTEMPT_FAILED}
        ),
        OrderStatus.RETURNED_TO_COUNTER,
    ),
}


def max_attempts() -> int:
    return int(getattr(settings, "POSTAL_MAX_ATTEMPTS", 3))


def _live_delivery(dossier: Dossier) -> PostalOrder | None:
    return (
        PostalOrder.objects.filter(dossier=dossier, kind=OrderKind.DELIVERY)
        .exclude(status=OrderStatus.CANCELLED)
        .first()
    )


@transaction.atomic
def delivery_create_for(*, dossier: Dossier, actor: Any = None, postman: Any = None) -> PostalOrder:
    """The delivery order of a dossier's result, to the return address the applicant gave.

    Idempotent: a dossier has at most one live delivery (a database constraint), and asking again
    answers it. The commune is the delivery address's when it was named (an online filing, a delivery booked from My
    dossiers), else the applicant's, else the post office's; postage from the tariff.
    """
    existing = _live_delivery(dossier)
    if existing is not None:
        return existing
    dossier = Dossier.objects.select_related(
        "receiving_point__commune__province", "applicant_commune", "return_commune"
    ).get(pk=dossier.pk)
    if dossier.return_method != ReturnMethod.POST or not dossier.return_address.strip():
        raise errors.not_by_post(code=dossier.code)
    point = dossier.receiving_point
    commune = dossier.return_commune or dossier.applicant_commune or point.commune
    weight = DEFAULT_PARCEL_WEIGHT_GRAMS
    postman = postman or _least_busy_postman(point=point)
    postage = postage_for(point=point, commune=commune, service=Service.STANDARD, weight_grams=weight)
    # The postage quoted at reception is the postage charged (docs/domain.md, "Fees and postage").
    price = dossier.return_postage if dossier.return_postage is not None else postage.price
    try:
        with transaction.atomic():
            order = PostalOrder.objects.create(
                kind=OrderKind.DELIVERY,
                carrier=settings.POSTAL_CARRIER,  # whose webhook and polling speak for the order
                status=OrderStatus.CREATED,
                tracking_number=tracking_number_issue(kind=OrderKind.DELIVERY),
                dossier=dossier,
                procedure_version=dossier.procedure_version,
                receiving_point=point,
                lead_agency=dossier.lead_agency,
                contact_name=dossier.applicant_name,
                contact_id_number=dossier.applicant_id_number,
                contact_phone=dossier.applicant_phone,
                address=dossier.return_address,
                commune=commune,
                postman=postman,
                service=Service.STANDARD,
                zone=postage.zone,
                weight_grams=weight,
                postage=price,
                postage_payer=postage.payer,
                # Fees not paid at reception are collected on delivery, for the lead agency.
                fees_to_collect=max(dossier.fees_charged - dossier.fees_paid, 0),
                created_by=actor if getattr(actor, "pk", None) else None,
            )
    except IntegrityError:
        # Another worker created it first (the outbox delivers at least once): answer theirs.
        existing = _live_delivery(dossier)
        if existing is None:
            raise
        return existing
    order_audit(order=order, verb="create", actor=actor, dossier=dossier.code)
    return order


def _least_busy_postman(*, point: Any) -> Any:
    """The point's postman with the fewest open deliveries (a supervisor may reassign), or None."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Q

    from motcua.agencies.models import Role
    from motcua.agencies.selectors import user_ids_at_point

    open_statuses = [
        OrderStatus.CREATED,
        OrderStatus.ACCEPTED,
        OrderStatus.OUT_FOR_DELIVERY,
        OrderStatus.ATTEMPT_FAILED,
    ]
    postmen = (
        get_user_model()
        .objects.filter(
            pk__in=user_ids_at_point(point=point, role=Role.POSTMAN),
            is_active=True,
        )
        .annotate(load=Count("postal_orders", filter=Q(postal_orders__status__in=open_statuses)))
        .order_by("load", "pk")
    )
    return postmen.first()


def _collect_on_delivery(*, order: PostalOrder, dossier: Dossier, person: Any, at: datetime) -> None:
    """What the postman takes from the recipient at the door: the postage when the applicant pays it, and
    the fees not paid at reception (owed to the lead agency). Recorded once per order and kind."""
    from ..models import CollectionKind
    from ..money import collection_record

    if order.postage and order.postage_payer == Payer.APPLICANT:
        collection_record(order=order, kind=CollectionKind.POSTAGE, amount=order.postage, postman=person, at=at)
    if order.fees_to_collect:
        collection_record(
            order=order,
            kind=CollectionKind.FEES,
            amount=order.fees_to_collect,
            postman=person,
            agency=dossier.lead_agency,
            at=at,
        )


def _answerable(*, order: PostalOrder, actor: Any) -> Any:
    person = actor if getattr(actor, "pk", None) else order.postman
    if person is None:
        raise errors.no_one_answerable(number=order.tracking_number)
    return person


def _dossier_of(order: PostalOrder) -> Dossier:
    if order.dossier is None:
        raise errors.delivery_without_dossier(number=order.tracking_number)
    return order.dossier


def _give_back(*, order: PostalOrder, person: Any, at: datetime, reason: str) -> None:
    """The result goes back to the counter; the applicant is told where to collect it."""
    dossier = _dossier_of(order)
    if dossier.status == Status.RESULT_WITH_POST:
        dossier_return_to_counter(dossier=dossier, actor=person, reason=reason, now=at)
    point = order.receiving_point
    OutboxMessage.objects.get_or_create(
        key=f"postal:{order.pk}:delivery_failed",
        defaults={
            "topic": "postal.delivery_failed",
            "payload": {
                "tracking_number": order.tracking_number,
                "code": dossier.code,
                "phone": order.contact_phone,
                "attempts": order.attempts,
                "point": {"code": point.code, "name": point.name, "address": point.address, "phone": point.phone},
                "at": timezone.localtime(at).isoformat(),
            },
        },
    )


@transaction.atomic
def delivery_apply(
    *, order: PostalOrder, kind: str, at: datetime, details: dict[str, Any] | None = None, actor: Any = None
) -> bool:
    """Apply one delivery event; False (and nothing changed) when it is stale or not allowed now.

    ``kind``: accepted, out_for_delivery, attempt_failed, delivered (``details``: recipient_name,
    recipient_id_number, identity_checked, recipient_relation, recipient_authorization), returned_to_counter.
    After ``POSTAL_MAX_ATTEMPTS`` failed attempts the order goes back to the counter by itself.
    """
    if kind not in DELIVERY_EVENTS:
        raise errors.unknown_event(kind=kind)
    order = order_lock(order=order, kind=OrderKind.DELIVERY)
    sources, target = DELIVERY_EVENTS[kind]
    if (order.last_event_at is not None and at < order.last_event_at) or order.status not in sources:
        return False
    if getattr(actor, "pk", None):  # a person reports (a carrier's relayed event is not gated): docs/training.md
        gate_check(user=actor, kind="postal", name=kind, dossier=order.dossier)
    details = details or {}
    fields = ["status", "last_event_at", "updated_at"]
    if kind == ATTEMPT_FAILED:
        order.attempts += 1
        fields.append("attempts")
        if order.attempts >= max_attempts():
            target = OrderStatus.RETURNED_TO_COUNTER
    if kind == DELIVERED:
        recipient = str(details.get("recipient_name") or "").strip()
        if not recipient:
            raise errors.recipient_required()
        dossier = _dossier_of(order)
        # The same identity check as at the counter (docs/domain.md, "The postal steps of a home pickup and a
        # delivery"): ID number, identity paper checked, the authorisation of someone other than the applicant.
        collector = collector_check(
            dossier=dossier,
            collector=Collector(
                name=recipient,
                id_number=str(details.get("recipient_id_number") or ""),
                identity_checked=details.get("identity_checked") in (True, "true", "1", "on"),
                relation=str(details.get("recipient_relation") or ""),
                authorization=str(details.get("recipient_authorization") or ""),
            ),
            inputs="recipient_",
        )
        order.recipient_name = collector.name
        order.recipient_relation = collector.relation
        order.recipient_id_number = collector.id_number
        order.recipient_authorization = collector.authorization
        order.done_at = at
        fields += ["recipient_name", "recipient_relation", "recipient_id_number", "recipient_authorization", "done_at"]
        person = _answerable(order=order, actor=actor)
        note = " · ".join(
            part
            for part in (
                order.tracking_number,
                collector.relation,
                collector.authorization and f"UQ: {collector.authorization}",
            )
            if part
        )
        dossier_return_result(
            dossier=dossier,
            actor=person,
            note=note,
            collector_name=collector.name,
            collector_id_number=collector.id_number,
            identity_checked=collector.identity_checked,
            collector_relation=collector.relation,
            collector_authorization=collector.authorization,
            now=at,
        )
        _collect_on_delivery(order=order, dossier=dossier, person=person, at=at)
    if target == OrderStatus.RETURNED_TO_COUNTER:
        order.done_at = at
        fields.append("done_at")
        reason = str(details.get("reason") or "").strip() or f"{order.tracking_number}: {order.attempts} × {kind}"
        _give_back(order=order, person=_answerable(order=order, actor=actor), at=at, reason=reason)
    order.status = target
    order.last_event_at = at
    order.save(update_fields=fields)
    order_audit(order=order, verb=kind, actor=actor, at=timezone.localtime(at).isoformat(), **details)
    return True
