"""A dossier from reception to returned result, through two agencies and one supplement round."""

import pytest
from time_machine import travel

from motcua.dossiers.lifecycle import Status
from motcua.dossiers.models import Completion, DossierEvent, DossierStep, OutboxMessage, StepStatus
from motcua.dossiers.services import transitions as t
from tests.dossiers.conftest import at
from tests.dossiers.transitions_support import applicant_collects

pytestmark = pytest.mark.django_db


def test_reception_gives_a_code_an_appointment_and_the_first_history_entry(world):
    dossier = world.receive(received_at=at("25/11/2026 09:00"))
    assert dossier.code == "H30.X01-261125-0001"
    assert dossier.status == Status.RECEIVED
    # 5 working days from Wednesday 25/11/2026 09:00: Mon 30/11, Tue 1/12, Wed 2/12 09:00.
    assert dossier.appointment_at == at("02/12/2026 09:00")
    assert dossier.fees_charged == 50000
    assert list(dossier.events.values_list("action", flat=True)) == ["receive"]
    assert OutboxMessage.objects.filter(topic="dossier.receive", payload__code=dossier.code).exists()
    assert world.receive(received_at=at("25/11/2026 09:05")).code == "H30.X01-261125-0002"


def test_a_dossier_goes_through_two_agencies_a_supplement_and_is_returned_on_time(world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = world.receive()
        dossier = t.dossier_transfer(dossier=dossier, actor=world.clerk)
        assert dossier.status == Status.IN_PROCESS
        active = DossierStep.objects.get(dossier=dossier, status=StepStatus.ACTIVE)
        assert (active.order, active.agency) == (2, world.committee)

        clock.move_to(at("25/11/2026 14:00"))
        dossier = t.dossier_step_complete(dossier=dossier, actor=world.specialist, next_agency=world.police)
        parallel = DossierStep.objects.filter(dossier=dossier, status=StepStatus.ACTIVE).order_by("order")
        assert [(s.order, s.agency) for s in parallel] == [(3, world.police), (4, world.committee)]

        clock.move_to(at("26/11/2026 08:00"))
        dossier = t.dossier_request_supplement(
            dossier=dossier, actor=world.police_specialist, items=["Bản sao sổ hộ khẩu"], reason="Thiếu giấy tờ"
        )
        assert dossier.status == Status.SUPPLEMENT_REQUESTED
        clock.move_to(at("27/11/2026 08:00"))  # one working day paused
        dossier = t.dossier_receive_supplement(dossier=dossier, actor=world.clerk)
        assert dossier.appointment_at == at("03/12/2026 09:00")

        dossier = t.dossier_step_complete(dossier=dossier, actor=world.police_specialist)
        dossier = t.dossier_step_complete(dossier=dossier, actor=world.specialist)
        active = DossierStep.objects.get(dossier=dossier, status=StepStatus.ACTIVE)
        assert active.order == 5

        clock.move_to(at("01/12/2026 10:00"))
        dossier = t.dossier_approve(dossier=dossier, actor=world.leader)
        assert (dossier.status, dossier.completion) == (Status.APPROVED, Completion.EARLY)
        dossier = t.dossier_send_result(dossier=dossier, actor=world.specialist)
        dossier = t.dossier_return_result(dossier=dossier, actor=world.clerk, **applicant_collects(dossier))

    assert dossier.status == Status.RETURNED
    assert list(DossierEvent.objects.filter(dossier=dossier).values_list("action", flat=True)) == [
        "receive",
        "transfer",
        "complete_step",
        "request_supplement",
        "receive_supplement",
        "complete_step",
        "complete_step",
        "approve",
        "send_result_to_counter",
        "return_result",
    ]
    assert not DossierStep.objects.filter(dossier=dossier, status__in=[StepStatus.PENDING, StepStatus.ACTIVE]).exists()


def test_a_supplement_pause_moves_the_running_steps_deadline_too(world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = t.dossier_transfer(dossier=world.receive(), actor=world.clerk)
        step = DossierStep.objects.get(dossier=dossier, status=StepStatus.ACTIVE)
        before = step.due_at
        clock.move_to(at("25/11/2026 10:00"))
        dossier = t.dossier_request_supplement(dossier=dossier, actor=world.specialist, items=["x"], reason="Thiếu")
        clock.move_to(at("26/11/2026 10:00"))  # one working day (8 h) paused
        t.dossier_receive_supplement(dossier=dossier, actor=world.clerk)
    step.refresh_from_db()
    assert (before, step.due_at) == (at("26/11/2026 15:00"), at("27/11/2026 15:00"))
