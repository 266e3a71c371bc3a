"""An action says which state of the dossier it was decided on (``expected_seq`` or ``If-Match`` with the ETag
that GET returns); a dossier changed since is not acted on: 412 ``dossier_changed``, as the desk refuses it."""

from __future__ import annotations

import json

import pytest

from motcua.dossiers.lifecycle import Status
from motcua.dossiers.models import Dossier, DossierEvent
from tests.api.support import assert_problem, bearer
from tests.api.test_dossiers_support import (  # noqa: F401 - fixtures
    DOSSIERS,
    dossier_world,
    received,
    staff_fixture,
    world_fixture,
)

pytestmark = pytest.mark.django_db

WITHDRAW = {"reason": "Người dân xin rút"}


def _act_if_match(staff, code: str, action: str, etag: str, body: dict | None = None):
    caller = staff.clerk
    headers = bearer(caller.token) | {"If-Match": etag}
    data = "" if body is None else json.dumps(body)
    return caller.client.post(
        f"{DOSSIERS}/{code}/actions/{action}", data, content_type="application/json", headers=headers
    )


def test_get_returns_the_etag_of_the_state_and_the_same_seq_in_the_body(staff, world):
    code = received(staff, world)["code"]
    response = staff.clerk.get(f"{DOSSIERS}/{code}")
    assert response.status_code == 200
    assert response["ETag"] == '"1"'
    assert response.json()["seq"] == 1
    staff.clerk.act_ok(code, "transfer")
    again = staff.clerk.get(f"{DOSSIERS}/{code}")
    assert again["ETag"] == '"2"' and again.json()["seq"] == 2


def test_an_action_on_the_etag_seen_is_taken_and_answers_the_new_etag(staff, world):
    code = received(staff, world)["code"]
    etag = staff.clerk.get(f"{DOSSIERS}/{code}")["ETag"]
    response = _act_if_match(staff, code, "transfer", etag)
    assert response.status_code == 200, response.content
    assert response["ETag"] == '"2"'
    assert Dossier.objects.get(code=code).status == Status.IN_PROCESS


def test_a_stale_etag_is_412_dossier_changed_and_nothing_is_done(staff, world):
    """GIVEN a client that read the dossier WHEN a colleague transfers it THEN the client's withdrawal decided on the
    old state is refused, and the dossier keeps the colleague's transfer only."""
    code = received(staff, world)["code"]
    seen = staff.clerk.get(f"{DOSSIERS}/{code}")["ETag"]
    staff.clerk.act_ok(code, "transfer")
    response = _act_if_match(staff, code, "withdraw", seen, WITHDRAW)
    body = assert_problem(response, status=412, code="dossier_changed")
    assert code in body["messages"]["en"]
    assert Dossier.objects.get(code=code).status == Status.IN_PROCESS
    assert DossierEvent.objects.filter(dossier__code=code).count() == 2


def test_a_stale_expected_seq_in_the_body_is_refused_the_same_way(staff, world):
    code = received(staff, world)["code"]
    staff.clerk.act_ok(code, "transfer")
    stale = staff.specialist.act(
        code, "request_supplement", {"expected_seq": 1, "items": ["Bản sao"], "reason": "Thiếu"}
    )
    assert_problem(stale, status=412, code="dossier_changed")
    fresh = staff.specialist.act(
        code, "request_supplement", {"expected_seq": 2, "items": ["Bản sao"], "reason": "Thiếu"}
    )
    assert fresh.status_code == 200, fresh.content
    assert fresh.json()["seq"] == 3


def test_a_weak_etag_never_matches_and_star_matches_any_state(staff, world):
    code = received(staff, world)["code"]
    assert_problem(_act_if_match(staff, code, "transfer", 'W/"1"'), status=412, code="dossier_changed")
    assert _act_if_match(staff, code, "transfer", "*").status_code == 200


def test_an_etag_among_several_matches_and_one_not_among_them_is_refused(staff, world):
    code = received(staff, world)["code"]
    assert_problem(_act_if_match(staff, code, "transfer", '"7", "8"'), status=412, code="dossier_changed")
    assert _act_if_match(staff, code, "transfer", '"0", "1"').status_code == 200


def test_an_if_match_that_is_no_entity_tag_is_a_422_naming_the_header(staff, world):
    code = received(staff, world)["code"]
    body = assert_problem(_act_if_match(staff, code, "transfer", "1"), status=422, code="validation_failed")
    assert body["errors"][0]["loc"] == ["header", "If-Match"]
    assert Dossier.objects.get(code=code).status == Status.RECEIVED


def test_expected_seq_and_if_match_that_disagree_are_refused(staff, world):
    code = received(staff, world)["code"]
    response = _act_if_match(staff, code, "withdraw", '"1"', {**WITHDRAW, "expected_seq": 0})
    assert_problem(response, status=412, code="dossier_changed")
    assert Dossier.objects.get(code=code).status == Status.RECEIVED
