"""Delivering a result by post: the order made from the outbox, attempts, delivered, or back to the counter."""

# ruff: noqa: F811 - the shared `world` fixture is imported, then asked for by name
from __future__ import annotations

import pytest
import time_machine

from motcua.core.errors import ApplicationError
from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import OutboxMessage, ReturnMethod
from motcua.dossiers.outbox import outbox_dispatch
from motcua.postal.models import OrderKind, OrderStatus, PostalOrder
from motcua.postal.services.delivery import delivery_apply, delivery_create_for
from motcua.postal.tariffs import tariffs_load_demo
from tests.dossiers.conftest import at, world  # noqa: F401 - the shared fixture
from tests.dossiers.transitions_support import perform

pytestmark = pytest.mark.django_db
NOW = at("25/11/2026 08:00")


@pytest.fixture(autouse=True)
def clock(db):
    tariffs_load_demo()
    with time_machine.travel(NOW, tick=False):
        yield


def with_post(world, *, by_post: bool = True):
    fields = {"return_method": ReturnMethod.POST, "return_address": "12 Trần Phú"} if by_post else {}
    dossier = world.receive(received_at=NOW, **fields)
    for action in (Action.TRANSFER, Action.APPROVE, Action.SEND_RESULT_TO_POST):
        dossier = perform(world, dossier, action)
    return dossier


# The applicant signs for the result themselves, identity paper checked.
APPLICANT = {"recipient_id_number": "042098001234", "identity_checked": True}


def order_for(world):
    dossier = with_post(world)
    outbox_dispatch()
    order = PostalOrder.objects.get(dossier=dossier, kind=OrderKind.DELIVERY)
    order.postman = world.postman
    order.save()
    return order


def test_a_result_sent_to_the_post_gets_its_delivery_order_once(world):
    dossier = with_post(world)
    outbox_dispatch()
    order = PostalOrder.objects.get(dossier=dossier)
    assert order.status == OrderStatus.CREATED and order.tracking_number.startswith("KQ")
    assert order.address == "12 Trần Phú" and order.contact_name == dossier.applicant_name
    assert order.commune == world.commune and order.postage == 16000
    # Delivered again (at least once), or asked for directly: still the one order.
    OutboxMessage.objects.filter(topic="dossier.send_result_to_post").update(dispatched_at=None)
    outbox_dispatch()
    assert delivery_create_for(dossier=dossier) == order
    assert PostalOrder.objects.filter(dossier=dossier).count() == 1


def test_a_result_not_returned_by_post_gets_no_order(world):
    dossier = world.receive(received_at=NOW)  # the result comes back at the counter
    with pytest.raises(ApplicationError) as refused:
        delivery_create_for(dossier=dossier)
    assert refused.value.code == "postal_result_not_by_post"


def test_a_delivered_result_returns_the_dossier_to_the_recipient(world):
    order = order_for(world)
    assert delivery_apply(order=order, kind="accepted", at=at("25/11/2026 09:00"))
    assert delivery_apply(order=order, kind="out_for_delivery", at=at("25/11/2026 10:00"))
    delivered = at("25/11/2026 10:40")
    details = {
        "recipient_name": "Nguyễn Thị Hoa",
        "recipient_id_number": "042187000555",
        "identity_checked": True,
        "recipient_relation": "vợ",
        "recipient_authorization": "Giấy ủy quyền chứng thực ngày 20/11/2026",
    }
    assert delivery_apply(order=order, kind="delivered", at=delivered, details=details)
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED and order.done_at == delivered
    assert (order.recipient_name, order.recipient_relation) == ("Nguyễn Thị Hoa", "vợ")
    assert order.recipient_id_number == "042187000555" and order.recipient_authorization.startswith("Giấy ủy quyền")
    dossier = order.dossier
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED and dossier.returned_at == delivered
    last = dossier.events.latest("seq")
    assert (last.action, last.actor, last.payload["collector_name"]) == (
        "return_result",
        world.postman,
        "Nguyễn Thị Hoa",
    )


def test_nothing_happens_after_delivery_and_stale_or_repeated_events_are_ignored(world):
    order = order_for(world)
    assert delivery_apply(order=order, kind="out_for_delivery", at=at("25/11/2026 10:00"))
    assert not delivery_apply(order=order, kind="accepted", at=at("25/11/2026 09:00"))  # stale
    assert not delivery_apply(order=order, kind="out_for_delivery", at=at("25/11/2026 10:00"))  # repeated
    details = {"recipient_name": "Nguyễn Văn An", **APPLICANT}
    assert delivery_apply(order=order, kind="delivered", at=at("25/11/2026 11:00"), details=details)
    events = order.dossier.events.count()
    assert not delivery_apply(order=order, kind="delivered", at=at("25/11/2026 11:00"), details=details)
    assert not delivery_apply(order=order, kind="attempt_failed", at=at("25/11/2026 12:00"))
    assert not delivery_apply(order=order, kind="returned_to_counter", at=at("25/11/2026 12:00"))
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED and order.dossier.events.count() == events


