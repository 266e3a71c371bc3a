"""Home pickup of a dossier: book → assign a postman → collect at home → hand over at the one-stop.

The dossier exists only from the hand-over: the time limit counts from when the one-stop receives the
dossier (docs/domain.md, "Lifecycle and national codes"). Until then the order carries the applicant,
the papers collected and the money.
Each step locks the order, checks the state it starts from, and changes it in one transaction.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency, ReceivingPoint, Role, StaffAssignment
from motcua.agencies.selectors import user_may_receive_at
from motcua.core.localtime import local_date
from motcua.core.parcels import DEFAULT_PARCEL_WEIGHT_GRAMS
from motcua.dossiers import errors as dossier_errors
from motcua.dossiers.checks import gate_check
from motcua.dossiers.lifecycle import Channel
from motcua.dossiers.models import ApplicantKind, Dossier, ReturnMethod
from motcua.dossiers.services.receive import ID_NUMBER, Applicant, ReceivedComponent, Reception, version_parts
from motcua.localities.models import Commune
from motcua.procedures.fees import fee_quote
from motcua.procedures.models import ProcedureVersion, VersionStatus

from ..models import (
    PICKUP_STEPS,
    CollectionKind,
    OrderKind,
    OrderStatus,
    Payer,
    PickupStep,
    PostalOrder,
    Service,
    Signer,
)
from ..numbers import tracking_number_issue
from . import errors
from .common import order_audit, order_lock, postage_for
from .paper_list import papers_digest, signature_png, signatures_record, signatures_valid

SEAL_NUMBER = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,39}$")


def seal_number_clean(value: str) -> str:
    """A seal number as printed on the seal: letters, digits and dashes, upper case."""
    seal = re.sub(r"\s+", "", value or "").upper()
    if not SEAL_NUMBER.match(seal):
        raise errors.seal_number_invalid(value=value.strip())
    return seal


def _commune(commune: Commune | str) -> Commune:
    if isinstance(commune, Commune):
        return commune
    found = Commune.objects.select_related("province").filter(code=str(commune).strip()).first()
    if found is None:
        raise errors.commune_unknown(code=str(commune))
    return found


def _check_window(start: datetime | None, end: datetime | None, *, now: datetime) -> None:
    if start is None and end is None:
        return
    if start is None or end is None:
        raise errors.window_incomplete()
    if end <= start:
        raise errors.window_reversed()
    if end <= now:
        raise errors.window_in_past()


def _lead_agency(*, point: ReceivingPoint, lead_agency: Agency | None) -> Agency:
    if lead_agency is not None:
        if not point.serves.filter(pk=lead_agency.pk).exists():
            raise dossier_errors.agency_not_served(agency=lead_agency.code, point=point.code)
        return lead_agency
    served = list(point.serves.all()[:2])
    if len(served) != 1:
        raise errors.lead_agency_needed(point=point.code)
    return served[0]


def _required(value: str, *, label: Any) -> str:
    if not value or not value.strip():
        raise errors.field_required(field=label)
    return value.strip()


@transaction.atomic
def pickup_book(
    *,
    version: ProcedureVersion,
    point: ReceivingPoint,
    contact_name: str,
    contact_id_number: str,
    contact_phone: str,
    address: str,
    commune: Commune | str,
    actor: Any = None,
    window_start: datetime | None = None,
    window_end: datetime | None = None,
    service: Service | str = Service.STANDARD,
    lead_agency: Agency | None = None,
    return_by_post: bool = False,
    fee_lines: Mapping[int, int] | None = None,
) -> PostalOrder:
    """Book a home pickup of a dossier for ``version``, to be received at ``point``.

    ``commune``: a commune or its code. ``lead_agency``: the agency that will decide; may be left out
    when the point serves only one. Postage from the tariff (zone: the point's province against the
    commune's); the fees to collect are those of the procedure's fee lines that apply, ``fee_lines`` naming
    the alternative chosen and the optional lines asked for (``procedures.fees.fee_quote``).
    """
    now = timezone.now()
    if version.status != VersionStatus.PUBLISHED:
        raise dossier_errors.procedure_not_published()
    if not point.is_active:
        raise errors.point_inactive(point=point.code)
    lead = _lead_agency(point=point, lead_agency=lead_agency)
    name = _required(contact_name, label=_("contact"))
    phone = _required(contact_phone, label=_("phone"))
    street = _required(address, label=_("address"))
    id_number = contact_id_number.strip()
    if not ID_NUMBER.match(id_number):
        raise dossier_errors.invalid_id_number(value=id_number, field="contact_id_number")
    _check_window(window_start, window_end, now=now)
    fees = fee_quote(fees=version_parts(version).fees, chosen=fee_lines)
    place = _commune(commune)
    weight = DEFAULT_PARCEL_WEIGHT_GRAMS
    postage = postage_for(point=point, commune=place, service=service, weight_grams=weight, on=window_start)
    order = PostalOrder.objects.create(
        kind=OrderKind.PICKUP,
        status=OrderStatus.BOOKED,
        tracking_number=tracking_number_issue(kind=OrderKind.PICKUP),
        procedure_version=version,
        receiving_point=point,
        lead_agency=lead,
        contact_name=name,
        contact_id_number=id_number,
        contact_phone=phone,
        address=street,
        commune=place,
        window_start=window_start,
        window_end=window_end,
        service=Service(service),
        zone=postage.zone,
        weight_grams=weight,
        postage=postage.price,
        postage_payer=postage.payer,
        fees_to_collect=fees.total,
        fee_lines={str(line.fee.pk): line.quantity for line in fees.lines},
        created_by=actor if getattr(actor, "pk", None) else None,
        return_by_post=return_by_post and version.postal_return,
    )
    order_audit(order=order, verb="book", actor=actor, procedure=version.procedure.national_code)
    return order


def _is_postman_at(*, user: Any, point: ReceivingPoint) -> bool:
    today = local_date()
    return (
        StaffAssignment.objects.filter(user=user, role=Role.POSTMAN, receiving_point=point, is_active=True)
        .filter(user__is_active=True)
        .exclude(valid_from__gt=today)
        .exclude(valid_until__lt=today)
        .exists()
    )


def _step_target(order: PostalOrder, step: PickupStep) -> OrderStatus:
    """The state ``step`` leads ``order`` to, by the pickup's state table; refused from any other state."""
    sources, target = PICKUP_STEPS[step]
    if order.status not in sources:
        raise errors.wrong_status(number=order.tracking_number, status=OrderStatus(order.status).label)
    return target


@transaction.atomic
def pickup_assign(*, order: PostalOrder, postman: Any, actor: Any) -> PostalOrder:
    """Give a booked pickup to a postman of its post office (again, to give it to another one).

    The actor is someone who receives at that post office, or the postman taking it themselves.
    """
    order = order_lock(order=order, kind=OrderKind.PICKUP)
    target = _step_target(order, PickupStep.ASSIGN)
    point = order.receiving_point
    if not _is_postman_at(user=postman, point=point):
        raise errors.not_a_postman(point=point.code)
    if not (user_may_receive_at(user=actor, point=point) or (actor == postman)):
        raise errors.not_permitted()
    order.postman = postman
    order.status = target
    order.save(update_fields=["postman", "status", "updated_at"])
    order_audit(order=order, verb="assign", actor=actor, postman=postman.get_username())
    return order


@transaction.atomic
def pickup_collect(
    *,
    order: PostalOrder,
    postman: Any,
    components: list[ReceivedComponent],
    fees_paid: int,
    postage_paid: int,
    seal_number: str,
    signatures: Mapping[Signer, str | bytes],
    at: datetime | None = None,
) -> PostalOrder:
    """The postman took the papers and the money at the applicant's home (Circular 17/2017/TT-BTTTT, art. 5).

    Every mandatory paper of the procedure must be there (else the postman guides a supplement and
    comes back). The list of papers (original or copy) is signed on the postman's screen by both sides
    (``signatures``: PNG bytes or data URLs, by signer), the envelope sealed (``seal_number``). Postage
    paid by the applicant must be paid in full; fees up to what is due, owed to the lead agency; the
    receipt is :func:`motcua.postal.papers.pickup_receipt_pdf`. The papers are kept on the order for the
    hand-over.
    """
    order = order_lock(order=order, kind=OrderKind.PICKUP)
    target = _step_target(order, PickupStep.COLLECT)
    if order.postman_id != getattr(postman, "pk", None):
        raise errors.not_the_postman()
    assert order.procedure_version is not None
    gate_check(user=postman, kind="postal", name=OrderStatus.COLLECTED, version=order.procedure_version)
    received = {c.component_id for c in components}
    for component in version_parts(order.procedure_version).mandatory_components:
        if component.pk not in received:
            raise errors.missing_component(name=component.name)
    if not 0 <= fees_paid <= order.fees_to_collect:
        raise errors.fees_out_of_range(due=order.fees_to_collect)
    postage_due = order.postage if order.postage_payer == Payer.APPLICANT else 0
    if postage_paid != postage_due:
        raise errors.postage_mismatch(due=postage_due)
    seal = seal_number_clean(seal_number)
    images = {side: signature_png(data=signatures.get(side) or b"", signer=side) for side in Signer}
    when = at or timezone.now()
    from ..money import collection_record  # its own module; imported late like the tariffs

    if postage_paid:
        collection_record(order=order, kind=CollectionKind.POSTAGE, amount=postage_paid, postman=postman, at=when)
    if fees_paid:
        collection_record(
            order=order, kind=CollectionKind.FEES, amount=fees_paid, postman=postman, agency=order.lead_agency, at=when
        )
    order.papers = [asdict(c) for c in components]
    order.papers_digest = papers_digest(number=order.tracking_number, papers=order.papers)
    order.seal_number = seal
    order.status = target
    order.done_at = when
    order.save(update_fields=["papers", "papers_digest", "seal_number", "status", "done_at", "updated_at"])
    names = {Signer.POSTMAN: postman.get_full_name() or postman.get_username(), Signer.APPLICANT: order.contact_name}
    signatures_record(order=order, signatures=images, names=names, at=when)
    order_audit(
        order=order,
        verb="collect",
        actor=postman,
        fees_paid=fees_paid,
        postage_paid=postage_paid,
        seal_number=seal,
        papers_digest=order.papers_digest,
    )
    return order


def _fees_paid(order: PostalOrder) -> int:
    fees = order.collections.filter(kind=CollectionKind.FEES).first()
    return fees.amount if fees is not None else 0


@transaction.atomic
def pickup_hand_over(
    *,
    order: PostalOrder,
    actor: Any,
    lead_agency: Agency | None = None,
    at: datetime | None = None,
    return_by_post: bool | None = None,
    seal_number: str,
    papers_checked: bool,
    note: str = "",
) -> Dossier:
    """The postman hands the collected dossier to the one-stop at the post office; ``actor``, who
    receives there, checks it and registers it (channel: postal) as received at ``at``, the hand-over.

    The check (Circular 17/2017/TT-BTTTT, art. 5): the seal number read on the envelope (``seal_number``)
    is the one the postman recorded, the list still matches its two signatures, and the clerk checked the
    papers against it (``papers_checked``); ``note`` records remarks. The hand-over record is
    :func:`motcua.postal.papers.pickup_handover_pdf`. Once received, slip 01 waits for the postman's next
    visit (:func:`pickup_slip_given`) and an SMS is queued in the outbox.

    Idempotent: handing over an order already handed over answers its dossier. ``lead_agency``
    overrides the one chosen at booking. ``return_by_post``: the result goes back to the pickup address
    (default: as chosen at booking).
    """
    order = order_lock(order=order, kind=OrderKind.PICKUP)
    if order.status == OrderStatus.HANDED_OVER and order.dossier is not None:
        return order.dossier
    target = _step_target(order, PickupStep.HAND_OVER)
    if not signatures_valid(order):
        raise errors.signatures_broken(number=order.tracking_number)
    if re.sub(r"\s+", "", seal_number or "").upper() != order.seal_number:
        raise errors.seal_mismatch(number=order.tracking_number)
    if not papers_checked:
        raise errors.papers_not_checked()
    gate_check(user=actor, kind="postal", name=OrderStatus.HANDED_OVER, version=order.procedure_version)
    if return_by_post is None:
        return_by_post = order.return_by_post
    lead = lead_agency or order.lead_agency
    if lead is None:
        raise errors.lead_agency_needed(point=order.receiving_point.code)
    assert order.procedure_version is not None
    from motcua.dossiers.services.receive import dossier_receive

    reception = Reception(
        procedure_version=order.procedure_version,
        receiving_point=order.receiving_point,
        lead_agency=lead,
        channel=Channel.POSTAL,
        applicant=Applicant(
            kind=ApplicantKind.CITIZEN,
            name=order.contact_name,
            id_number=order.contact_id_number,
            address=order.address,
            phone=order.contact_phone,
            commune_code=order.commune_id,
        ),
        components=[ReceivedComponent(**paper) for paper in order.papers],
        return_method=ReturnMethod.POST if return_by_post else ReturnMethod.COUNTER,
        return_address=order.address if return_by_post else "",
        fees_paid=_fees_paid(order),
        fee_lines={int(fee_id): units for fee_id, units in (order.fee_lines or {}).items()},
        submission_key=f"postal:{order.tracking_number}",
    )
    when = at or timezone.now()
    dossier = dossier_receive(reception=reception, actor=actor, received_at=when)
    order.dossier = dossier
    order.lead_agency = lead
    order.status = target
    order.checked_by = actor
    order.checked_at = when
    order.check_note = note.strip()
    order.save(
        update_fields=["dossier", "lead_agency", "status", "checked_by", "checked_at", "check_note", "updated_at"]
    )
    _queue_slip_sms(order=order, dossier=dossier)
    order_audit(order=order, verb="hand_over", actor=actor, dossier=dossier.code, seal_number=order.seal_number)
    return dossier


def _queue_slip_sms(*, order: PostalOrder, dossier: Dossier) -> None:
    """The SMS telling the applicant the dossier was received, with its code and appointment.

    Only recorded in the outbox (topic ``sms.postal_pickup_received``): motcua sends no SMS yet; a
    notification handler registered for ``sms.*`` will deliver it, once, by its key.
    """
    from motcua.dossiers.models import OutboxMessage
    from motcua.dossiers.slips.context import public_lookup_url

    appointment = timezone.localtime(dossier.appointment_at) if dossier.appointment_at else None
    OutboxMessage.objects.get_or_create(
        key=f"postal:{order.pk}:slip01_sms",
        defaults={
            "topic": "sms.postal_pickup_received",
            "payload": {
                "phone": order.contact_phone,
                "tracking_number": order.tracking_number,
                "code": dossier.code,
                "appointment": appointment.isoformat() if appointment else None,
                "lookup": public_lookup_url(dossier),
                "text": (
                    f"Ho so {dossier.code} da duoc tiep nhan"
                    + (f", hen tra {appointment:%H:%M %d/%m/%Y}" if appointment else "")
                    + f". Tra cuu: {public_lookup_url(dossier)}"
                ),
            },
        },
    )


@transaction.atomic
def pickup_slip_given(*, order: PostalOrder, postman: Any, at: datetime | None = None) -> PostalOrder:
    """The postman gave slip 01 (receipt and appointment) back to the applicant: the pickup is closed, and
    with it the postman's access to the dossier (docs/domain.md, "The postman sees his orders only")."""
    order = order_lock(order=order, kind=OrderKind.PICKUP)
    sources, _ = PICKUP_STEPS[PickupStep.SLIP_GIVEN]
    if order.status not in sources or order.dossier is None or order.slip_given_at is not None:
        raise errors.slip_not_ready(number=order.tracking_number)
    if order.postman_id != getattr(postman, "pk", None):
        raise errors.not_the_postman()
    order.slip_given_at = at or timezone.now()
    order.save(update_fields=["slip_given_at", "updated_at"])
    order_audit(order=order, verb="slip_given", actor=postman, dossier=order.dossier.code)
    return order
