"""Idempotency-Key: a retried POST gets the first response again, and the work is done once."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest
from django.db import connection
from django.test import Client
from time_machine import travel

from motcua.api.models import IdempotencyRecord
from motcua.dossiers.models import Dossier, DossierEvent
from tests.api.support import assert_problem
from tests.api.test_dossiers_support import (  # noqa: F401 - fixtures
    DOSSIERS,
    Caller,
    at,
    dossier_world,
    received,
    reception_body,
    staff_fixture,
    world_fixture,
)

KEY = "3f1c9a2e-6d1b-4c5e-9a70-1b2c3d4e5f60"


@pytest.mark.django_db
def test_a_retried_reception_returns_the_first_response_and_receives_once(staff, world):
    first = staff.clerk.post(DOSSIERS, reception_body(world), key=KEY)
    retry = staff.clerk.post(DOSSIERS, reception_body(world), key=KEY)
    assert first.status_code == retry.status_code == 201
    assert retry.content == first.content
    assert retry["Location"] == first["Location"]
    assert retry["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert Dossier.objects.count() == 1


@pytest.mark.django_db
def test_the_same_json_spaced_otherwise_is_the_same_request(staff, world):
    body = reception_body(world)
    staff.clerk.post(DOSSIERS, body, key=KEY)
    headers = {"Authorization": f"Bearer {staff.clerk.token}", "Idempotency-Key": KEY}
    spaced = json.dumps(dict(reversed(list(body.items()))), indent=4)
    retry = staff.clerk.client.post(DOSSIERS, spaced, content_type="application/json", headers=headers)
    assert retry.status_code == 201 and retry["Idempotent-Replayed"] == "true"
    assert Dossier.objects.count() == 1


@pytest.mark.django_db
def test_without_a_key_every_request_acts(staff, world):
    received(staff, world)
    received(staff, world)
    assert Dossier.objects.count() == 2


@pytest.mark.django_db
def test_a_key_used_for_another_request_is_refused(staff, world):
    first = staff.clerk.post(DOSSIERS, reception_body(world), key=KEY)
    other = reception_body(world, fees_paid=0)
    problem = assert_problem(staff.clerk.post(DOSSIERS, other, key=KEY), status=422, code="idempotency_key_reused")
    assert "POST /api/v1/dossiers" in problem["messages"]["en"]
    code = first.json()["code"]
    assert_problem(staff.clerk.act(code, "transfer", key=KEY), status=422, code="idempotency_key_reused")
    assert Dossier.objects.count() == 1
    assert DossierEvent.objects.filter(dossier__code=code).count() == 1


@pytest.mark.django_db
def test_keys_belong_to_one_user(staff, world):
    staff.clerk.post(DOSSIERS, reception_body(world), key=KEY)
    supervisor = Caller(staff.clerk.client, world.clerk)  # another token of the same clerk: same user
    assert supervisor.post(DOSSIERS, reception_body(world), key=KEY)["Idempotent-Replayed"] == "true"
    other_point = reception_body(world, receiving_point=world.other_office.code)
    assert staff.other_clerk.post(DOSSIERS, other_point, key=KEY).status_code == 201
    assert Dossier.objects.count() == 2


@pytest.mark.django_db
def test_a_failed_request_stores_nothing_and_may_be_retried_with_its_key(staff, world):
    failed = staff.clerk.post(DOSSIERS, reception_body(world, components=[]), key=KEY)
    assert_problem(failed, status=400, code="dossier_missing_component")
    assert not IdempotencyRecord.objects.exists()
    assert staff.clerk.post(DOSSIERS, reception_body(world), key=KEY).status_code == 201


@pytest.mark.django_db
def test_a_key_is_forgotten_after_24_hours(staff, world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        staff.clerk.post(DOSSIERS, reception_body(world), key=KEY)
        clock.move_to(at("26/11/2026 08:59"))
        assert staff.clerk.post(DOSSIERS, reception_body(world), key=KEY)["Idempotent-Replayed"] == "true"
        clock.move_to(at("26/11/2026 09:00") + dt.timedelta(seconds=1))
        again = staff.clerk.post(DOSSIERS, reception_body(world), key=KEY)
    assert again.status_code == 201 and "Idempotent-Replayed" not in again
    assert Dossier.objects.count() == 2
    assert IdempotencyRecord.objects.count() == 1


@pytest.mark.django_db
def test_a_retried_action_is_taken_once_even_when_it_took_the_dossier_out_of_scope(staff, world):
    code = received(staff, world)["code"]
    staff.clerk.act_ok(code, "transfer")
    staff.specialist.act_ok(code, "complete_step", {"next_agency": "H30.CA"})
    first = staff.police_specialist.act(code, "complete_step", {"note": "Đã xác minh"}, key=KEY)
    retry = staff.police_specialist.act(code, "complete_step", {"note": "Đã xác minh"}, key=KEY)
    assert first.status_code == retry.status_code == 200
    assert retry.content == first.content
    actions = list(DossierEvent.objects.filter(dossier__code=code).values_list("action", "actor"))
    assert actions.count(("complete_step", world.police_specialist.pk)) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["", "x" * 256, "khóa-tiếng-việt", "two words"])
def test_a_malformed_key_is_a_400(staff, world, key):
    response = staff.clerk.client.post(
        DOSSIERS,
        json.dumps(reception_body(world)),
        content_type="application/json",
        headers={"Authorization": f"Bearer {staff.clerk.token}", "Idempotency-Key": key},
    )
    assert_problem(response, status=400, code="idempotency_key_invalid")
    assert not Dossier.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_retries_racing_with_the_same_key_receive_once(world):
    """On PostgreSQL the second request waits on the first's key row, then replays its response."""
    callers = [Caller(Client(), world.clerk) for _ in range(4)]
    barrier = threading.Barrier(len(callers))
    responses: list = [None] * len(callers)

    def retry(index: int) -> None:
        try:
            barrier.wait()
            responses[index] = callers[index].post(DOSSIERS, reception_body(world), key=KEY)
        finally:
            connection.close()

    threads = [threading.Thread(target=retry, args=(i,)) for i in range(len(callers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.status_code for r in responses] == [201] * len(callers)
    assert len({r.content for r in responses}) == 1
    assert sum(r.has_header("Idempotent-Replayed") for r in responses) == len(callers) - 1
    assert Dossier.objects.count() == 1
