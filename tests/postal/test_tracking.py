"""Ingesting carrier events: once each, under a lock, through the delivery state machine, in any order.

Most tests run against :func:`stand_in_delivery_apply` (the ``machine`` fixture): the real state machine's
table without its effects on dossiers; ``test_the_real_state_machine_moves_a_bare_order`` uses the real one.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.agencies.models import Agency, AgencyKind, AgencyLevel, ReceivingPoint, ReceivingPointKind
from motcua.localities.models import Commune, DivisionType, Province
from motcua.postal import tracking
from motcua.postal.carriers import CarrierEvent
from motcua.postal.carriers.simulated import SimulatedCarrier
from motcua.postal.models import OrderKind, OrderStatus, Payer, PostalOrder, TrackingEvent
from motcua.postal.services.delivery import DELIVERY_EVENTS, max_attempts
from motcua.postal.tracking import Outcome, tracking_event_ingest

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

# --- shared helpers (imported by test_carriers and test_webhook) ---------------------------------------------------


def stand_in_delivery_apply(
    *, order: PostalOrder, kind: str, at: datetime, details: dict[str, Any] | None = None, actor: Any = None
) -> bool:
    """The real state machine's table and staleness rule without its effects on the dossier (closing it
    needs a dossier with its result at the post and a postman), so the ingest is tested on bare orders."""
    sources, target = DELIVERY_EVENTS[kind]
    if (order.last_event_at is not None and at < order.last_event_at) or order.status not in sources:
        return False
    if kind == "attempt_failed":
        order.attempts += 1
        if order.attempts >= max_attempts():
            target = OrderStatus.RETURNED_TO_COUNTER
    if kind == "delivered":
        order.recipient_name = (details or {}).get("recipient_name", "")
        order.done_at = at
    order.status = target
    order.last_event_at = at
    order.save()
    return True


def install_delivery_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tracking, "_delivery_apply", lambda: stand_in_delivery_apply)


@dataclass
class Place:
    office: ReceivingPoint
    commune: Commune


def make_place() -> Place:
    province = Province.objects.create(code="42", name="Hà Tĩnh", division_type=DivisionType.PROVINCE, codename="ht")
    commune = Commune.objects.create(
        code="18073", name="Phường Thành Sen", division_type=DivisionType.WARD, codename="ts", province=province
    )
    post = Agency.objects.create(code="VNP.42", name="Bưu điện tỉnh", kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL)
    office = ReceivingPoint.objects.create(
        code="VNP.42.1",
        name="Bưu cục Thành Sen",
        kind=ReceivingPointKind.POST_OFFICE,
        operator=post,
        commune=commune,
        address="1",
    )
    return Place(office=office, commune=commune)


def make_order(
    place: Place, tracking_number: str, *, carrier: str = "simulated", created_at: datetime = T0
) -> PostalOrder:
    order = PostalOrder.objects.create(
        kind=OrderKind.DELIVERY,
        status=OrderStatus.CREATED,
        tracking_number=tracking_number,
        carrier=carrier,
        receiving_point=place.office,
        contact_name="Nguyễn Văn An",
        contact_phone="0912345678",
        address="12 Trần Phú",
        commune=place.commune,
        postage_payer=Payer.APPLICANT,
    )
    PostalOrder.objects.filter(pk=order.pk).update(created_at=created_at)
    order.refresh_from_db()
    return order


def event(tracking_number: str, n: int, kind: str, minutes: int, **details: Any) -> CarrierEvent:
    return CarrierEvent(f"e-{tracking_number}-{n}", tracking_number, kind, T0 + timedelta(minutes=minutes), details)


# --- fixtures ------------------------------------------------------------------------------------------------------


@pytest.fixture
def machine(monkeypatch: pytest.MonkeyPatch) -> None:
    install_delivery_machine(monkeypatch)


@pytest.fixture
def place(db) -> Place:
    return make_place()


HAPPY = [("accepted", 10), ("out_for_delivery", 60), ("delivered", 120)]


def ingest_all(events: list[CarrierEvent], carrier: str = "simulated") -> list[Outcome]:
    return [tracking_event_ingest(carrier=carrier, event=e).outcome for e in events]


# --- behaviour -----------------------------------------------------------------------------------------------------


def test_events_in_order_move_the_order_to_delivered(machine, place):
    order = make_order(place, "VN001")
    events = [event("VN001", i, kind, m) for i, (kind, m) in enumerate(HAPPY)]
    events[-1] = event("VN001", 2, "delivered", 120, recipient_name="An", recipient_relation="self")

    assert ingest_all(events) == [Outcome.APPLIED] * 3

    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    assert order.last_event_at == T0 + timedelta(minutes=120)
    assert list(order.events.values_list("applied", flat=True)) == [True, True, True]


def test_a_duplicate_event_is_acknowledged_and_changes_nothing(machine, place):
    order = make_order(place, "VN001")
    first = event("VN001", 1, "accepted", 10)
    assert tracking_event_ingest(carrier="simulated", event=first).outcome == Outcome.APPLIED

    again = CarrierEvent(first.event_id, "VN001", "delivered", T0 + timedelta(days=1))  # same id, other content
    assert tracking_event_ingest(carrier="simulated", event=again).outcome == Outcome.DUPLICATE

    order.refresh_from_db()
    assert order.status == OrderStatus.ACCEPTED
    assert TrackingEvent.objects.count() == 1


def test_an_unknown_order_is_refused_and_nothing_is_stored(machine, place):
    make_order(place, "VN001", carrier="simulated")

    assert tracking_event_ingest(carrier="simulated", event=event("NOPE", 1, "accepted", 1)).outcome == (
        Outcome.UNKNOWN_ORDER
    )
    # The right tracking number reported by another carrier is unknown too.
    assert tracking_event_ingest(carrier="http", event=event("VN001", 1, "accepted", 1)).outcome == (
        Outcome.UNKNOWN_ORDER
    )
    assert TrackingEvent.objects.count() == 0


def test_a_stale_event_is_kept_but_not_applied(machine, place):
    order = make_order(place, "VN001")
    ingest_all([event("VN001", 1, "accepted", 10), event("VN001", 2, "out_for_delivery", 60)])

    late = event("VN001", 3, "accepted", 5)
    assert tracking_event_ingest(carrier="simulated", event=late).outcome == Outcome.STALE

    order.refresh_from_db()
    assert order.status == OrderStatus.OUT_FOR_DELIVERY
    assert TrackingEvent.objects.get(event_id=late.event_id).applied is False


def test_an_early_event_is_applied_when_its_predecessor_arrives(machine, place):
    """GIVEN ``delivered`` arriving before anything else (not allowed from ``created``) WHEN ``accepted``
    arrives THEN both apply, and the ``out_for_delivery`` that comes last is stale."""
    order = make_order(place, "VN001")
    accepted, out, delivered = (event("VN001", i, kind, m, recipient_name="An") for i, (kind, m) in enumerate(HAPPY))

    assert tracking_event_ingest(carrier="simulated", event=delivered).outcome == Outcome.STALE
    result = tracking_event_ingest(carrier="simulated", event=accepted)
    assert result.outcome == Outcome.APPLIED and result.caught_up == 1
    assert tracking_event_ingest(carrier="simulated", event=out).outcome == Outcome.STALE

    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    assert TrackingEvent.objects.get(event_id=delivered.event_id).applied is True


STORY_ORDERS = st.integers(min_value=0, max_value=10_000)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=STORY_ORDERS, data=st.data())
def test_any_arrival_order_ends_in_the_same_final_state(machine, place, number, data):
    """GIVEN a simulated order's full story (deliveries and returns alike) WHEN its events arrive shuffled,
    some of them twice THEN the order ends in the state the in-order arrival gives."""
    simulator = SimulatedCarrier(failure_rate=0.5)
    with transaction.atomic():
        order = make_order(place, f"SH{number}")
        story = simulator.story(order)
        shuffled = data.draw(st.permutations(story + data.draw(st.lists(st.sampled_from(story), max_size=3))))
        ingest_all(shuffled)
        order.refresh_from_db()
        final = story[-1].kind
        assert order.status == final
        assert TrackingEvent.objects.filter(order=order).count() == len(story)
        transaction.set_rollback(True)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_deliveries_of_one_event_store_it_once(monkeypatch):
    """GIVEN the same events sent by eight threads at once WHEN they are ingested THEN each is stored once
    and the order moves once per event."""
    install_delivery_machine(monkeypatch)
    place = make_place()
    order = make_order(place, "VN777")
    events = [event("VN777", i, kind, m) for i, (kind, m) in enumerate(HAPPY)]
    outcomes: list[Outcome] = []
    barrier = threading.Barrier(8)

    def send() -> None:
        try:
            barrier.wait()
            for e in events:
                outcomes.append(tracking_event_ingest(carrier="simulated", event=e).outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count(Outcome.APPLIED) == 3
    assert outcomes.count(Outcome.DUPLICATE) == 21
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    assert TrackingEvent.objects.filter(order=order, applied=True).count() == 3


def test_the_real_state_machine_moves_a_bare_order(place):
    """The ingest with ``services.delivery.delivery_apply`` itself, for the events that need no dossier."""
    order = make_order(place, "VN900")
    kinds = [("accepted", 10), ("out_for_delivery", 60), ("attempt_failed", 120), ("out_for_delivery", 1500)]
    events = [event("VN900", i, kind, m) for i, (kind, m) in enumerate(kinds)]

    assert ingest_all([events[1], events[0]]) == [Outcome.APPLIED, Outcome.STALE]  # created → out_for_delivery
    assert ingest_all(events[2:]) == [Outcome.APPLIED, Outcome.APPLIED]

    order.refresh_from_db()
    assert (order.status, order.attempts, order.last_event_at) == (
        OrderStatus.OUT_FOR_DELIVERY,
        1,
        T0 + timedelta(minutes=1500),
    )


def test_an_event_the_state_machine_refuses_is_kept_as_rejected(place):
    """GIVEN an order out for delivery WHEN the carrier reports it delivered without a recipient's name THEN
    the event is stored, marked rejected with the state machine's code, and the order does not move."""
    order = make_order(place, "VN901")
    ingest_all([event("VN901", 1, "out_for_delivery", 10)])

    result = tracking_event_ingest(carrier="simulated", event=event("VN901", 2, "delivered", 60))

    assert result.outcome == Outcome.REJECTED and result.error_code == "postal_recipient_required"
    order.refresh_from_db()
    assert order.status == OrderStatus.OUT_FOR_DELIVERY
    assert TrackingEvent.objects.get(event_id="e-VN901-2").applied is False
