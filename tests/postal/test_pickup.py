"""Home pickup: book → assign → collect → hand over, and the dossier received by post at the hand-over."""

# ruff: noqa: F811 - the shared `world` fixture is imported, then asked for by name
from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from motcua.core.errors import ApplicationError
from motcua.dossiers.lifecycle import Channel, Status
from motcua.dossiers.services.receive import ReceivedComponent
from motcua.localities.models import Commune, DivisionType, Province
from motcua.postal.models import Collection, CollectionKind, OrderStatus, Zone
from motcua.postal.services.pickup import pickup_assign, pickup_book, pickup_collect, pickup_hand_over
from motcua.postal.tariffs import tariffs_load_demo
from tests.dossiers.conftest import at, world  # noqa: F401 - the shared fixture
from tests.postal.signing import SEAL, both_signed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tariffs")]
NOW = at("25/11/2026 08:00")
CHECKED = {"seal_number": SEAL, "papers_checked": True}


@pytest.fixture
def tariffs(db) -> None:
    tariffs_load_demo()


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def book(world, **overrides):
    fields = {
        "version": world.version,
        "point": world.office,
        "contact_name": "Nguyễn Văn An",
        "contact_id_number": "042098001234",
        "contact_phone": "0912345678",
        "address": "12 Trần Phú",
        "commune": world.commune.code,
        "actor": world.clerk,
        "window_start": at("25/11/2026 14:00"),
        "window_end": at("25/11/2026 16:00"),
        "lead_agency": world.committee,
    }
    fields.update(overrides)
    return pickup_book(**fields)


def papers(world):
    return [
        ReceivedComponent(name=c.name, form=c.form, count=c.quantity, component_id=c.pk)
        for c in world.version.components.filter(mandatory=True)
    ]


def collected(world):
    order = pickup_assign(order=book(world), postman=world.postman, actor=world.clerk)
    return pickup_collect(
        order=order,
        postman=world.postman,
        components=papers(world),
        fees_paid=50000,
        postage_paid=order.postage,
        seal_number=SEAL,
        signatures=both_signed(),
        at=at("25/11/2026 14:30"),
    )


def test_a_booking_is_priced_in_province_with_the_procedures_fees(world):
    order = book(world)
    assert order.status == OrderStatus.BOOKED and order.tracking_number.startswith("HS")
    assert order.zone == Zone.IN_PROVINCE and order.postage == 16000  # demo national standard band ≤ 250 g
    assert order.fees_to_collect == 50000 and order.lead_agency == world.committee


def test_an_address_in_another_province_is_out_of_province(world):
    other = Province.objects.create(code="40", name="Nghệ An", division_type=DivisionType.PROVINCE, codename="na")
    commune = Commune.objects.create(
        code="16681", name="Phường Vinh", division_type=DivisionType.WARD, codename="v", province=other
    )
    order = book(world, commune=commune)
    assert order.zone == Zone.OUT_OF_PROVINCE and order.postage == 20000


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"window_start": at("25/11/2026 16:00"), "window_end": at("25/11/2026 14:00")}, "postal_window_reversed"),
        ({"window_start": at("24/11/2026 14:00"), "window_end": at("24/11/2026 16:00")}, "postal_window_in_past"),
        ({"window_end": None}, "postal_window_incomplete"),
        ({"commune": "99999"}, "postal_commune_unknown"),
        ({"contact_id_number": "123"}, "dossier_invalid_id_number"),
        ({"contact_phone": " "}, "postal_field_required"),
    ],
)
def test_a_bad_booking_is_refused_with_a_message_in_both_languages(world, overrides, code):
    with pytest.raises(ApplicationError) as refused:
        book(world, **overrides)
    assert refused.value.code == code
    messages = refused.value.messages()
    assert messages["en"] and messages["vi"]


def test_a_point_that_does_not_serve_the_agency_is_refused(world):
    with pytest.raises(ApplicationError) as refused:
        book(world, lead_agency=world.post)
    assert refused.value.code == "dossier_agency_not_served"


def test_only_a_postman_of_the_post_office_is_assigned(world):
    order = book(world)
    with pytest.raises(ApplicationError) as refused:
        pickup_assign(order=order, postman=world.clerk, actor=world.clerk)
    assert refused.value.code == "postal_not_a_postman"
    with pytest.raises(ApplicationError) as refused:
        pickup_assign(order=order, postman=world.postman, actor=world.other_clerk)
    assert refused.value.code == "postal_not_permitted"


