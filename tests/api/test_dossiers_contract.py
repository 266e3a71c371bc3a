"""Contract of /api/v1/dossiers: status codes, content types, fields, filters, pagination, the OpenAPI document."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from time_machine import travel

from motcua.api.openapi import openapi_document
from motcua.dossiers.lifecycle import Action
from tests.api.support import assert_problem
from tests.api.test_dossiers_support import (  # noqa: F401 - fixtures
    DOSSIERS,
    actions_of,
    at,
    dossier_world,
    received,
    reception_body,
    staff_fixture,
    world_fixture,
)
from tests.dossiers.transitions_support import perform

pytestmark = pytest.mark.django_db

SUMMARY_FIELDS = {
    "code",
    "status",
    "national_status_code",
    "channel",
    "procedure",
    "applicant_name",
    "receiving_point",
    "lead_agency",
    "received_at",
    "appointment_at",
    "due",
    "completion",
}
DETAIL_FIELDS = SUMMARY_FIELDS | {
    "national_channel_code",
    "applicant",
    "received_by",
    "original_appointment_at",
    "extension_reason",
    "needs_apology",
    "supplement_requests",
    "processed_at",
    "returned_at",
    "fees_charged",
    "fees_paid",
    "return_method",
    "return_address",
    "components",
    "steps",
    "allowed_actions",
    "seq",
}


# --- receive ---------------------------------------------------------------------------------------------------


def test_receiving_answers_201_with_the_dossier_and_its_location(staff, world):
    with travel(at("25/11/2026 09:00"), tick=False):
        response = staff.clerk.post(DOSSIERS, reception_body(world, channel="postal"))
    assert response.status_code == 201, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert response["Location"] == f"http://testserver{DOSSIERS}/{body['code']}"
    assert set(body) == DETAIL_FIELDS
    assert (body["status"], body["national_status_code"]) == ("received", 2)
    assert (body["channel"], body["national_channel_code"]) == ("postal", 3)
    assert body["procedure"] == {
        "national_code": world.version.procedure.national_code,
        "name": world.version.name,
        "version": world.version.number,
    }
    assert body["applicant"]["birth_date"] == "1998-05-17"
    assert body["applicant"]["commune_code"] == "18073"
    assert body["receiving_point"] == {"code": "VNP.42.1", "name": "Bưu cục Thành Sen"}
    assert body["lead_agency"] == {"code": "H30.X01", "name": "UBND Phường Thành Sen"}
    assert body["received_by"] == world.clerk.username
    assert body["received_at"] == "2026-11-25T09:00:00+07:00"
    assert body["appointment_at"] == body["original_appointment_at"] == "2026-12-02T09:00:00+07:00"
    assert (body["fees_charged"], body["fees_paid"], body["completion"], body["due"]) == (
        50000,
        50000,
        None,
        "on_track",
    )
    (component,) = body["components"]
    assert (component["checklist_order"], component["name"], component["form"]) == (1, "Tờ khai", "original")
    assert [(s["order"], s["status"]) for s in body["steps"]] == [(n, "pending") for n in range(1, 7)]
    assert body["steps"][2]["agency"] is None  # at another agency, not routed yet


def test_a_component_not_on_the_checklist_and_a_post_return_are_received_as_sent(staff, world):
    # What a paper says about the data store is checked: tests/api/test_reception_references.py.
    extra = {"name": "Bản sao CCCD", "form": "copy", "count": 2}
    body = received(
        staff,
        world,
        components=[{"order": 1}, extra],
        return_method="post",
        return_address="12 Trần Phú, Phường Thành Sen",
    )
    assert [(c["checklist_order"], c["name"], c["count"], c["reused"], c["digitized"]) for c in body["components"]] == [
        (1, "Tờ khai", 1, False, False),
        (None, "Bản sao CCCD", 2, False, False),
    ]
    assert (body["return_method"], body["return_address"]) == ("post", "12 Trần Phú, Phường Thành Sen")


def test_codes_that_name_nothing_are_a_422_naming_each(staff, world):
    applicant = {**reception_body(world)["applicant"], "commune_code": "99999"}
    response = staff.clerk.post(
        DOSSIERS,
        reception_body(
            world,
            procedure="9.999999",
            receiving_point="VNP.99.9",
            lead_agency="H99.NONE",
            applicant=applicant,
            components=[{"order": 9}],
        ),
    )
    body = assert_problem(response, status=422, code="validation_failed")
    assert [(e["loc"], e["type"]) for e in body["errors"]] == [
        (["body", "payload", "procedure"], "unknown_procedure"),
        (["body", "payload", "receiving_point"], "unknown_point"),
        (["body", "payload", "lead_agency"], "unknown_agency"),
        (["body", "payload", "applicant", "commune_code"], "unknown_commune"),
    ]
    assert "body.payload.procedure" in body["messages"]["en"]


def test_an_unknown_checklist_item_and_an_unknown_field_are_422(staff, world):
    body = assert_problem(
        staff.clerk.post(DOSSIERS, reception_body(world, components=[{"order": 9}])),
        status=422,
        code="validation_failed",
    )
    assert body["errors"][0]["loc"] == ["body", "payload", "components", 0]
    applicant = {**reception_body(world)["applicant"], "birthday": "1990-05-17"}
    body = assert_problem(
        staff.clerk.post(DOSSIERS, reception_body(world, applicant=applicant)), status=422, code="validation_failed"
    )
    assert body["errors"][0]["loc"] == ["body", "payload", "applicant", "birthday"]
    assert body["errors"][0]["type"] == "extra_forbidden"


def test_rules_of_the_domain_are_400_problems_from_the_engine(staff, world):
    assert_problem(
        staff.clerk.post(DOSSIERS, reception_body(world, components=[])), status=400, code="dossier_missing_component"
    )
    applicant = {**reception_body(world)["applicant"], "id_number": "12345"}
    assert_problem(
        staff.clerk.post(DOSSIERS, reception_body(world, applicant=applicant)),
        status=400,
        code="dossier_invalid_id_number",
    )
    assert_problem(
        staff.clerk.post(DOSSIERS, reception_body(world, fees_paid=60000)),
        status=400,
        code="dossier_fees_exceed_charged",
    )


def test_only_staff_of_the_receiving_point_may_receive_there(staff, world):
    response = staff.other_clerk.post(DOSSIERS, reception_body(world))
    assert_problem(response, status=403, code="dossier_action_forbidden")
    assert_problem(staff.specialist.post(DOSSIERS, reception_body(world)), status=403, code="dossier_action_forbidden")


# --- read ------------------------------------------------------------------------------------------------------


def test_the_representation_lists_what_the_caller_may_do_in_the_request_language(staff, world):
    code = received(staff, world)["code"]
    in_vietnamese = staff.clerk.get(f"{DOSSIERS}/{code}").json()
    in_english = staff.clerk.get(f"{DOSSIERS}/{code}", language="en").json()
    assert set(in_vietnamese) == DETAIL_FIELDS
    transfer = next(a for a in in_english["allowed_actions"] if a["action"] == "transfer")
    assert transfer == {
        "action": "transfer",
        "label": "transfer to the agency",
        "fields": [{"name": "step_agencies", "type": "object", "required": False}],
    }
    with translation.override("vi"):
        expected = str(Action.TRANSFER.label)
    assert next(a["label"] for a in in_vietnamese["allowed_actions"] if a["action"] == "transfer") == expected
    assert expected != "transfer to the agency"
    # The same dossier, another caller, other actions: the leader may not transfer nor refuse at reception.
    assert actions_of(in_vietnamese) == {"refuse", "transfer", "request_supplement", "withdraw"}
    assert actions_of(staff.leader.get(f"{DOSSIERS}/{code}").json()) == {"request_supplement", "extend"}


def test_the_history_is_every_event_in_order(staff, world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        code = received(staff, world)["code"]
        clock.move_to(at("25/11/2026 10:30"))
        staff.clerk.act_ok(code, "transfer")
    response = staff.clerk.get(f"{DOSSIERS}/{code}/history")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    events = response.json()
    assert [set(e) for e in events] == [
        {"seq", "at", "actor", "action", "from_status", "to_status", "agency", "note", "payload"}
    ] * 2
    assert [(e["seq"], e["at"], e["action"], e["agency"]) for e in events] == [
        (1, "2026-11-25T09:00:00+07:00", "receive", "VNP.42"),
        (2, "2026-11-25T10:30:00+07:00", "transfer", "H30.X01"),
    ]


def test_the_control_record_is_slip_06(staff, world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        code = received(staff, world)["code"]
        clock.move_to(at("25/11/2026 10:30"))
        staff.clerk.act_ok(code, "transfer")
    response = staff.clerk.get(f"{DOSSIERS}/{code}/control-record")
    assert response.status_code == 200
    record = response.json()
    assert (record["code"], record["applicant"], record["completion"]) == (code, "Nguyễn Văn An", None)
    (row,) = record["rows"]
    assert row["action"] == "transfer"
    assert row["giver"] == {"code": "VNP.42.1", "name": "Bưu cục Thành Sen"}
    assert row["receiver"] == {"code": "H30.X01", "name": "UBND Phường Thành Sen"}
    assert (row["at"], row["result"]) == ("2026-11-25T10:30:00+07:00", "on_time")


def test_a_naive_instant_is_read_as_vietnam_time(staff, world):
    with travel(at("25/11/2026 09:00"), tick=False):
        code = received(staff, world)["code"]
        body = staff.leader.act_ok(code, "extend", {"new_appointment": "2026-12-04T16:00", "reason": "Xác minh"})
    assert body["appointment_at"] == "2026-12-04T16:00:00+07:00"


# --- lists -----------------------------------------------------------------------------------------------------


def test_the_list_is_paginated_newest_first(staff, world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        codes = []
        for minute in range(3):
            clock.move_to(at(f"25/11/2026 09:0{minute}"))
            codes.append(received(staff, world)["code"])
    first = staff.clerk.get(DOSSIERS, limit=2).json()
    assert first["count"] == 3
    assert [d["code"] for d in first["results"]] == codes[::-1][:2]
    assert set(first["results"][0]) == SUMMARY_FIELDS
    assert first["previous"] is None
    second = staff.clerk.client.get(first["next"], headers={"Authorization": f"Bearer {staff.clerk.token}"}).json()
    assert [d["code"] for d in second["results"]] == [codes[0]]
    assert second["next"] is None and second["previous"].endswith("limit=2&offset=0")
    assert_problem(staff.clerk.get(DOSSIERS, limit=101), status=422, code="validation_failed")


def test_the_list_filters_combine(staff, world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        waiting = received(staff, world)["code"]
        clock.move_to(at("26/11/2026 09:00"))
        moving = received(staff, world)["code"]
        staff.clerk.act_ok(moving, "transfer")
        staff.specialist.act_ok(moving, "complete_step", {"next_agency": "H30.CA"})

        def codes(caller, **params):
            response = caller.get(DOSSIERS, **params)
            assert response.status_code == 200, response.content
            return [d["code"] for d in response.json()["results"]]

        clerk = staff.clerk
        assert codes(clerk) == [moving, waiting]
        assert codes(clerk, status="received") == [waiting]
        assert codes(clerk, procedure=world.version.procedure.national_code) == [moving, waiting]
        assert codes(clerk, procedure="9.999999") == []
        assert codes(clerk, receiving_point="VNP.42.1", lead_agency="H30.X01") == [moving, waiting]
        assert codes(clerk, received_from="2026-11-26") == [moving]
        assert codes(clerk, received_to="2026-11-25") == [waiting]
        assert codes(clerk, step="Xác minh nhân thân") == [moving]
        assert codes(clerk, step_order=4, status="in_process") == [moving]
        assert codes(clerk, step_order=2) == []
        assert codes(staff.specialist, assignee="me") == [moving]
        assert codes(clerk, assignee="me") == []
        assert codes(staff.police_specialist) == [moving]  # its step is in progress
        assert codes(clerk, agency="H30.CA") == [moving]
        assert codes(clerk, agency="H99.NONE") == []

        clock.move_to(at("01/12/2026 16:00"))
        assert codes(clerk, due="due_soon") == [waiting]  # due 02/12 09:00; the other 03/12
        clock.move_to(at("02/12/2026 10:00"))
        assert codes(clerk, due="overdue") == [waiting]
    assert_problem(staff.clerk.get(DOSSIERS, due="late"), status=422, code="validation_failed")
    assert_problem(staff.clerk.get(DOSSIERS, status="lost"), status=422, code="validation_failed")


# --- authentication and the document ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", DOSSIERS),
        ("post", DOSSIERS),
        ("get", f"{DOSSIERS}/X"),
        ("get", f"{DOSSIERS}/X/history"),
        ("get", f"{DOSSIERS}/X/control-record"),
        ("post", f"{DOSSIERS}/X/actions/approve"),
    ],
)
def test_every_dossier_endpoint_needs_authentication(client, method, path):
    assert_problem(getattr(client, method)(path), status=401, code="authentication_required")


def test_a_signed_in_user_reads_with_the_session(client, staff, world):
    code = received(staff, world)["code"]
    client.force_login(world.clerk)
    response = client.get(f"{DOSSIERS}/{code}")
    assert response.status_code == 200
    assert response.json()["code"] == code


def test_the_openapi_document_describes_the_dossier_endpoints():
    schema = json.loads(openapi_document())
    expected = {
        "/api/v1/dossiers": {"get": "dossiers_list", "post": "dossiers_receive"},
        "/api/v1/dossiers/{code}": {"get": "dossier_get"},
        "/api/v1/dossiers/{code}/history": {"get": "dossier_history_list"},
        "/api/v1/dossiers/{code}/control-record": {"get": "dossier_control_record_get"},
        "/api/v1/dossiers/{code}/actions/{action}": {"post": "dossier_act"},
    }
    for path, operations in expected.items():
        assert {m: o["operationId"] for m, o in schema["paths"][path].items()} == operations
        for operation in schema["paths"][path].values():
            assert operation["security"] == [{"BearerTokenAuth": []}, {"SessionAuth": []}]
            errors = {s: r for s, r in operation["responses"].items() if int(s) >= 400}
            assert "401" in errors
            assert all(set(r["content"]) == {"application/problem+json"} for r in errors.values())
    for path, sent in (
        ("/api/v1/dossiers", ["Idempotency-Key"]),
        ("/api/v1/dossiers/{code}/actions/{action}", ["Idempotency-Key", "If-Match"]),
    ):
        headers = [p["name"] for p in schema["paths"][path]["post"]["parameters"] if p["in"] == "header"]
        assert headers == sent
    components = schema["components"]["schemas"]
    assert set(components["DossierOut"]["properties"]) == DETAIL_FIELDS
    assert set(components["ActionIn"]["properties"]) >= {"reason", "items", "new_appointment", "next_agency"}


def test_a_dossier_reached_through_the_services_reads_the_same(staff, world):
    """The API shows dossiers made by any interface (desk pages, scripts), not only its own."""
    dossier = perform(world, world.receive(), Action.TRANSFER)
    body = staff.specialist.get(f"{DOSSIERS}/{dossier.code}").json()
    assert body["status"] == "in_process"
    assert "complete_step" in actions_of(body)


def test_a_page_of_the_list_costs_the_same_queries_however_many_dossiers_it_shows(staff, world):
    def queries_for_a_page() -> int:
        staff.clerk.get(DOSSIERS)  # the token's last use is written once, outside the measure
        with CaptureQueriesContext(connection) as captured:
            assert staff.clerk.get(DOSSIERS).status_code == 200
        return len(captured)

    for _ in range(2):
        world.receive()
    few = queries_for_a_page()
    for _ in range(5):
        world.receive()
    assert queries_for_a_page() == few
