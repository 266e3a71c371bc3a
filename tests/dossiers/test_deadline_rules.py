"""Deadlines and verdicts by the rule (docs/domain.md, "Deadlines and verdicts"), who decides on substance,
and which role completes a step ("Steps and roles")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from time_machine import travel

from motcua.core.errors import ApplicationError
from motcua.dossiers.actions import dossier_allowed_actions
from motcua.dossiers.control import dossier_control_record
from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import Completion, DossierStep, StepStatus
from motcua.dossiers.selectors import dossier_new_receipt_due
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.receive import dossier_receive
from motcua.dossiers.slips.render import slip_html
from tests.dossiers.conftest import HCM, at
from tests.dossiers.transitions_support import advance_to_decision, perform

pytestmark = pytest.mark.django_db


def _at(text: str) -> dt.datetime:
    """'25/11/2026 15:00:01' as an aware local instant, to the second."""
    return dt.datetime.strptime(text, "%d/%m/%Y %H:%M:%S").replace(tzinfo=HCM)


def _refused(code: str, call, *args, **kwargs) -> None:
    with pytest.raises(ApplicationError) as refused:
        call(*args, **kwargs)
    assert refused.value.code == code, refused.value.code


# --- item 6: "after 15:00" is strictly after ---------------------------------------------------------------------


def test_a_same_day_procedure_received_at_15_00_00_is_due_that_day_and_at_15_00_01_the_next(world):
    world.version.__class__.objects.filter(pk=world.version.pk).update(same_day_cutoff=True)
    world.version.refresh_from_db()
    on_the_dot = dossier_receive(reception=world.reception(), actor=world.clerk, received_at=_at("25/11/2026 15:00:00"))
    a_second_late = dossier_receive(
        reception=world.reception(), actor=world.clerk, received_at=_at("25/11/2026 15:00:01")
    )
    assert on_the_dot.appointment_at == at("25/11/2026 17:00")
    assert a_second_late.appointment_at == at("26/11/2026 17:00")


def test_the_agency_time_of_a_dossier_received_after_15_00_counts_from_the_next_working_morning(world):
    """Step 2 has a budget of 1.5 working days (12 h)."""
    late = world.receive(received_at=at("25/11/2026 15:30"))
    late = t.dossier_transfer(dossier=late, actor=world.clerk, now=at("25/11/2026 16:00"))
    early = world.receive(received_at=at("25/11/2026 15:00"))
    early = t.dossier_transfer(dossier=early, actor=world.clerk, now=at("25/11/2026 16:00"))

    late_step = DossierStep.objects.get(dossier=late, status=StepStatus.ACTIVE)
    early_step = DossierStep.objects.get(dossier=early, status=StepStatus.ACTIVE)
    assert late_step.due_at == at("27/11/2026 11:00")  # from 07:00 Thursday 26/11: 8 h + 4 h
    assert early_step.due_at == at("27/11/2026 10:00")  # from the transfer, 16:00 Wednesday: 1 h + 8 h + 3 h


# --- item 7: the on-time rule of the national index ---------------------------------------------------------------


def test_a_supplement_asked_for_at_reception_does_not_count_toward_more_than_one(world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = world.receive()
        dossier = perform(world, dossier, Action.REQUEST_SUPPLEMENT, actor=world.clerk)  # at reception
        clock.shift(dt.timedelta(hours=1))
        dossier = perform(world, dossier, Action.RECEIVE_SUPPLEMENT)
        dossier = perform(world, dossier, Action.TRANSFER)
        dossier = perform(world, dossier, Action.REQUEST_SUPPLEMENT)  # the one during processing
        clock.shift(dt.timedelta(hours=1))
        dossier = perform(world, dossier, Action.RECEIVE_SUPPLEMENT)
        dossier = perform(world, dossier, Action.APPROVE)
    assert dossier.supplement_requests == 2
    assert dossier.completion != Completion.LATE  # one request during processing: not late


def test_a_dossier_stopped_while_waiting_for_a_supplement_is_measured_at_the_request_date(world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = perform(world, world.receive(), Action.TRANSFER)  # due 02/12/2026 09:00
        clock.move_to(at("27/11/2026 10:00"))
        dossier = perform(world, dossier, Action.REQUEST_SUPPLEMENT)
        clock.move_to(at("31/12/2026 10:00"))  # the applicant never came back; stopped a month later
        dossier = perform(world, dossier, Action.STOP)
    assert dossier.status == Status.STOPPED
    assert dossier.processed_at == at("31/12/2026 10:00")
    assert dossier.completion == Completion.EARLY  # at the request, 27/11, before the appointment day


def test_a_supplement_received_a_minute_after_the_request_moves_the_appointment_by_that_minute_only(world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = perform(world, world.receive(), Action.TRANSFER)
        appointment = dossier.appointment_at
        assert appointment == at("02/12/2026 09:00")
        clock.move_to(at("27/11/2026 10:00"))
        dossier = perform(world, dossier, Action.REQUEST_SUPPLEMENT)
        clock.move_to(at("27/11/2026 10:01"))
        dossier = perform(world, dossier, Action.RECEIVE_SUPPLEMENT)
        assert dossier.appointment_at == at("02/12/2026 09:01")  # not a day later
        assert dossier_new_receipt_due(dossier=dossier)
        clock.move_to(_at("02/12/2026 09:00:30"))
        dossier = perform(world, dossier, Action.APPROVE)
    event = dossier.events.get(action=Action.RECEIVE_SUPPLEMENT)
    assert event.payload["paused_working_seconds"] == 60
    assert event.payload["appointment_at"] == "2026-12-02T09:01:00+07:00"
    assert dossier.completion == Completion.ON_TIME  # within the moved appointment


def test_a_supplement_that_takes_no_working_time_moves_nothing_and_needs_no_new_receipt(world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = perform(world, world.receive(), Action.TRANSFER)
        appointment = dossier.appointment_at
        clock.move_to(at("27/11/2026 17:20"))  # after closing
        dossier = perform(world, dossier, Action.REQUEST_SUPPLEMENT)
        clock.move_to(at("27/11/2026 17:21"))
        dossier = perform(world, dossier, Action.RECEIVE_SUPPLEMENT)
    assert dossier.appointment_at == appointment
    assert dossier_new_receipt_due(dossier=dossier) is False


# --- item 8: a late apology is a late notice -----------------------------------------------------------------------


def test_an_extension_less_than_one_working_day_before_the_due_time_is_a_late_notice(world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = perform(world, world.receive(), Action.TRANSFER)  # due 02/12/2026 09:00
        clock.move_to(at("01/12/2026 10:00"))  # 7 working hours before
        dossier = t.dossier_extend(
            dossier=dossier, actor=world.leader, new_appointment=at("07/12/2026 09:00"), reason="Cần xác minh"
        )
        clock.move_to(at("04/12/2026 09:00"))  # before the new date, after the one it replaced
        dossier = perform(world, dossier, Action.APPROVE)
    assert dossier.events.get(action=Action.EXTEND).payload["late_notice"] is True
    record = dossier_control_record(dossier=dossier)
    assert record.extension_late_notice and record.extension_noticed_at == at("01/12/2026 10:00")
    assert dossier.completion == Completion.LATE  # a late notice does not excuse the delay
    assert "Thông báo xin lỗi, gia hạn muộn" in slip_html(kind="06", dossier=dossier)


def test_an_extension_a_full_working_day_ahead_is_accepted(world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = perform(world, world.receive(), Action.TRANSFER)
        clock.move_to(at("01/12/2026 09:00"))  # exactly one working day before
        dossier = t.dossier_extend(
            dossier=dossier, actor=world.leader, new_appointment=at("07/12/2026 09:00"), reason="Cần xác minh"
        )
        clock.move_to(at("04/12/2026 09:00"))
        dossier = perform(world, dossier, Action.APPROVE)
    assert dossier.events.get(action=Action.EXTEND).payload["late_notice"] is False
    assert dossier_control_record(dossier=dossier).extension_late_notice is False
    assert dossier.completion == Completion.ON_TIME


# --- item 10: postal staff check completeness; the agency asks for supplements during processing ------------------


def test_a_postal_clerk_may_not_ask_for_a_supplement_once_the_dossier_is_with_the_agency(world):
    dossier = perform(world, world.receive(), Action.TRANSFER)
    offered = {a.action for a in dossier_allowed_actions(dossier=dossier, user=world.clerk)}
    assert Action.REQUEST_SUPPLEMENT not in offered
    _refused("dossier_action_forbidden", perform, world, dossier, Action.REQUEST_SUPPLEMENT, actor=world.clerk)
    assert perform(world, dossier, Action.REQUEST_SUPPLEMENT).status == Status.SUPPLEMENT_REQUESTED  # the agency


def test_at_reception_the_postal_clerk_asks_for_the_supplement(world):
    dossier = world.receive()
    assert Action.REQUEST_SUPPLEMENT in {a.action for a in dossier_allowed_actions(dossier=dossier, user=world.clerk)}


@override_settings(POSTAL_STAFF_MAY_REQUEST_SUPPLEMENT_IN_PROCESS=True, POSTAL_STAFF_MAY_REFUSE_AT_RECEPTION=False)
def test_both_rules_are_settings(world):
    dossier = world.receive()
    assert Action.REFUSE not in {a.action for a in dossier_allowed_actions(dossier=dossier, user=world.clerk)}
    _refused("dossier_action_forbidden", perform, world, dossier, Action.REFUSE, actor=world.clerk)
    dossier = perform(world, dossier, Action.TRANSFER)
    assert perform(world, dossier, Action.REQUEST_SUPPLEMENT, actor=world.clerk).status == Status.SUPPLEMENT_REQUESTED


# --- item 16: the step's role completes it, and the completer is recorded ------------------------------------------


def test_a_specialist_cannot_complete_the_leaders_signing_step_and_is_not_offered_it(world):
    dossier = advance_to_decision(world, perform(world, world.receive(), Action.TRANSFER))
    signing = DossierStep.objects.get(dossier=dossier, status=StepStatus.ACTIVE)
    assert signing.role == "agency_leader"

    offered = {a.action for a in dossier_allowed_actions(dossier=dossier, user=world.specialist)}
    assert Action.COMPLETE_STEP not in offered
    _refused("dossier_step_role_required", t.dossier_step_complete, dossier=dossier, actor=world.specialist)
    signing.refresh_from_db()
    assert signing.status == StepStatus.ACTIVE and signing.completed_by is None

    assert Action.COMPLETE_STEP in {a.action for a in dossier_allowed_actions(dossier=dossier, user=world.leader)}
    t.dossier_step_complete(dossier=dossier, actor=world.leader)
    signing.refresh_from_db()
    assert signing.status == StepStatus.DONE and signing.completed_by == world.leader


def test_every_step_records_who_completed_it(world):
    dossier = perform(world, perform(world, world.receive(), Action.TRANSFER), Action.APPROVE)
    dossier = perform(world, perform(world, dossier, Action.SEND_RESULT_TO_COUNTER), Action.RETURN_RESULT)
    steps = {s.order: s for s in DossierStep.objects.filter(dossier=dossier)}
    assert steps[1].completed_by == world.clerk  # reception, by who received
    assert steps[2].completed_by == world.specialist
    assert steps[3].completed_by == world.police_specialist
    assert steps[5].completed_by == world.leader  # the signing step, closed by the approval
    assert steps[6].completed_by == world.clerk  # the return
    assert all(s.status == StepStatus.DONE for s in steps.values())


# --- item 4: refused and withdrawn dossiers get no verdict -----------------------------------------------------


@pytest.mark.parametrize("ending", [Status.REFUSED, Status.WITHDRAWN])
def test_a_dossier_refused_at_reception_or_withdrawn_gets_no_verdict(world, ending):
    """GIVEN a dossier ended early, long before its appointment, by a refusal at reception or a withdrawal
    WHEN the ending is recorded THEN it is not judged early (nor on time nor late): it was never processed."""
    from tests.dossiers.transitions_support import reach

    dossier = reach(world, ending)
    assert dossier.status == ending
    assert dossier.completion == ""
    assert dossier.processed_at is not None


def test_a_dossier_stopped_by_the_agency_still_gets_its_verdict(world):
    from tests.dossiers.transitions_support import reach

    dossier = reach(world, Status.STOPPED)
    assert dossier.completion in {Completion.EARLY, Completion.ON_TIME, Completion.LATE}