def test_collecting_without_a_mandatory_paper_is_refused(world):
    order = pickup_assign(order=book(world), postman=world.postman, actor=world.postman)
    with pytest.raises(ApplicationError) as refused:
        pickup_collect(
            order=order,
            postman=world.postman,
            components=[],
            fees_paid=0,
            postage_paid=order.postage,
            seal_number=SEAL,
            signatures=both_signed(),
        )
    assert refused.value.code == "postal_missing_component"
    order.refresh_from_db()
    assert order.status == OrderStatus.ASSIGNED and not Collection.objects.exists()


def test_collecting_records_the_postage_and_the_fees_owed_to_the_lead_agency(world):
    order = collected(world)
    assert order.status == OrderStatus.COLLECTED and order.done_at == at("25/11/2026 14:30")
    money = {c.kind: c for c in Collection.objects.filter(order=order)}
    assert money[CollectionKind.POSTAGE].amount == order.postage and money[CollectionKind.POSTAGE].agency is None
    assert money[CollectionKind.FEES].amount == 50000 and money[CollectionKind.FEES].agency == world.committee
    assert [p["name"] for p in order.papers] == ["Tờ khai"]


def test_wrong_money_is_refused(world):
    order = pickup_assign(order=book(world), postman=world.postman, actor=world.clerk)
    with pytest.raises(ApplicationError) as refused:
        pickup_collect(
            order=order,
            postman=world.postman,
            components=papers(world),
            fees_paid=1,
            postage_paid=1,
            seal_number=SEAL,
            signatures=both_signed(),
        )
    assert refused.value.code == "postal_postage_mismatch"
    with pytest.raises(ApplicationError) as refused:
        pickup_collect(
            order=order,
            postman=world.postman,
            components=papers(world),
            fees_paid=60000,
            postage_paid=order.postage,
            seal_number=SEAL,
            signatures=both_signed(),
        )
    assert refused.value.code == "postal_fees_out_of_range"


def test_the_hand_over_receives_the_dossier_by_post_at_the_hand_over_time(world):
    order = collected(world)
    handed_at = at("25/11/2026 16:10")
    dossier = pickup_hand_over(order=order, actor=world.clerk, **CHECKED, at=handed_at)
    assert dossier.channel == Channel.POSTAL and dossier.status == Status.RECEIVED
    assert dossier.received_at == handed_at and dossier.fees_paid == 50000
    assert dossier.applicant_name == "Nguyễn Văn An" and dossier.applicant_commune_id == world.commune.code
    assert list(dossier.components.values_list("name", flat=True)) == ["Tờ khai"]
    events = list(dossier.events.values_list("action", "at", "actor"))
    assert events == [("receive", handed_at, world.clerk.pk)]
    order.refresh_from_db()
    assert order.status == OrderStatus.HANDED_OVER and order.dossier == dossier
    # The appointment counts from the hand-over, not from the booking or the collection.
    assert dossier.appointment_at > handed_at + dt.timedelta(days=5)


def test_a_second_hand_over_answers_the_same_dossier(world):
    order = collected(world)
    first = pickup_hand_over(order=order, actor=world.clerk, **CHECKED, at=at("25/11/2026 16:10"))
    again = pickup_hand_over(order=order, actor=world.clerk, **CHECKED)
    assert again == first and first.events.count() == 1


def test_a_booked_order_cannot_be_handed_over(world):
    with pytest.raises(ApplicationError) as refused:
        pickup_hand_over(order=book(world), actor=world.clerk, **CHECKED)
    assert refused.value.code == "postal_order_wrong_status"


def test_a_result_asked_back_by_post_at_booking_returns_by_post(world):
    order = pickup_assign(order=book(world, return_by_post=True), postman=world.postman, actor=world.clerk)
    assert order.return_by_post
    order = pickup_collect(
        order=order,
        postman=world.postman,
        components=papers(world),
        fees_paid=50000,
        postage_paid=order.postage,
        seal_number=SEAL,
        signatures=both_signed(),
    )
    dossier = pickup_hand_over(order=order, actor=world.clerk, **CHECKED)
    assert dossier.return_method == "post" and dossier.return_address == order.address
