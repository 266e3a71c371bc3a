"""Scope on every endpoint and every object: out of scope reads exactly like absent, never like forbidden."""

from __future__ import annotations

import pytest

from motcua.api.services import api_token_create
from motcua.dossiers.lifecycle import Status
from motcua.dossiers.models import DossierEvent
from tests.api.support import assert_problem, bearer
from tests.api.test_dossiers_support import (  # noqa: F401 - fixtures
    DOSSIERS,
    dossier_world,
    received,
    staff_fixture,
    world_fixture,
)
from tests.dossiers.transitions_support import reach
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _reads(caller, code: str) -> list:
    return [
        caller.get(f"{DOSSIERS}/{code}"),
        caller.get(f"{DOSSIERS}/{code}/history"),
        caller.get(f"{DOSSIERS}/{code}/control-record"),
    ]


def _without_instance(problem: dict) -> dict:
    return {k: v for k, v in problem.items() if k != "instance"}


def test_a_clerk_of_post_office_b_cannot_see_nor_act_on_a_dossier_of_post_office_a(staff, world):
    code = received(staff, world)["code"]
    for response in _reads(staff.other_clerk, code):
        assert_problem(response, status=404, code="dossier_not_found")
    for action in ("transfer", "refuse", "withdraw", "no_such_action"):
        assert_problem(staff.other_clerk.act(code, action, {"reason": "x"}), status=404, code="dossier_not_found")
    assert staff.other_clerk.get(DOSSIERS).json()["count"] == 0
    assert staff.clerk.get(DOSSIERS).json()["count"] == 1
    assert DossierEvent.objects.filter(dossier__code=code).count() == 1


def test_out_of_scope_and_absent_read_the_same(staff, world):
    code = received(staff, world)["code"]
    absent = code[:-4] + "9999"
    hidden = assert_problem(staff.other_clerk.get(f"{DOSSIERS}/{code}"), status=404, code="dossier_not_found")
    missing = assert_problem(staff.other_clerk.get(f"{DOSSIERS}/{absent}"), status=404, code="dossier_not_found")
    assert _without_instance(hidden) == {
        **_without_instance(missing),
        "detail": missing["detail"].replace(absent, code),
        "messages": {k: v.replace(absent, code) for k, v in missing["messages"].items()},
    }


def test_an_agency_outside_the_dossier_cannot_see_nor_act_on_it(staff, world):
    dossier = reach(world, Status.IN_PROCESS)
    for response in _reads(staff.outsider, dossier.code):
        assert_problem(response, status=404, code="dossier_not_found")
    for action in ("complete_step", "approve", "request_supplement"):
        response = staff.outsider.act(dossier.code, action, {"items": ["x"], "reason": "x"})
        assert_problem(response, status=404, code="dossier_not_found")
    assert staff.outsider.get(DOSSIERS).json()["count"] == 0


def test_another_agency_sees_a_dossier_only_while_its_step_is_in_progress(staff, world):
    code = received(staff, world)["code"]
    staff.clerk.act_ok(code, "transfer")
    assert_problem(staff.police_specialist.get(f"{DOSSIERS}/{code}"), status=404, code="dossier_not_found")
    staff.specialist.act_ok(code, "complete_step", {"next_agency": "H30.CA"})
    assert staff.police_specialist.get(f"{DOSSIERS}/{code}").status_code == 200
    staff.police_specialist.act_ok(code, "complete_step")
    assert_problem(staff.police_specialist.get(f"{DOSSIERS}/{code}"), status=404, code="dossier_not_found")


def test_a_user_without_an_assignment_sees_no_dossier(client, staff, world):
    code = received(staff, world)["code"]
    _, token = api_token_create(user=UserFactory(), name="tests")
    assert client.get(DOSSIERS, headers=bearer(token)).json()["count"] == 0
    assert_problem(client.get(f"{DOSSIERS}/{code}", headers=bearer(token)), status=404, code="dossier_not_found")
