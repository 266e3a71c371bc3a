"""The issue's path: a pickup booked, collected, handed over, processed, and its result delivered by the
simulated carrier; the dossier's history and the day's reconciliation both right."""
# ruff: noqa: F811 - the shared `world` fixture is imported, then asked for by name

from __future__ import annotations

import io

import pytest
import time_machine
from django.core.management import call_command

from motcua.dossiers.lifecycle import Action, Channel, Status
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.outbox import outbox_dispatch
from motcua.dossiers.services import transitions as t
from motcua.postal.models import OrderKind, OrderStatus, PostalOrder, Remittance
from motcua.postal.money import reconciliation_for_day, remittance_record
from motcua.postal.services.pickup import pickup_assign, pickup_collect, pickup_hand_over
from motcua.postal.tariffs import tariffs_load_demo
from tests.dossiers.conftest import at, world  # noqa: F401 - the shared fixture
from tests.dossiers.transitions_support import advance_to_decision, perform
from tests.postal.signing import SEAL, both_signed

from .test_pickup import book, papers

pytestmark = pytest.mark.django_db


def test_a_pickup_goes_home_and_comes_back_delivered(world, settings):
    settings.POSTAL_SIM_FAILURE_RATE = 0.0
    tariffs_load_demo()
    with time_machine.travel(at("25/11/2026 08:00"), tick=False):
        order = pickup_assign(order=book(world), postman=world.postman, actor=world.clerk)
    with time_machine.travel(at("25/11/2026 14:30"), tick=False):
        order = pickup_collect(
            order=order,
            postman=world.postman,
            components=papers(world),
            fees_paid=order.fees_to_collect,
            postage_paid=order.postage,
            seal_number=SEAL,
            signatures=both_signed(),
        )
    with time_machine.travel(at("25/11/2026 15:10"), tick=False):
        dossier = pickup_hand_over(
            order=order, actor=world.clerk, return_by_post=True, seal_number=SEAL, papers_checked=True
        )
    assert dossier.channel == Channel.POSTAL and dossier.received_at == at("25/11/2026 15:10")

    with time_machine.travel(at("26/11/2026 09:00"), tick=False):
        dossier = advance_to_decision(world, perform(world, dossier, Action.TRANSFER))
        dossier = perform(world, dossier, Action.APPROVE)
        dossier = t.dossier_send_result(dossier=dossier, actor=world.specialist, by_post=True)
        outbox_dispatch()
    delivery = PostalOrder.objects.get(kind=OrderKind.DELIVERY, dossier=dossier)
    assert delivery.postman == world.postman, "the post office's postman takes the delivery"

    call_command("carrier_tick", now="2026-12-03T12:00:00+07:00", stdout=io.StringIO())
    delivery.refresh_from_db()
    dossier.refresh_from_db()
    assert delivery.status == OrderStatus.DELIVERED and delivery.recipient_name
    assert dossier.status == Status.RETURNED
    actions = list(DossierEvent.objects.filter(dossier=dossier).order_by("seq").values_list("action", flat=True))
    assert actions[0] == "receive" and actions[-3:] == ["approve", "send_result_to_post", "return_result"]

    # The day's money: the fees the postman collected are owed to the committee until remitted.
    day = at("25/11/2026 00:00").date()
    before = reconciliation_for_day(day=day, point=world.office)
    owed = next(line for line in before.agencies if line.agency_id == world.committee.pk)
    assert owed.collected == order.fees_to_collect and owed.flags
    remittance_record(
        point=world.office, agency=world.committee, day=day, amount=owed.collected, reference="UNC-1", actor=world.clerk
    )
    after = reconciliation_for_day(day=day, point=world.office)
    assert not next(line for line in after.agencies if line.agency_id == world.committee.pk).flags
    assert Remittance.objects.count() == 1
