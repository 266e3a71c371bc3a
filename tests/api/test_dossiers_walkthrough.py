"""Issue 3, "Done when", through the API alone: each member of staff with their own Bearer token."""

from __future__ import annotations

import datetime as dt

import pytest
from time_machine import travel

from tests.api.support import assert_problem
from tests.api.test_dossiers_support import (  # noqa: F401 - fixtures
    DOSSIERS,
    actions_of,
    at,
    dossier_world,
    received,
    staff_fixture,
    world_fixture,
)

pytestmark = pytest.mark.django_db


def _active_steps(representation: dict) -> list[tuple[int, str | None]]:
    return [(s["order"], s["agency"]) for s in representation["steps"] if s["status"] == "active"]


def test_a_dossier_goes_through_two_agencies_and_a_supplement_round_and_is_returned_on_time(staff, world):
    """GIVEN a clerk, a committee specialist and leader, and a police specialist, each with a token
    WHEN they receive, transfer, process at both agencies with one supplement round, approve and return
    THEN the history lists exactly those actions and the verdict is early (done before the appointment day)."""
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = received(staff, world)
        code = dossier["code"]
        assert code == "H30.X01-261125-0001"
        assert (dossier["received_at"], dossier["appointment_at"]) == (
            "2026-11-25T09:00:00+07:00",
            "2026-12-02T09:00:00+07:00",
        )
        assert {"transfer", "refuse", "request_supplement", "withdraw"} <= actions_of(dossier)

        dossier = staff.clerk.act_ok(code, "transfer")
        assert dossier["status"] == "in_process"
        assert _active_steps(dossier) == [(2, "H30.X01")]

        clock.move_to(at("25/11/2026 14:00"))
        dossier = staff.specialist.act_ok(code, "complete_step", {"next_agency": "H30.CA", "note": "Hồ sơ hợp lệ"})
        assert _active_steps(dossier) == [(3, "H30.CA"), (4, "H30.X01")]

        clock.move_to(at("26/11/2026 08:00"))
        seen_by_police = staff.police_specialist.get(f"{DOSSIERS}/{code}").json()
        assert {"complete_step", "request_supplement"} <= actions_of(seen_by_police)
        dossier = staff.police_specialist.act_ok(
            code, "request_supplement", {"items": ["Bản sao sổ hộ khẩu"], "reason": "Thiếu giấy tờ"}
        )
        assert (dossier["status"], dossier["due"], dossier["national_status_code"]) == (
            "supplement_requested",
            "paused",
            5,
        )

        clock.move_to(at("27/11/2026 08:00"))  # one working day paused
        dossier = staff.clerk.act_ok(code, "receive_supplement")
        assert dossier["appointment_at"] == "2026-12-03T09:00:00+07:00"

        dossier = staff.police_specialist.act_ok(code, "complete_step")
        assert _active_steps(dossier) == [(4, "H30.X01")]
        # Its part done, the police no longer sees the dossier: it reads as if it did not exist.
        assert_problem(staff.police_specialist.get(f"{DOSSIERS}/{code}"), status=404, code="dossier_not_found")

        dossier = staff.specialist.act_ok(code, "complete_step")
        assert _active_steps(dossier) == [(5, "H30.X01")]
        assert "approve" in actions_of(staff.leader.get(f"{DOSSIERS}/{code}").json())

        clock.move_to(at("01/12/2026 10:00"))
        dossier = staff.leader.act_ok(code, "approve", {"note": "Đồng ý"})
        assert (dossier["status"], dossier["completion"]) == ("approved", "early")
        dossier = staff.specialist.act_ok(code, "send_result_to_counter")
        applicant = dossier["applicant"]
        collector = {"collector_name": applicant["name"], "collector_id_number": applicant["id_number"]}
        dossier = staff.clerk.act_ok(code, "return_result", {**collector, "identity_checked": True})

    assert (dossier["status"], dossier["national_status_code"], dossier["allowed_actions"]) == ("returned", 10, [])
    assert dossier["completion"] == "early"
    assert dossier["returned_at"] == "2026-12-01T10:00:00+07:00"

    history = staff.clerk.get(f"{DOSSIERS}/{code}/history").json()
    assert [(e["seq"], e["action"], e["from_status"], e["to_status"]) for e in history] == [
        (1, "receive", None, "received"),
        (2, "transfer", "received", "in_process"),
        (3, "complete_step", "in_process", "in_process"),
        (4, "request_supplement", "in_process", "supplement_requested"),
        (5, "receive_supplement", "supplement_requested", "in_process"),
        (6, "complete_step", "in_process", "in_process"),
        (7, "complete_step", "in_process", "in_process"),
        (8, "approve", "in_process", "approved"),
        (9, "send_result_to_counter", "approved", "result_at_counter"),
        (10, "return_result", "result_at_counter", "returned"),
    ]
    actors = [e["actor"] for e in history]
    clerk, specialist = world.clerk.username, world.specialist.username
    police, leader = world.police_specialist.username, world.leader.username
    assert actors == [clerk, clerk, specialist, police, clerk, police, specialist, leader, specialist, clerk]
    assert history[3]["payload"] == {"items": ["Bản sao sổ hộ khẩu"]}
    assert history[3]["note"] == "Thiếu giấy tờ"
    assert history[5]["agency"] == "H30.CA"
    assert history[3]["at"] == "2026-11-26T08:00:00+07:00"

    record = staff.clerk.get(f"{DOSSIERS}/{code}/control-record").json()
    assert [u["code"] for u in record["co_agencies"]] == ["H30.CA"]
    assert record["completion"] == "early"
    assert [row["action"] for row in record["rows"]][:2] == ["transfer", "complete_step"]


