"""Forged carrier events: dated in the future or before their order existed, they are refused and not stored;
production settings refuse the simulated carrier and the published webhook secret (docs/security.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from motcua.conf.guards import DEVELOPMENT_WEBHOOK_SECRET
from motcua.postal.carriers import CarrierEvent
from motcua.postal.checks import forged_carrier_events_check
from motcua.postal.models import OrderStatus, TrackingEvent
from tests.postal.test_tracking import install_delivery_machine, make_order, make_place
from tests.postal.test_webhook import post

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def order(db, settings, monkeypatch):
    settings.POSTAL_WEBHOOK_SECRETS = {"simulated": "test-webhook-secret"}
    settings.POSTAL_EVENT_CLOCK_TOLERANCE_SECONDS = 300
    install_delivery_machine(monkeypatch)
    return make_order(make_place(), "VN900", created_at=timezone.now() - timedelta(hours=2))


def _event(n: int, kind: str, at) -> CarrierEvent:
    return CarrierEvent(f"forged-{n}", "VN900", kind, at, {})


def test_an_event_dated_beyond_the_tolerance_in_the_future_is_refused_and_not_stored(client, order):
    response = post(client, _event(1, "accepted", timezone.now() + timedelta(hours=1)).to_json())

    assert response.status_code == 200
    assert response.json()["results"] == [
        {"event_id": "forged-1", "outcome": "refused", "code": "postal_event_in_future"}
    ]
    order.refresh_from_db()
    assert order.status == OrderStatus.CREATED
    assert not TrackingEvent.objects.exists()


def test_an_event_a_little_ahead_of_the_clock_is_within_the_tolerance(client, order):
    response = post(client, _event(1, "accepted", timezone.now() + timedelta(minutes=2)).to_json())

    assert response.json()["results"][0]["outcome"] == "applied"


def test_an_event_dated_before_its_order_existed_is_refused(client, order):
    response = post(client, _event(1, "accepted", order.created_at - timedelta(days=1)).to_json())

    assert response.json()["results"][0] == {
        "event_id": "forged-1",
        "outcome": "refused",
        "code": "postal_event_before_order",
    }
    assert not TrackingEvent.objects.exists()


def test_a_far_future_event_cannot_make_later_true_events_stale(client, order):
    """GIVEN a forged event dated next year WHEN the true one arrives THEN the true one still applies."""
    post(client, _event(1, "accepted", timezone.now() + timedelta(days=365)).to_json())
    response = post(client, _event(2, "accepted", timezone.now() - timedelta(minutes=5)).to_json())

    assert response.json()["results"][0]["outcome"] == "applied"


def test_the_deploy_check_errors_on_the_simulated_carrier_and_the_published_secret(settings):
    settings.POSTAL_CARRIER = "simulated"
    settings.POSTAL_WEBHOOK_SECRETS = {"http": DEVELOPMENT_WEBHOOK_SECRET}
    assert {m.id for m in forged_carrier_events_check()} == {"motcua.E001"}
    assert len(forged_carrier_events_check()) == 2

    settings.POSTAL_CARRIER = "http"
    settings.POSTAL_WEBHOOK_SECRETS = {"http": "an-operator-secret-of-our-own"}
    assert forged_carrier_events_check() == []


def test_carrier_tick_refuses_to_invent_events_beside_a_real_carrier(settings, db):
    settings.POSTAL_CARRIER = "http"
    with pytest.raises(CommandError, match="simulated"):
        call_command("carrier_tick")


def _production(extra_env: dict[str, str]) -> subprocess.CompletedProcess:
    keep = {k: v for k, v in os.environ.items() if not k.startswith("POSTAL_") and k not in {"SECRET_KEY", "DEBUG"}}
    environment = {
        **keep,
        "DJANGO_SETTINGS_MODULE": "motcua.conf.production",
        "PYTHONPATH": str(ROOT / "src"),
        "SECRET_KEY": "x" * 50,
        **extra_env,
    }
    code = "import django; django.setup(); from django.conf import settings; print(settings.POSTAL_CARRIER or '-')"
    return subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize(
    "extra_env",
    [
        {"POSTAL_CARRIER": "simulated"},
        {"POSTAL_WEBHOOK_SECRETS": f"http={DEVELOPMENT_WEBHOOK_SECRET}"},
        {"POSTAL_WEBHOOK_SECRETS": "simulated=some-other-secret"},
    ],
)
def test_production_settings_refuse_to_start_with_forgeable_postal_settings(extra_env):
    result = _production(extra_env)
    assert result.returncode != 0
    assert "Refusing to start" in result.stderr


def test_production_has_no_simulated_carrier_and_no_webhook_by_default():
    result = _production({})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["-"]
