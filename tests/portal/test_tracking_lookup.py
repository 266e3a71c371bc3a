"""Tracking a postal order on the public lookup: tracking number + last 6 phone digits, no enumeration."""

# ruff: noqa: F811 - the shared `world` fixture is imported, then asked for by name
from __future__ import annotations

import re

import pytest
import time_machine
from django.core.cache import cache

from motcua.portal.lookup import LOOKUP_MAX_FAILURES
from motcua.postal.models import OrderKind, OrderStatus, Payer, PostalOrder, TrackingEvent
from motcua.postal.services.pickup import pickup_book
from motcua.postal.tariffs import tariffs_load_demo
from tests.dossiers.conftest import at, world  # noqa: F401 - the shared fixture

pytestmark = [pytest.mark.django_db]
URL = "/tra-cuu/"
NOW = at("25/11/2026 08:00")


@pytest.fixture(autouse=True)
def _setup(db):
    tariffs_load_demo()
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"


def booked(world) -> PostalOrder:
    return pickup_book(
        version=world.version,
        point=world.office,
        lead_agency=world.committee,
        contact_name="Nguyễn Văn An",
        contact_id_number="042098001234",
        contact_phone="0912345678",
        address="12 Trần Phú",
        commune=world.commune,
        window_start=at("26/11/2026 08:00"),
        window_end=at("26/11/2026 11:00"),
    )


def delivery(world) -> PostalOrder:
    """A result on its way, with the carrier's events as the ingest stores them (one stale)."""
    dossier = world.receive(received_at=at("20/11/2026 09:00"))
    order = PostalOrder.objects.create(
        kind=OrderKind.DELIVERY,
        status=OrderStatus.OUT_FOR_DELIVERY,
        tracking_number="KQ123456785VN",
        dossier=dossier,
        receiving_point=world.office,
        contact_name="Nguyễn Văn An",
        contact_phone="0987 654 321",
        address="12 Trần Phú",
        commune=world.commune,
        postage_payer=Payer.APPLICANT,
    )
    for n, (kind, when, applied) in enumerate(
        [
            ("accepted", "24/11/2026 10:00", True),
            ("out_for_delivery", "25/11/2026 07:30", True),
            ("accepted", "24/11/2026 09:00", False),
        ]
    ):
        TrackingEvent.objects.create(
            order=order, carrier="simulated", event_id=f"e{n}", kind=kind, at=at(when), applied=applied
        )
    return order


def answer(response) -> str:
    match = re.search(r'<section class="lookup__answer".*?</section>', response.content.decode(), re.S)
    assert match is not None
    return match.group(0)


def test_the_label_qr_prefills_the_number_and_asks_for_the_digits(client, world):
    order = booked(world)

    response = client.get(URL, {"van-don": order.tracking_number})

    page = response.content.decode()
    assert response.status_code == 200
    assert f'name="van-don" value="{order.tracking_number}"' in page
    assert 'name="sdt"' in page
    assert "Pickup booked" not in answer(response)


def test_a_pickup_is_tracked_by_number_and_phone_digits(client, world):
    order = booked(world)

    response = client.get(URL, {"van-don": order.tracking_number.lower(), "sdt": "345678"})

    shown = answer(response)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert order.tracking_number in shown and world.version.name in shown
    assert "Pickup booked; a postman will be assigned" in shown
    assert "25/11/2026 08:00" in shown  # booked at
    assert "26/11/2026, 08:00–11:00" in shown  # the window
    for personal in ("Nguyễn Văn An", "042098001234", "0912345678", "12 Trần Phú"):
        assert personal not in shown


def test_a_handed_over_pickup_shows_its_dossier(client, world):
    order = booked(world)
    dossier = world.receive(received_at=at("25/11/2026 07:00"))
    PostalOrder.objects.filter(pk=order.pk).update(dossier=dossier, status=OrderStatus.HANDED_OVER)

    shown = answer(client.get(URL, {"van-don": order.tracking_number, "sdt": "345678"}))

    assert "Handed over: the one-stop has received the dossier" in shown
    assert dossier.code in shown and dossier.lookup_secret not in shown
    assert "Received; being handed to the competent agency" in shown  # the dossier's public status


def test_a_delivery_lists_its_applied_events_in_order(client, world):
    order = delivery(world)

    shown = answer(client.get(URL, {"van-don": order.tracking_number, "sdt": "654321"}))

    steps = re.findall(r"<li><time[^>]*>([^<]+)</time>([^<]+)</li>", shown)
    assert steps == [
        ("24/11/2026 10:00", "Accepted by the post"),
        ("25/11/2026 07:30", "Out for delivery"),
        ("25/11/2026 08:00", "Result handed to the post"),  # made here "now", after the events
    ]  # the stale event is not listed
    assert "Out for delivery to your address" in shown


def test_a_dossier_looked_up_by_code_shows_its_delivery_events(client, world):
    order = delivery(world)
    dossier = order.dossier

    shown = answer(client.get(URL, {"ma": dossier.code, "k": dossier.lookup_secret}))

    assert dossier.code in shown
    assert order.tracking_number in shown
    assert "Accepted by the post" in shown and "Out for delivery" in shown


def test_wrong_number_and_wrong_digits_answer_alike(client, world):
    order = booked(world)

    wrong_digits = client.get(URL, {"van-don": order.tracking_number, "sdt": "000000"})
    wrong_number = client.get(URL, {"van-don": "HS000000000VN", "sdt": "345678"})

    assert wrong_digits.status_code == wrong_number.status_code == 200
    assert answer(wrong_digits) == answer(wrong_number)
    assert "No pickup or delivery matches" in answer(wrong_digits)


def test_wrong_pairs_count_toward_the_lookup_throttle(client, world):
    order = booked(world)
    for n in range(LOOKUP_MAX_FAILURES):
        client.get(URL, {"van-don": f"HS00000000{n}VN", "sdt": "111111"})

    right = client.get(URL, {"van-don": order.tracking_number, "sdt": "345678"})
    by_code = client.get(URL, {"ma": "X", "k": "Y"})

    assert right.status_code == by_code.status_code == 429
    assert order.tracking_number not in answer(right)


def test_the_digits_must_be_six_digits(client, world):
    order = booked(world)

    response = client.get(URL, {"van-don": order.tracking_number, "sdt": "3456a8"})

    assert 'id="id_sdt-error"' in response.content.decode()
    assert cache.get("portal:lookup:failures:127.0.0.1") is None  # not an attempt