def test_a_late_dossier_gets_an_apology_and_a_new_appointment_once(staff, world):
    """GIVEN a dossier whose appointment has passed
    WHEN the leader apologises and sets a new appointment through the `extend` action
    THEN the dossier carries the new date, the first one and the reason; it cannot be extended again, and
    since the apology came after the due time (a late notice, docs/domain.md "Deadlines and verdicts"),
    processing finished by the new date still counts as late."""
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        code = received(staff, world)["code"]
        staff.clerk.act_ok(code, "transfer")

        clock.move_to(at("02/12/2026 10:00"))
        late = staff.leader.get(f"{DOSSIERS}/{code}").json()
        assert (late["due"], late["needs_apology"]) == ("overdue", True)
        extend = next(a for a in late["allowed_actions"] if a["action"] == "extend")
        assert extend["fields"] == [
            {"name": "new_appointment", "type": "datetime", "required": True},
            {"name": "reason", "type": "string", "required": True},
        ]
        assert [d["code"] for d in staff.leader.get(DOSSIERS, due="overdue").json()["results"]] == [code]

        dossier = staff.leader.act_ok(
            code, "extend", {"new_appointment": "2026-12-04T16:00:00+07:00", "reason": "Cần xác minh thêm"}
        )
        assert dossier["appointment_at"] == "2026-12-04T16:00:00+07:00"
        assert dossier["original_appointment_at"] == "2026-12-02T09:00:00+07:00"
        assert dossier["extension_reason"] == "Cần xác minh thêm"
        assert (dossier["due"], dossier["needs_apology"]) == ("on_track", False)
        assert staff.leader.get(DOSSIERS, due="overdue").json()["count"] == 0

        again = staff.leader.act(code, "extend", {"new_appointment": "2026-12-10T16:00:00+07:00", "reason": "Lần nữa"})
        assert_problem(again, status=409, code="dossier_already_extended")

        clock.move_to(at("03/12/2026 10:00"))
        refused = staff.leader.act(code, "approve")
        assert_problem(refused, status=409, code="dossier_steps_unfinished")
        staff.specialist.act_ok(code, "complete_step", {"next_agency": "H30.CA"})
        staff.police_specialist.act_ok(code, "complete_step")
        staff.specialist.act_ok(code, "complete_step")
        dossier = staff.leader.act_ok(code, "approve")
        assert dossier["completion"] == "late"

    history = staff.leader.get(f"{DOSSIERS}/{code}/history").json()
    assert [e["action"] for e in history] == [
        "receive",
        "transfer",
        "extend",
        "complete_step",
        "complete_step",
        "complete_step",
        "approve",
    ]
    # The engine writes the payload; its instants are ISO 8601 but not always at +07:00: compare instants.
    extension = dict(history[2]["payload"])
    assert extension.pop("late_notice") is True
    payload = {name: dt.datetime.fromisoformat(value) for name, value in extension.items()}
    assert payload == {"previous": at("02/12/2026 09:00"), "new": at("04/12/2026 16:00")}
    record = staff.leader.get(f"{DOSSIERS}/{code}/control-record").json()
    assert record["original_appointment_at"] == "2026-12-02T09:00:00+07:00"
    assert record["extension_reason"] == "Cần xác minh thêm"
