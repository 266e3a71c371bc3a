"""The carrier registry, the offline simulator, the HTTP adapter (against a loopback server), and the
``carrier_tick`` / ``carrier_poll`` commands."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from typing import Any, ClassVar

import pytest
from django.core.management import call_command
from django.utils import timezone

from motcua.postal.carriers import CarrierError, CarrierEvent, carrier_for
from motcua.postal.carriers.http import HttpCarrier
from motcua.postal.carriers.simulated import SimulatedCarrier
from motcua.postal.models import OrderStatus, PostalOrder, TrackingEvent
from motcua.postal.tracking import tracking_event_ingest
from tests.postal.test_tracking import T0, Place, install_delivery_machine, make_order, make_place


@pytest.fixture
def place(db, monkeypatch) -> Place:
    install_delivery_machine(monkeypatch)
    return make_place()


# --- registry ------------------------------------------------------------------------------------------------------


def test_the_registry_knows_the_built_in_carriers():
    assert isinstance(carrier_for("simulated"), SimulatedCarrier)
    assert isinstance(carrier_for("http"), HttpCarrier)
    with pytest.raises(CarrierError) as raised:
        carrier_for("pigeon")
    assert raised.value.code == "postal_carrier_unknown"


# --- simulator -----------------------------------------------------------------------------------------------------


def test_the_simulator_is_deterministic_given_a_seed(place):
    order = make_order(place, "VN001")

    assert SimulatedCarrier(seed=7).story(order) == SimulatedCarrier(seed=7).story(order)
    stories = {tuple(e.at for e in SimulatedCarrier(seed=seed).story(order)) for seed in range(5)}
    assert len(stories) == 5


@pytest.mark.parametrize(("rate", "final", "attempts"), [(0.0, "delivered", 1), (1.0, "returned_to_counter", 3)])
def test_the_failure_rate_decides_the_path(place, rate, final, attempts):
    order = make_order(place, "VN001")

    story = SimulatedCarrier(failure_rate=rate, max_attempts=3).story(order)

    assert story[0].kind == "accepted" and story[-1].kind == final
    assert [e.kind for e in story].count("out_for_delivery") == attempts
    assert [e.at for e in story] == sorted(e.at for e in story)
    assert story[-1].at - story[0].at < timedelta(days=5)


def test_every_simulated_order_reaches_a_final_state_at_the_configured_failure_rate(place):
    """GIVEN 200 orders and a 30 % failure rate (seed 0) WHEN the simulator is ticked hour by hour for six
    days THEN every order is delivered or back at the counter, and the observed failure rate is within
    statistical bounds (±4.5 standard deviations of a binomial over the attempts made)."""
    for n in range(200):
        make_order(place, f"ST{n:04d}")
    carrier = SimulatedCarrier(failure_rate=0.3)
    emitted = 0
    for hour in range(0, 6 * 24 + 1, 6):
        for e in carrier.tick(T0 + timedelta(hours=hour)):
            tracking_event_ingest(carrier="simulated", event=e)
            emitted += 1

    statuses = Counter(PostalOrder.objects.values_list("status", flat=True))
    assert set(statuses) <= {OrderStatus.DELIVERED, OrderStatus.RETURNED_TO_COUNTER}
    assert TrackingEvent.objects.count() == emitted  # each tick emitted only what was new
    kinds = Counter(TrackingEvent.objects.filter(applied=True).values_list("kind", flat=True))
    attempts = kinds["out_for_delivery"]
    failed = kinds["attempt_failed"]
    sigma = (attempts * 0.3 * 0.7) ** 0.5
    assert abs(failed - 0.3 * attempts) <= 4.5 * sigma
    # Returned after three failures: 0.3³ ≈ 2.7 % expected, i.e. about 5 of 200.
    assert statuses[OrderStatus.RETURNED_TO_COUNTER] <= 20


def test_tick_emits_only_what_is_due(place):
    order = make_order(place, "VN001")
    carrier = SimulatedCarrier(failure_rate=0.0)
    story = carrier.story(order)

    assert carrier.tick(T0) == []
    first = carrier.tick(story[0].at)
    assert first == story[:1]
    tracking_event_ingest(carrier="simulated", event=first[0])
    assert carrier.tick(story[1].at) == story[1:2]  # the ingested one is not emitted again


def test_carrier_tick_command_advances_the_simulator(place):
    make_order(place, "VN001")
    out = StringIO()

    call_command("carrier_tick", "--now", (T0 + timedelta(days=10)).isoformat(), stdout=out)

    assert "applied" in out.getvalue()
    assert PostalOrder.objects.get().status in (OrderStatus.DELIVERED, OrderStatus.RETURNED_TO_COUNTER)
    call_command("carrier_tick", "--now", (T0 + timedelta(days=10)).isoformat(), stdout=(again := StringIO()))
    assert "0 events" in again.getvalue()


# --- HTTP adapter, against a loopback server -----------------------------------------------------------------------


class FakeOperator(BaseHTTPRequestHandler):
    requests: ClassVar[list[dict[str, Any]]] = []
    events: ClassVar[list[dict[str, Any]]] = []
    fail_with: ClassVar[int | None] = None
    delay: ClassVar[float] = 0.0
    raw_answer: ClassVar[bytes | None] = None

    def _answer(self, status: int, body: dict[str, Any] | None = None) -> None:
        time.sleep(self.delay)
        payload = self.raw_answer if self.raw_answer is not None else json.dumps(body or {}).encode()
        self.send_response(self.fail_with or status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _record(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        self.requests.append({"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body})

    def do_POST(self) -> None:
        self._record()
        if self.path == "/api/orders":
            self._answer(201, {"ref": "OP-123"})
        elif self.path == "/api/orders/OP-123/cancel":
            self._answer(409 if len([r for r in self.requests if r["path"].endswith("/cancel")]) > 1 else 200)
        else:
            self._answer(404)

    def do_GET(self) -> None:
        self._record()
        if self.path == "/api/orders/OP-123/events":
            self._answer(200, {"events": self.events})
        else:
            self._answer(404)

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


@pytest.fixture
def operator() -> Iterator[str]:
    FakeOperator.requests, FakeOperator.events = [], []
    FakeOperator.fail_with, FakeOperator.delay, FakeOperator.raw_answer = None, 0.0, None
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeOperator)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api"
    server.shutdown()
    server.server_close()


def test_http_carrier_creates_cancels_and_polls(place, operator):
    order = make_order(place, "VN001", carrier="http")
    carrier = HttpCarrier(base_url=operator, api_key="k3y", timeout=2)
    when = T0 + timedelta(hours=1)
    FakeOperator.events = [
        CarrierEvent("op-2", "VN001", "out_for_delivery", when + timedelta(hours=1)).to_json(),
        CarrierEvent("op-1", "VN001", "accepted", when).to_json(),
    ]

    assert carrier.create_order(order) == "OP-123"
    order.carrier_ref = "OP-123"
    carrier.cancel_order(order)
    carrier.cancel_order(order)  # already cancelled (409): not an error
    events = carrier.poll(order)

    assert [e.event_id for e in events] == ["op-1", "op-2"]
    created = FakeOperator.requests[0]
    assert created["headers"]["Authorization"] == "Bearer k3y"
    assert created["headers"]["Idempotency-Key"] == "VN001"
    assert created["body"]["tracking_number"] == "VN001"


@pytest.mark.parametrize(
    "trouble",
    [
        pytest.param({"fail_with": 500}, id="server error"),
        pytest.param({"raw_answer": b"<html>"}, id="not json"),
        pytest.param({"raw_answer": b'{"events": [{"kind": "x"}]}'}, id="bad event"),
        pytest.param({"delay": 1.5}, id="timeout"),
    ],
)
def test_http_carrier_turns_trouble_into_one_error(place, operator, trouble):
    order = make_order(place, "VN001", carrier="http")
    order.carrier_ref = "OP-123"
    for name, value in trouble.items():
        setattr(FakeOperator, name, value)

    with pytest.raises(CarrierError) as raised:
        HttpCarrier(base_url=operator, api_key="k", timeout=0.5).poll(order)
    assert raised.value.code == "postal_carrier_failed"


def test_http_carrier_refuses_a_non_http_base_url(place):
    order = make_order(place, "VN001", carrier="http")
    with pytest.raises(CarrierError):
        HttpCarrier(base_url="file:///etc", api_key="k").poll(order)


def test_carrier_poll_ingests_what_quiet_orders_missed(place, operator, settings):
    settings.POSTAL_HTTP_BASE_URL, settings.POSTAL_HTTP_API_KEY, settings.POSTAL_POLL_AFTER_MINUTES = operator, "k", 60
    old = timezone.now() - timedelta(hours=3)
    quiet = make_order(place, "VN001", carrier="http", created_at=old)
    PostalOrder.objects.filter(pk=quiet.pk).update(carrier_ref="OP-123")
    recent = make_order(place, "VN002", carrier="http", created_at=timezone.now())
    FakeOperator.events = [CarrierEvent("op-1", "VN001", "accepted", old + timedelta(minutes=5)).to_json()]
    out = StringIO()

    call_command("carrier_poll", stdout=out)

    assert "polled 1 orders" in out.getvalue() and "applied 1" in out.getvalue()
    assert PostalOrder.objects.get(pk=quiet.pk).status == OrderStatus.ACCEPTED
    assert PostalOrder.objects.get(pk=recent.pk).status == OrderStatus.CREATED
    assert [r["path"] for r in FakeOperator.requests] == ["/api/orders/OP-123/events"]
