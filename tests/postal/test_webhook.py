"""The tracking webhook: signed, time-boxed, idempotent, safe with unknown orders and hostile bodies."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.postal.carriers.simulated import SimulatedCarrier
from motcua.postal.models import OrderStatus, PostalOrder, TrackingEvent
from motcua.postal.webhook import sign
from tests.postal.test_tracking import Place, event, install_delivery_machine, make_order, make_place

SECRET = "test-webhook-secret"
URL = "/buu-chinh/webhook/simulated/"
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(autouse=True)
def _secrets(settings, monkeypatch):
    settings.POSTAL_WEBHOOK_SECRETS = {"simulated": SECRET, "http": "another-secret"}
    install_delivery_machine(monkeypatch)


@pytest.fixture
def place(db) -> Place:
    return make_place()


def post(
    client: Client,
    body: bytes | dict[str, Any],
    *,
    secret: str = SECRET,
    timestamp: int | None = None,
    url: str = URL,
    signature: str | None = None,
):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    headers = {
        "X-Motcua-Timestamp": stamp,
        "X-Motcua-Signature": signature or sign(secret=secret, timestamp=stamp, body=raw),
    }
    return client.post(url, raw, content_type="application/json", headers=headers)


def batch(*events) -> dict[str, Any]:
    return {"events": [e.to_json() for e in events]}


def test_a_signed_event_is_applied(client, place):
    make_order(place, "VN001")

    response = post(client, event("VN001", 1, "accepted", 10).to_json())

    assert response.status_code == 200
    assert response.json()["applied"] == 1
    assert response.json()["results"] == [{"event_id": "e-VN001-1", "outcome": "applied"}]
    assert PostalOrder.objects.get().status == OrderStatus.ACCEPTED


def test_a_replayed_request_is_acknowledged_as_a_duplicate(client, place):
    make_order(place, "VN001")
    body = batch(event("VN001", 1, "accepted", 10), event("VN001", 2, "out_for_delivery", 60))

    assert post(client, body).json()["applied"] == 2
    again = post(client, body).json()

    assert (again["applied"], again["duplicate"]) == (0, 2)
    assert TrackingEvent.objects.count() == 2


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param({"secret": "wrong"}, id="wrong secret"),
        pytest.param({"secret": "another-secret"}, id="another carrier's secret"),
        pytest.param({"signature": "sha256=00"}, id="garbage signature"),
        pytest.param({"signature": "sha1=abc"}, id="other scheme"),
        pytest.param({"age": 301}, id="too old"),
        pytest.param({"age": -400}, id="from the future"),
    ],
)
def test_a_bad_signature_or_timestamp_is_refused(client, place, tamper):
    make_order(place, "VN001")
    if "age" in tamper:  # seconds before the request is sent, taken now: collection may be minutes earlier
        tamper = {"timestamp": int(time.time()) - tamper["age"]}

    response = post(client, event("VN001", 1, "accepted", 10).to_json(), **tamper)

    assert response.status_code == 401
    assert TrackingEvent.objects.count() == 0


def test_missing_headers_are_refused(client, place):
    response = client.post(URL, b"{}", content_type="application/json")
    assert response.status_code == 401


def test_the_signature_covers_the_timestamp(client, place):
    """A captured request replayed later with a fresh timestamp no longer matches its signature."""
    make_order(place, "VN001")
    raw = json.dumps(event("VN001", 1, "accepted", 10).to_json()).encode()
    old = str(int(time.time()) - 3600)
    captured = sign(secret=SECRET, timestamp=old, body=raw)

    assert post(client, raw, signature=captured).status_code == 401


def test_an_unknown_carrier_or_one_without_secret_has_no_webhook(client, place, settings):
    assert post(client, b"{}", url="/buu-chinh/webhook/nobody/").status_code == 404
    settings.POSTAL_WEBHOOK_SECRETS = {}
    assert post(client, b"{}").status_code == 404


def test_only_post_is_allowed(client, place):
    assert client.get(URL).status_code == 405


def test_unknown_orders_are_refused_without_storing_anything(client, place):
    make_order(place, "VN001")
    make_order(place, "VN002", carrier="http")

    alone = post(client, event("VN404", 1, "accepted", 10).to_json())
    # VN002 exists, but for another carrier: the answer is the same as for a number that does not exist.
    other = post(client, event("VN002", 1, "accepted", 10).to_json())

    assert alone.status_code == other.status_code == 404
    assert alone.json() == other.json()
    assert "VN" not in alone.content.decode()
    mixed = post(client, batch(event("VN001", 1, "accepted", 10), event("VN404", 2, "accepted", 10)))
    assert mixed.status_code == 200
    assert (mixed.json()["applied"], mixed.json()["unknown_order"]) == (1, 1)
    assert TrackingEvent.objects.count() == 1


GOOD = {"event_id": "x", "tracking_number": "VN001", "kind": "accepted", "at": "2026-03-02T08:00:00+07:00"}


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b'{"events": []}',
        b'{"events": {}}',
        b"\xff\xfe",
        json.dumps(
            {"event_id": "x", "tracking_number": "VN001", "kind": "teleported", "at": "2026-03-02T08:00:00+07:00"}
        ).encode(),
        json.dumps(
            {"event_id": "x", "tracking_number": "VN001", "kind": "accepted", "at": "2026-03-02T08:00:00"}
        ).encode(),
        json.dumps(
            {"event_id": "", "tracking_number": "VN001", "kind": "accepted", "at": "2026-03-02T08:00:00Z"}
        ).encode(),
        json.dumps({"events": [{"event_id": "x"}] * 501}).encode(),
    ],
)
def test_a_malformed_body_is_refused_whole(client, place, body):
    make_order(place, "VN001")

    response = post(client, body)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert TrackingEvent.objects.count() == 0


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
EVENTISH = st.fixed_dictionaries(
    {
        "event_id": st.text(max_size=110) | st.integers(),
        "tracking_number": st.sampled_from(["VN001", "VN404", "", "x" * 41]) | st.text(max_size=8),
        "kind": st.sampled_from(["accepted", "delivered", "out_for_delivery", "lost"]) | JSONISH,
        "at": st.datetimes().map(lambda d: d.isoformat()) | st.sampled_from(["2026-03-02T08:00:00+07:00", "now"]),
    },
    optional={"details": JSONISH},
)


@FUZZ
@given(
    body=st.one_of(st.binary(max_size=200), JSONISH.map(lambda v: json.dumps(v).encode()))
    | EVENTISH.map(lambda e: json.dumps(e).encode())
    | st.lists(EVENTISH, max_size=4).map(lambda events: json.dumps({"events": events}).encode())
)
def test_fuzzed_signed_bodies_never_fail_and_never_invent_orders(client, place, body):
    """GIVEN any signed body WHEN posted THEN the answer is 200, 400 or 404 (never a server error) and
    events are stored only for the order that exists."""
    with transaction.atomic():
        make_order(place, "VN001")
        response = post(client, body)
        assert response.status_code in (200, 400, 404)
        assert set(TrackingEvent.objects.values_list("order__tracking_number", flat=True)) <= {"VN001"}
        assert PostalOrder.objects.count() == 1
        transaction.set_rollback(True)


@FUZZ
@given(
    body=st.binary(max_size=100),
    signature=st.text(max_size=80),
    timestamp=st.text(max_size=14) | st.integers(min_value=-(2**40), max_value=2**40).map(str),
)
def test_fuzzed_signatures_are_refused(client, place, body, signature, timestamp):
    response = client.post(
        URL,
        body,
        content_type="application/json",
        headers={"X-Motcua-Timestamp": timestamp.replace("\n", ""), "X-Motcua-Signature": signature.replace("\n", "")},
    )
    assert response.status_code == 401


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=st.integers(min_value=0, max_value=10_000), data=st.data())
def test_shuffled_batches_end_in_the_same_final_state(client, place, number, data):
    """GIVEN an order's story cut into shuffled batches, one of them sent twice WHEN posted THEN the order
    ends in its story's final state and every event is stored once."""
    with transaction.atomic():
        order = make_order(place, f"WH{number}")
        story = SimulatedCarrier(failure_rate=0.5).story(order)
        shuffled = data.draw(st.permutations(story))
        cut = data.draw(st.integers(min_value=1, max_value=len(story)))
        parts = [shuffled[:cut], shuffled[cut:]] if cut < len(story) else [shuffled]
        for part in [*parts, parts[0]]:
            assert post(client, batch(*part)).status_code == 200
        order.refresh_from_db()
        assert order.status == story[-1].kind
        assert TrackingEvent.objects.filter(order=order).count() == len(story)
        transaction.set_rollback(True)