def test_three_failed_attempts_bring_the_result_back_to_the_counter_and_tell_the_applicant(world):
    order = order_for(world)
    for day in ("25", "26"):
        assert delivery_apply(order=order, kind="out_for_delivery", at=at(f"{day}/11/2026 09:00"))
        assert delivery_apply(order=order, kind="attempt_failed", at=at(f"{day}/11/2026 10:00"))
    order.refresh_from_db()
    assert order.status == OrderStatus.ATTEMPT_FAILED and order.attempts == 2
    assert delivery_apply(order=order, kind="out_for_delivery", at=at("27/11/2026 09:00"))
    assert delivery_apply(order=order, kind="attempt_failed", at=at("27/11/2026 10:00"))
    order.refresh_from_db()
    assert order.status == OrderStatus.RETURNED_TO_COUNTER and order.attempts == 3
    dossier = order.dossier
    dossier.refresh_from_db()
    assert dossier.status == Status.RESULT_AT_COUNTER
    assert dossier.events.latest("seq").action == "return_to_counter"
    told = OutboxMessage.objects.get(topic="postal.delivery_failed")
    assert told.payload["phone"] == order.contact_phone and told.payload["point"]["code"] == world.office.code
    # The applicant now collects it at the counter.
    perform(world, dossier, Action.RETURN_RESULT)
    assert not delivery_apply(order=order, kind="out_for_delivery", at=at("28/11/2026 09:00"))


@pytest.mark.parametrize("setting", [1, 2])
def test_the_number_of_attempts_is_a_setting(world, settings, setting):
    settings.POSTAL_MAX_ATTEMPTS = setting
    order = order_for(world)
    for hour in range(setting):
        delivery_apply(order=order, kind="out_for_delivery", at=at(f"25/11/2026 {9 + 2 * hour:02d}:00"))
        delivery_apply(order=order, kind="attempt_failed", at=at(f"25/11/2026 {10 + 2 * hour:02d}:00"))
    order.refresh_from_db()
    assert order.status == OrderStatus.RETURNED_TO_COUNTER


def test_bad_events_are_refused(world):
    order = order_for(world)
    delivery_apply(order=order, kind="out_for_delivery", at=at("25/11/2026 10:00"))
    with pytest.raises(ApplicationError) as refused:
        delivery_apply(order=order, kind="lost_in_space", at=at("25/11/2026 11:00"))
    assert refused.value.code == "postal_unknown_event"
    with pytest.raises(ApplicationError) as refused:
        delivery_apply(order=order, kind="delivered", at=at("25/11/2026 11:00"), details={})
    assert refused.value.code == "postal_recipient_required"
    order.refresh_from_db()
    assert order.status == OrderStatus.OUT_FOR_DELIVERY


def test_an_order_without_a_postman_cannot_close_the_dossier(world):
    order = order_for(world)
    PostalOrder.objects.filter(pk=order.pk).update(postman=None)
    order.refresh_from_db()
    delivery_apply(order=order, kind="out_for_delivery", at=at("25/11/2026 10:00"))
    details = {"recipient_name": "An", **APPLICANT}
    with pytest.raises(ApplicationError) as refused:
        delivery_apply(order=order, kind="delivered", at=at("25/11/2026 11:00"), details=details)
    assert refused.value.code == "postal_no_postman"
    # A postman who does not carry the order may not close its dossier (docs/domain.md, "The postman sees his
    # orders only"); once it is assigned to him, he is answerable.
    with pytest.raises(ApplicationError) as refused:
        delivery_apply(order=order, kind="delivered", at=at("25/11/2026 11:00"), details=details, actor=world.postman)
    assert refused.value.code == "dossier_action_forbidden"
    PostalOrder.objects.filter(pk=order.pk).update(postman=world.postman)
    order.refresh_from_db()
    assert delivery_apply(order=order, kind="delivered", at=at("25/11/2026 11:00"), details=details)


def test_fees_unpaid_at_reception_and_the_postage_are_collected_at_the_door(world):
    from motcua.postal.models import Collection, CollectionKind

    order = order_for(world)  # received with nothing paid of the 50,000 VND fees
    assert order.fees_to_collect == 50000 and order.postage == 16000
    delivery_apply(order=order, kind="out_for_delivery", at=at("25/11/2026 10:00"))
    details = {"recipient_name": "Nguyễn Văn An", **APPLICANT}
    delivery_apply(order=order, kind="delivered", at=at("25/11/2026 11:00"), details=details)
    taken = {c.kind: c for c in Collection.objects.filter(order=order)}
    assert taken[CollectionKind.FEES].amount == 50000 and taken[CollectionKind.FEES].agency == world.committee
    assert taken[CollectionKind.POSTAGE].amount == 16000
    assert {c.postman for c in taken.values()} == {world.postman}


@pytest.mark.parametrize(
    ("details", "code"),
    [
        ({"identity_checked": True}, "collector_id_number_required"),
        ({"recipient_id_number": "12345", "identity_checked": True}, "dossier_invalid_id_number"),
        ({"recipient_id_number": "042098001234"}, "collector_identity_not_checked"),
        ({"recipient_id_number": "042187000555", "identity_checked": True}, "collector_relation_required"),
        (
            {"recipient_id_number": "042187000555", "identity_checked": True, "recipient_relation": "con"},
            "collector_authorization_required",
        ),
    ],
)
def test_a_delivery_needs_the_same_identity_check_as_the_counter(world, details, code):
    """GIVEN a result out for delivery WHEN it is reported delivered without the recipient's ID number, without
    the identity paper checked, or to someone else than the applicant without an authorization THEN it is refused
    in both languages and nothing changes."""
    order = order_for(world)
    delivery_apply(order=order, kind="out_for_delivery", at=at("25/11/2026 10:00"))
    with pytest.raises(ApplicationError) as refused:
        delivery_apply(
            order=order, kind="delivered", at=at("25/11/2026 11:00"), details={"recipient_name": "Bình", **details}
        )
    assert refused.value.code == code and refused.value.render("vi") != refused.value.render("en")
    order.refresh_from_db()
    assert order.status == OrderStatus.OUT_FOR_DELIVERY and order.dossier.status == Status.RESULT_WITH_POST
