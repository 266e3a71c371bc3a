"""The processing control record (slip 06): hand-overs derived from the history, judged against each
step's deadline."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from time_machine import travel

from motcua.dossiers.control import ControlRecord, Unit, dossier_control_record
from motcua.dossiers.models import DossierEvent, OutboxMessage
from motcua.dossiers.services import transitions as t
from motcua.postal.services.delivery import delivery_create_for
from motcua.postal.tariffs import tariffs_load_demo
from tests.dossiers.conftest import at
from tests.dossiers.transitions_support import applicant_collects

pytestmark = pytest.mark.django_db

POINT = Unit("VNP.42.1", "Bưu cục Thành Sen")
COMMITTEE = Unit("H30.X01", "UBND Phường Thành Sen")
POLICE = Unit("H30.CA", "Công an tỉnh")
APPLICANT = Unit("", "Nguyễn Văn An")


def _rows(record: ControlRecord) -> list[tuple]:
    return [
        (
            row.no,
            row.action,
            row.giver,
            row.receiver,
            row.at,
            row.due_at,
            row.result,
            row.note,
        )
        for row in record.rows
    ]


@pytest.fixture
def two_agencies(world):
    """The issue's journey: two agencies in parallel, one supplement round, approved late by the leader
    (but early against the appointment), sent to the counter and returned."""
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = world.receive()
        clock.move_to(at("25/11/2026 10:00"))
        t.dossier_transfer(dossier=dossier, actor=world.clerk)
        clock.move_to(at("25/11/2026 14:00"))
        t.dossier_step_complete(dossier=dossier, actor=world.specialist, next_agency=world.police)
        clock.move_to(at("26/11/2026 08:00"))
        t.dossier_request_supplement(
            dossier=dossier, actor=world.police_specialist, items=["Bản sao sổ hộ khẩu"], reason="Thiếu giấy tờ"
        )
        clock.move_to(at("27/11/2026 08:00"))  # one working day paused
        t.dossier_receive_supplement(dossier=dossier, actor=world.clerk, note="Đã bổ sung")
        clock.move_to(at("27/11/2026 09:00"))
        t.dossier_step_complete(dossier=dossier, actor=world.police_specialist, note="Khớp")
        t.dossier_step_complete(dossier=dossier, actor=world.specialist)
        clock.move_to(at("01/12/2026 10:00"))
        t.dossier_approve(dossier=dossier, actor=world.leader)
        t.dossier_send_result(dossier=dossier, actor=world.specialist)
        clock.move_to(at("02/12/2026 08:00"))
        t.dossier_return_result(dossier=dossier, actor=world.clerk, **applicant_collects(dossier))
    dossier.refresh_from_db()
    return dossier


def test_the_header_names_the_units_and_the_dates(world, two_agencies):
    record = dossier_control_record(dossier=two_agencies)
    assert record.code == "H30.X01-261125-0001"
    assert record.procedure == two_agencies.procedure_version.procedure.name
    assert record.applicant == "Nguyễn Văn An"
    assert (record.receiving_point, record.lead_agency, record.co_agencies) == (POINT, COMMITTEE, (POLICE,))
    assert record.received_at == at("25/11/2026 09:00")
    # The supplement paused the clock one working day: 02/12 09:00 became 03/12 09:00. No extension.
    assert record.appointment_at == at("03/12/2026 09:00")
    assert (record.original_appointment_at, record.extension_reason) == (None, "")
    assert record.completion == "early"


def test_every_hand_over_is_a_row_judged_against_its_steps_deadline(world, two_agencies):
    assert _rows(dossier_control_record(dossier=two_agencies)) == [
        # Reception step: 0.5 day from 09:00 → 15:00 (lunch 11:30–13:30 skipped).
        (1, "transfer", POINT, COMMITTEE, at("25/11/2026 10:00"), at("25/11/2026 15:00"), "on_time", ""),
        # Step 2: 1.5 days from 10:00 → 26/11 16:00; handed to both parallel steps the day before.
        (2, "complete_step", COMMITTEE, POLICE, at("25/11/2026 14:00"), at("26/11/2026 16:00"), "early", ""),
        (3, "complete_step", COMMITTEE, COMMITTEE, at("25/11/2026 14:00"), at("26/11/2026 16:00"), "early", ""),
        (4, "request_supplement", POLICE, POINT, at("26/11/2026 08:00"), None, "", "Thiếu giấy tờ"),
        (5, "receive_supplement", POINT, POLICE, at("27/11/2026 08:00"), None, "", "Đã bổ sung"),
        (6, "receive_supplement", POINT, COMMITTEE, at("27/11/2026 08:00"), None, "", "Đã bổ sung"),
        # Steps 3 and 4 were due 26/11 14:00; the paused working day moves that to 27/11 14:00.
        (7, "complete_step", POLICE, COMMITTEE, at("27/11/2026 09:00"), at("27/11/2026 14:00"), "on_time", "Khớp"),
        (8, "complete_step", COMMITTEE, COMMITTEE, at("27/11/2026 09:00"), at("27/11/2026 14:00"), "on_time", ""),
        # The approval step (0.5 day from 27/11 09:00 → 15:00) was finished days later.
        (9, "approve", COMMITTEE, COMMITTEE, at("01/12/2026 10:00"), at("27/11/2026 15:00"), "late", ""),
        (10, "send_result_to_counter", COMMITTEE, POINT, at("01/12/2026 10:00"), at("03/12/2026 09:00"), "early", ""),
        (11, "return_result", POINT, APPLICANT, at("02/12/2026 08:00"), None, "", ""),
    ]  # fmt: skip


def test_rows_name_the_person_who_handed_over(world, two_agencies):
    record = dossier_control_record(dossier=two_agencies)
    givers = [row.giver_actor for row in record.rows]
    assert givers[0] == str(world.clerk)
    assert givers[3] == str(world.police_specialist)
    assert givers[8] == str(world.leader)
    assert givers[10] == str(world.clerk)


def test_reading_the_record_writes_nothing_and_costs_a_few_queries(world, two_agencies):
    events, messages = DossierEvent.objects.count(), OutboxMessage.objects.count()
    with CaptureQueriesContext(connection) as queries:
        dossier_control_record(dossier=two_agencies)
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries.captured_queries)
    # dossier, steps, events, and the actor's agencies for the supplement row (no unit on that event).
    assert len(queries) <= 8
    assert (DossierEvent.objects.count(), OutboxMessage.objects.count()) == (events, messages)


def test_an_extended_dossier_shows_its_first_appointment_and_the_reason(world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = world.receive()
        clock.move_to(at("25/11/2026 16:30"))  # the reception step was due 15:00
        t.dossier_transfer(dossier=dossier, actor=world.clerk)
        clock.move_to(at("01/12/2026 09:00"))
        t.dossier_extend(
            dossier=dossier, actor=world.leader, new_appointment=at("09/12/2026 09:00"), reason="Cần xác minh thêm"
        )
    record = dossier_control_record(dossier=dossier)
    assert record.appointment_at == at("09/12/2026 09:00")
    assert record.original_appointment_at == at("02/12/2026 09:00")
    assert record.extension_reason == "Cần xác minh thêm"
    assert _rows(record) == [
        (1, "transfer", POINT, COMMITTEE, at("25/11/2026 16:30"), at("25/11/2026 15:00"), "late", ""),
    ]


def test_a_supplement_asked_at_reception_goes_to_the_applicant_and_back(world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = world.receive()
        t.dossier_request_supplement(dossier=dossier, actor=world.clerk, items=["Tờ khai"], reason="Thiếu chữ ký")
        clock.move_to(at("26/11/2026 09:00"))
        t.dossier_receive_supplement(dossier=dossier, actor=world.clerk)
    assert _rows(dossier_control_record(dossier=dossier)) == [
        (1, "request_supplement", POINT, APPLICANT, at("25/11/2026 09:00"), None, "", "Thiếu chữ ký"),
        (2, "receive_supplement", APPLICANT, POINT, at("26/11/2026 09:00"), None, "", ""),
    ]


def test_a_result_handed_to_the_post_goes_to_the_postal_unit(world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = world.receive(return_method="post", return_address="12 Trần Phú")
        t.dossier_transfer(dossier=dossier, actor=world.clerk)
        t.dossier_step_complete(dossier=dossier, actor=world.specialist, next_agency=world.police)
        t.dossier_step_complete(dossier=dossier, actor=world.police_specialist)
        t.dossier_step_complete(dossier=dossier, actor=world.specialist)
        clock.move_to(at("03/12/2026 09:00"))  # after the appointment (02/12 09:00)
        t.dossier_approve(dossier=dossier, actor=world.leader)
        t.dossier_send_result(dossier=dossier, actor=world.specialist, by_post=True)
        # The postman acts on the dossier he carries (docs/domain.md, "The postman sees his orders only").
        tariffs_load_demo()
        delivery_create_for(dossier=dossier, postman=world.postman)
        t.dossier_return_result(dossier=dossier, actor=world.postman, **applicant_collects(dossier))
    rows = dossier_control_record(dossier=dossier).rows
    send, give_back = rows[-2], rows[-1]
    assert (send.action, send.receiver, send.due_at, send.result) == (
        "send_result_to_post",
        Unit("VNP.42", "Bưu điện tỉnh"),
        at("02/12/2026 09:00"),
        "late",
    )
    assert (give_back.giver, give_back.giver_actor, give_back.receiver) == (
        Unit("VNP.42", "Bưu điện tỉnh"),
        str(world.postman),
        APPLICANT,
    )
