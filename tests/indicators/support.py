"""Hand-made dossiers for the indicators' tests, taken through the real lifecycle services."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.files.base import ContentFile
from time_machine import travel

from motcua.dossiers.lifecycle import Action, Channel
from motcua.dossiers.models import Dossier, DossierComponent
from motcua.dossiers.services import transitions as t
from motcua.feedback.models import Complaint, DossierRating
from motcua.feedback.models.complaint import Category
from motcua.national.models import Delivery, DeliveryStatus
from motcua.payments.models import Payment, PaymentStatus
from tests.dossiers.conftest import at
from tests.dossiers.transitions_support import perform

# Monday 04/05/2026 09:00; five working days later (the world's procedure) is Monday 11/05/2026 09:00.
RECEIVED = "04/05/2026 09:00"


def received(world, *, when: str = RECEIVED, reception_supplement: bool = False, **reception) -> Dossier:
    with travel(at(when), tick=False):
        dossier = world.receive(received_at=at(when), **reception)
        if reception_supplement:
            dossier = t.dossier_request_supplement(
                dossier=dossier, actor=world.clerk, items=["Tờ khai"], reason="Thiếu"
            )
            dossier = t.dossier_receive_supplement(dossier=dossier, actor=world.clerk)
        return perform(world, dossier, Action.TRANSFER)


def supplemented(world, dossier: Dossier, *, when: str) -> Dossier:
    """A supplement asked for during processing and brought back at once (it moves nothing)."""
    with travel(at(when), tick=False):
        dossier = perform(world, dossier, Action.REQUEST_SUPPLEMENT)
        return perform(world, dossier, Action.RECEIVE_SUPPLEMENT)


def approved(world, dossier: Dossier, *, when: str) -> Dossier:
    with travel(at(when), tick=False):
        return perform(world, dossier, Action.APPROVE)


def digitize(dossier: Dossier, *, reused: bool = False) -> None:
    DossierComponent.objects.filter(dossier=dossier).update(digitized=True, reused=reused)


def pay_online(dossier: Dossier) -> None:
    Payment.objects.create(
        dossier=dossier,
        reference=uuid.uuid4().hex[:20],
        provider="simulated",
        transaction_no=uuid.uuid4().hex[:12],
        status=PaymentStatus.PAID,
        fees_amount=dossier.fees_charged,
        amount_requested=dossier.fees_charged,
        amount_confirmed=dossier.fees_charged,
    )


def sync(dossier: Dossier) -> None:
    key = uuid.uuid4().hex
    Delivery.objects.create(
        message_key=key, dossier=dossier, seq=1, action="receive", national_status=2, idempotency_key=key,
        status=DeliveryStatus.ACCEPTED, next_attempt_at=dossier.received_at, accepted_at=dossier.received_at,
    )  # fmt: skip


def electronic_result(dossier: Dossier) -> None:
    dossier.result_file.save("ket-qua.pdf", ContentFile(b"%PDF-1.4 result"), save=False)
    Dossier.objects.filter(pk=dossier.pk).update(result_file=dossier.result_file.name)


def rate(dossier: Dossier, score: str) -> None:
    DossierRating.objects.create(
        dossier=dossier, lead_agency=dossier.lead_agency, receiving_point=dossier.receiving_point, score=score,
        source="link", rated_at=dossier.received_at + dt.timedelta(days=20),
    )  # fmt: skip


def complain(dossier: Dossier, province) -> None:
    filed = dossier.received_at + dt.timedelta(days=3)
    Complaint.objects.create(
        reference=uuid.uuid4().hex[:12], name="Nguyễn Văn An", phone="0912345678", dossier=dossier, province=province,
        category=Category.choices[0][0], subject="Chậm", body="Chậm trả kết quả", filed_at=filed,
        ack_due_at=filed, more_info_due_at=filed, answer_due_at=filed,
    )  # fmt: skip


ONLINE = {"channel": Channel.ONLINE}


def lost_points_page(client, world, code: str, *, period: str = "2026-05"):
    """As a postal supervisor of the world's office, the lost-points page of ``code`` for province 42."""
    from django.urls import reverse

    from motcua.agencies.models import Role
    from motcua.agencies.models import StaffAssignment as Assignment
    from tests.factories import UserFactory

    supervisor = UserFactory()
    Assignment.objects.create(user=supervisor, role=Role.POSTAL_SUPERVISOR, receiving_point=world.office)
    client.force_login(supervisor)
    return client.get(reverse("indicators:lost"), {"scope": "province:42", "period": period, "chi-so": code})
