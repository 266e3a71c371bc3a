"""POST /dossiers/{code}/actions/{action}: every action through its one service, and how each refusal reads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from motcua.api.schemas.dossier_requests import ActionIn
from motcua.dossiers.actions import ACTION_FIELDS
from motcua.dossiers.lifecycle import TRANSITIONS, Action, Status
from motcua.dossiers.models import DossierEvent, DossierStep
from motcua.dossiers.services.act import SERVICES
from tests.api.support import assert_problem
from tests.api.test_dossiers_support import (  # noqa: F401 - fixtures
    DOSSIERS,
    dossier_world,
    received,
    staff_fixture,
    world_fixture,
)
from tests.dossiers.transitions_support import advance_to_decision, applicant_collects, reach

pytestmark = pytest.mark.django_db


def _extension(dossier) -> dict:
    return {"new_appointment": (dossier.appointment_at + dt.timedelta(days=10)).isoformat(), "reason": "Xác minh"}


def _colleague(dossier) -> dict:
    from motcua.agencies.models import StaffAssignment

    specialist = StaffAssignment.objects.filter(role="agency_specialist", agency=dossier.lead_agency).first()
    return {"assignee": specialist.user.username}


# action: (a state it may be taken from, who takes it, the body)
CASES = {
    Action.REFUSE: (Status.RECEIVED, "clerk", {"reasons": "Không thuộc thẩm quyền"}),
    Action.TRANSFER: (Status.RECEIVED, "clerk", None),
    Action.ASSIGN_STEP: (Status.IN_PROCESS, "leader", _colleague),
    Action.COMPLETE_STEP: (Status.IN_PROCESS, "specialist", {"next_agency": "H30.CA", "note": "Hợp lệ"}),
    Action.REQUEST_SUPPLEMENT: (Status.IN_PROCESS, "specialist", {"items": ["Bản sao"], "reason": "Thiếu"}),
    Action.RECEIVE_SUPPLEMENT: (Status.SUPPLEMENT_REQUESTED, "clerk", {}),
    Action.REQUEST_OBLIGATION: (Status.IN_PROCESS, "specialist", {"amount": 120000, "description": "Lệ phí"}),
    Action.MEET_OBLIGATION: (Status.OBLIGATION_REQUESTED, "clerk", {"note": "Đã nộp"}),
    Action.WITHDRAW: (Status.RECEIVED, "clerk", {"reason": "Người dân xin rút"}),
    Action.STOP: (Status.SUPPLEMENT_REQUESTED, "specialist", {"reason": "Quá hạn bổ sung"}),
    Action.APPROVE: (Status.IN_PROCESS, "leader", {"note": "Đồng ý"}),
    Action.REJECT: (Status.IN_PROCESS, "leader", {"reason": "Không đủ điều kiện"}),
    Action.SEND_RESULT_TO_COUNTER: (Status.APPROVED, "specialist", None),
    Action.SEND_RESULT_TO_POST: (Status.APPROVED, "specialist", {}),
    Action.RETURN_RESULT: (
        Status.RESULT_AT_COUNTER,
        "clerk",
        lambda dossier: {"note": "Đã trả", **applicant_collects(dossier)},
    ),
    Action.EXTEND: (Status.IN_PROCESS, "leader", _extension),
    Action.RETURN_TO_COUNTER: (Status.RESULT_WITH_POST, "clerk", {"reason": "Không phát được"}),
}


def test_every_action_has_its_service_a_case_and_its_fields_in_the_body_schema():
    assert set(SERVICES) == set(Action) == set(CASES)
    declared = {field.name for fields in ACTION_FIELDS.values() for field in fields}
    # ``expected_seq`` is taken by every action: the state the client decided on (test_dossiers_preconditions.py).
    assert declared | {"expected_seq"} == set(ActionIn.model_fields)


@pytest.mark.parametrize("action", list(Action), ids=lambda a: a.value)
def test_each_action_is_taken_by_its_service_and_answers_the_new_representation(staff, world, action):
    state, who, body = CASES[action]
    # A result is handed to the post only for an applicant who asked for it by post.
    by_post = {"return_method": "post", "return_address": "12 Trần Phú"} if action == Action.SEND_RESULT_TO_POST else {}
    dossier = reach(world, state, **by_post)
    if action == Action.APPROVE:
        dossier = advance_to_decision(world, dossier)  # approval needs every other step done
    response = getattr(staff, who).act(dossier.code, action.value, body(dossier) if callable(body) else body)
    assert response.status_code == 200, response.content.decode()
    representation = response.json()
    target = TRANSITIONS[action].target or state
    assert representation["status"] == target
    assert representation["code"] == dossier.code
    last = DossierEvent.objects.filter(dossier=dossier).latest("seq")
    assert (last.action, last.actor) == (action.value, getattr(world, who))


def test_transfer_routes_the_steps_at_other_agencies(staff, world):
    code = received(staff, world)["code"]
    body = staff.clerk.act_ok(code, "transfer", {"step_agencies": {"3": "H30.CA"}})
    assert next(s["agency"] for s in body["steps"] if s["order"] == 3) == "H30.CA"


def test_a_forbidden_transition_is_a_409_naming_the_state_and_the_action_in_both_languages(staff, world):
    code = received(staff, world)["code"]
    response = staff.clerk.act(code, "return_result", language="en")
    body = assert_problem(response, status=409, code="dossier_action_not_allowed")
    assert body["messages"]["en"] == "The action “return the result” is not allowed while the dossier is “received”."
    with translation.override("vi"):
        action, status = str(Action.RETURN_RESULT.label), str(Status.RECEIVED.label)
    assert action in body["messages"]["vi"] and status in body["messages"]["vi"]
    assert action != "return the result"
    assert body["detail"] == body["messages"]["en"]  # the request's language
    assert body["title"] == "Conflict"
    vietnamese = assert_problem(staff.clerk.act(code, "return_result"), status=409, code="dossier_action_not_allowed")
    assert vietnamese["detail"] == body["messages"]["vi"]


def test_a_caller_who_sees_the_dossier_but_has_no_role_for_the_action_gets_a_403(staff, world):
    dossier = reach(world, Status.IN_PROCESS)
    body = assert_problem(staff.clerk.act(dossier.code, "approve"), status=403, code="dossier_action_forbidden")
    assert "approve" in body["messages"]["en"]
    assert_problem(staff.specialist.act(dossier.code, "approve"), status=403, code="dossier_action_forbidden")


def test_an_unknown_action_is_a_404_problem(staff, world):
    code = received(staff, world)["code"]
    body = assert_problem(staff.clerk.act(code, "fly"), status=404, code="dossier_action_not_found")
    assert "complete_step" in body["messages"]["en"]


@pytest.mark.parametrize(
    ("body", "missing"),
    [
        (None, ["items", "reason"]),
        ({"items": ["Bản sao"]}, ["reason"]),
        ({"items": ["Bản sao"], "reason": "   "}, ["reason"]),
        ({"items": [], "reason": "Thiếu"}, ["items"]),
    ],
)
def test_a_missing_required_field_is_a_422_naming_it(staff, world, body, missing):
    code = received(staff, world)["code"]
    problem = assert_problem(
        staff.clerk.act(code, "request_supplement", body, language="en"), status=422, code="validation_failed"
    )
    assert [(e["loc"], e["type"]) for e in problem["errors"]] == [
        (["body", "payload", name], "missing") for name in missing
    ]
    assert f"body.payload.{missing[0]}" in problem["detail"]
    assert DossierEvent.objects.filter(dossier__code=code).count() == 1  # nothing happened


def test_a_field_the_action_does_not_take_is_a_422(staff, world):
    dossier = reach(world, Status.IN_PROCESS)
    problem = assert_problem(
        staff.leader.act(dossier.code, "approve", {"amount": 5}), status=422, code="validation_failed"
    )
    assert [(e["loc"], e["type"]) for e in problem["errors"]] == [(["body", "payload", "amount"], "extra_forbidden")]
    problem = assert_problem(
        staff.leader.act(dossier.code, "approve", {"nope": 1}), status=422, code="validation_failed"
    )
    assert problem["errors"][0]["type"] == "extra_forbidden"


def test_a_value_of_the_wrong_type_is_a_422(staff, world):
    dossier = reach(world, Status.IN_PROCESS)
    body = {"amount": "nhiều", "description": "Lệ phí"}
    problem = assert_problem(
        staff.specialist.act(dossier.code, "request_obligation", body), status=422, code="validation_failed"
    )
    assert problem["errors"][0]["loc"] == ["body", "payload", "amount"]
    extend = {"new_appointment": "mai", "reason": "Xác minh"}
    assert_problem(staff.leader.act(dossier.code, "extend", extend), status=422, code="validation_failed")


def test_an_agency_code_that_names_nothing_is_a_422(staff, world):
    dossier = reach(world, Status.IN_PROCESS)
    problem = assert_problem(
        staff.specialist.act(dossier.code, "complete_step", {"next_agency": "H99.NONE"}),
        status=422,
        code="validation_failed",
    )
    assert [(e["loc"], e["type"]) for e in problem["errors"]] == [
        (["body", "payload", "next_agency"], "unknown_agency")
    ]
    code = received(staff, world)["code"]
    problem = assert_problem(
        staff.clerk.act(code, "transfer", {"step_agencies": {"3": "H99.NONE"}}), status=422, code="validation_failed"
    )
    assert problem["errors"][0]["loc"] == ["body", "payload", "step_agencies", "3"]
    assert not DossierStep.objects.filter(dossier__code=code, status="active").exists()


def test_rules_the_engine_checks_after_the_body_are_its_problems(staff, world):
    dossier = reach(world, Status.IN_PROCESS)
    earlier = (dossier.appointment_at - dt.timedelta(days=1)).isoformat()
    assert_problem(
        staff.leader.act(dossier.code, "extend", {"new_appointment": earlier, "reason": "Xác minh"}),
        status=400,
        code="dossier_extension_not_later",
    )
    # The police has no step in progress on it yet: not in its scope, so not found rather than forbidden.
    assert_problem(staff.police_specialist.act(dossier.code, "complete_step"), status=404, code="dossier_not_found")


def test_an_action_on_a_dossier_that_does_not_exist_is_a_404(staff, world):
    assert_problem(staff.clerk.act("H30.X01-261125-9999", "transfer"), status=404, code="dossier_not_found")
    assert_problem(
        staff.clerk.client.post(
            f"{DOSSIERS}/X/actions/transfer",
            "{not json",
            content_type="application/json",
            headers={"Authorization": f"Bearer {staff.clerk.token}"},
        ),
        status=400,
        code="bad_request",
    )


def test_assigning_the_step_by_username_and_an_unknown_username_is_a_422(world):
    from django.test import Client

    from motcua.dossiers.lifecycle import Status
    from tests.dossiers.transitions_support import reach

    dossier = reach(world, Status.IN_PROCESS)
    client = Client()
    client.force_login(world.leader)
    url = f"/api/v1/dossiers/{dossier.code}/actions/assign_step"
    unknown = client.post(url, {"assignee": "nobody"}, content_type="application/json")
    assert unknown.status_code == 422 and unknown["Content-Type"] == "application/problem+json"
    done = client.post(url, {"assignee": world.specialist.username}, content_type="application/json")
    assert done.status_code == 200, done.content
    steps = {s["order"]: s for s in done.json()["steps"]}
    assert steps[2]["assignee"] == world.specialist.username
