"""Stage durations measured on the history of dossiers made and moved through the real services."""

from __future__ import annotations

import pytest
import time_machine

from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import Dossier
from motcua.dossiers.outbox import outbox_dispatch
from motcua.dossiers.services import transitions as t
from motcua.postal.models import OrderKind, PostalOrder
from motcua.postal.services.delivery import delivery_apply
from motcua.postal.services.pickup import pickup_assign, pickup_collect, pickup_hand_over
from motcua.postal.tariffs import tariffs_load_demo
from motcua.stages.measure import stage_durations, stage_spans
from tests.dossiers.conftest import at
from tests.dossiers.transitions_support import advance_to_decision, applicant_collects, perform
from tests.postal.signing import SEAL, both_signed
from tests.postal.test_pickup import book, papers

pytestmark = pytest.mark.django_db


def test_a_counter_dossier_measures_transfer_processing_and_return(world):
    """GIVEN a dossier received at 09:00 on Wednesday 25/11/2026, transferred at 10:00, approved the next day at
    09:00, sent to the counter at 10:00 and collected at 14:00 THEN its spans are those, in elapsed and in
    working minutes (office hours 07:00–11:30, 13:30–17:00)."""
    with time_machine.travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = world.receive()
        clock.move_to(at("25/11/2026 10:00"))
        dossier = advance_to_decision(world, t.dossier_transfer(dossier=dossier, actor=world.clerk))
        clock.move_to(at("26/11/2026 09:00"))
        dossier = t.dossier_approve(dossier=dossier, actor=world.leader)
        clock.move_to(at("26/11/2026 10:00"))
        dossier = t.dossier_send_result(dossier=dossier, actor=world.specialist)
        clock.move_to(at("26/11/2026 14:00"))
        dossier = t.dossier_return_result(dossier=dossier, actor=world.clerk, **applicant_collects(dossier))

    spans = {span.code: span for span in stage_spans(dossier)}
    assert list(spans) == ["transfer", "agency_processing", "return_counter"]
    transfer = spans["transfer"]
    assert (transfer.start, transfer.end) == (at("25/11/2026 09:00"), at("25/11/2026 10:00"))
    assert (transfer.start_event, transfer.end_event) == ("dossier.receive", "dossier.transfer")
    assert (transfer.minutes, transfer.working_minutes) == (60, 60)
    processing = spans["agency_processing"]
    assert processing.end_event == "dossier.approve"
    assert (processing.minutes, processing.working_minutes) == (23 * 60, 90 + 210 + 120)
    back = spans["return_counter"]
    assert (back.start_event, back.end_event) == ("dossier.send_result_to_counter", "dossier.return_result")
    assert (back.minutes, back.working_minutes) == (240, 90 + 30)


def test_a_home_pickup_and_a_delivery_are_measured_from_the_postal_orders(world):
    tariffs_load_demo()
    with time_machine.travel(at("25/11/2026 08:00"), tick=False) as clock:
        order = pickup_assign(order=book(world), postman=world.postman, actor=world.clerk)
        clock.move_to(at("25/11/2026 14:30"))
        order = pickup_collect(
            order=order,
            postman=world.postman,
            components=papers(world),
            fees_paid=order.fees_to_collect,
            postage_paid=order.postage,
            seal_number=SEAL,
            signatures=both_signed(),
        )
        clock.move_to(at("25/11/2026 15:10"))
        dossier = pickup_hand_over(
            order=order, actor=world.clerk, return_by_post=True, seal_number=SEAL, papers_checked=True
        )
        clock.move_to(at("26/11/2026 09:00"))
        dossier = advance_to_decision(world, perform(world, dossier, Action.TRANSFER))
        dossier = perform(world, dossier, Action.APPROVE)
        dossier = t.dossier_send_result(dossier=dossier, actor=world.specialist, by_post=True)
        outbox_dispatch()
        delivery = PostalOrder.objects.get(kind=OrderKind.DELIVERY, dossier=dossier)
        clock.move_to(at("26/11/2026 11:00"))
        delivery_apply(order=delivery, kind="out_for_delivery", at=at("26/11/2026 10:00"), actor=world.postman)
        delivery_apply(
            order=delivery,
            kind="delivered",
            at=at("26/11/2026 11:00"),
            actor=world.postman,
            details={
                "recipient_name": "Nguyễn Văn An",
                "recipient_id_number": "042098001234",
                "identity_checked": True,
            },
        )

    spans = {span.code: span for span in stage_spans(dossier)}
    pickup = spans["pickup"]
    assert (pickup.start_event, pickup.end_event) == ("postal.booked", "postal.handed_over")
    assert (pickup.start, pickup.end) == (at("25/11/2026 08:00"), at("25/11/2026 15:10"))
    assert (pickup.minutes, pickup.working_minutes) == (430, 210 + 100)
    delivered = spans["delivery"]
    assert (delivered.start_event, delivered.end_event) == ("postal.created", "postal.delivered")
    assert (delivered.start, delivered.end) == (at("26/11/2026 09:00"), at("26/11/2026 11:00"))
    assert "return_counter" not in spans, "a result delivered by post never waited at the counter"


def test_durations_aggregate_many_dossiers_in_a_few_queries(world, django_assert_max_num_queries):
    """Transfers after 30, 60 and 120 minutes give count 3, mean 70, median 60 and p90 108 (linear between
    ranks); a dossier not transferred yet is not counted."""
    for minutes, received in ((30, "09:00"), (60, "09:10"), (120, "09:20")):
        start = at(f"25/11/2026 {received}")
        with time_machine.travel(start, tick=False) as clock:
            dossier = world.receive()
            clock.shift(minutes * 60)
            t.dossier_transfer(dossier=dossier, actor=world.clerk)
    with time_machine.travel(at("25/11/2026 09:30"), tick=False):
        world.receive()

    with django_assert_max_num_queries(6):
        measured = stage_durations(Dossier.objects.all(), "transfer")
    assert (measured.code, measured.basis, measured.count) == ("transfer", "working", 3)
    assert (measured.mean, measured.p50, measured.p90) == pytest.approx((70, 60, 108))
    assert stage_durations(Dossier.objects.none(), "transfer").count == 0
    unmeasured = stage_durations(Dossier.objects.all(), "guide")
    assert (unmeasured.count, unmeasured.mean) == (0, None)
