"""Signed-in sessions end after a working day and after idle time (docs/security.md)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # the factories' test password
MORNING = datetime(2026, 3, 2, 0, 30, tzinfo=UTC)  # 07:30 in Hà Nội


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def clerk_signed_in_at_opening(client, settings):
    settings.STAFF_SESSION_MAX_HOURS = 10
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    UserFactory(username="lan")
    with time_machine.travel(MORNING, tick=False) as traveller:
        assert client.post("/accounts/login/", {"username": "lan", "password": PASSWORD}).status_code == 302
        yield traveller


def test_a_session_in_use_lasts_the_working_day(client, clerk_signed_in_at_opening):
    for _ in range(9 * 4):  # a request every quarter of an hour until 16:30
        clerk_signed_in_at_opening.shift(timedelta(minutes=15))
        client.get("/")
        assert _signed_in(client)


def test_a_session_ends_after_the_working_day_however_busy(client, clerk_signed_in_at_opening):
    for _ in range(10 * 4 + 1):
        clerk_signed_in_at_opening.shift(timedelta(minutes=15))
        client.get("/")

    assert not _signed_in(client)


def test_a_session_ends_after_idle_time(client, clerk_signed_in_at_opening):
    clerk_signed_in_at_opening.shift(timedelta(minutes=29))
    client.get("/")
    assert _signed_in(client)

    clerk_signed_in_at_opening.shift(timedelta(minutes=31))
    client.get("/")
    assert not _signed_in(client)


def test_an_ended_session_asks_to_sign_in_again(client, clerk_signed_in_at_opening):
    clerk_signed_in_at_opening.shift(timedelta(hours=1))

    response = client.get("/api/v1/procedures")  # any page: the next one asks to sign in
    assert not _signed_in(client)
    assert "no-store" in response["Cache-Control"]
