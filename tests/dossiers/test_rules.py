"""Who may act, what reception checks, the one-time extension, and the on-time verdict."""

from __future__ import annotations

import datetime as dt

import pytest
from time_machine import travel

from motcua.core.errors import ApplicationError
from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import Completion, Dossier, DossierCodeCounter, ReturnMethod
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.receive import Applicant, dossier_receive
from motcua.procedures.models import VersionStatus
from tests.dossiers.conftest import at
from tests.dossiers.transitions_support import perform, reach

pytestmark = pytest.mark.django_db


def _refused(code: str, call, *args, **kwargs) -> ApplicationError:
    with pytest.raises(ApplicationError) as refused:
        call(*args, **kwargs)
    assert refused.value.code == code, refused.value.code
    return refused.value


@pytest.mark.parametrize(
    ("status", "action", "who"),
    [
        (Status.IN_PROCESS, Action.APPROVE, "clerk"),
        (Status.IN_PROCESS, Action.APPROVE, "specialist"),
        (Status.RECEIVED, Action.TRANSFER, "other_clerk"),
        (Status.RECEIVED, Action.TRANSFER, "specialist"),
        (Status.IN_PROCESS, Action.COMPLETE_STEP, "outsider"),
        (Status.IN_PROCESS, Action.REQUEST_SUPPLEMENT, "outsider"),
        (Status.RESULT_AT_COUNTER, Action.RETURN_RESULT, "other_clerk"),
        (Status.SUPPLEMENT_REQUESTED, Action.RECEIVE_SUPPLEMENT, "specialist"),
    ],
)
def test_an_actor_without_the_role_or_the_scope_is_refused_and_nothing_changes(world, status, action, who):
    dossier = reach(world, status)
    refused = _refused("dossier_action_forbidden", perform, world, dossier, action, actor=getattr(world, who))
    assert "vi" in refused.messages() and refused.messages()["en"]
    dossier.refresh_from_db()
    assert dossier.status == status


def test_a_clerk_of_another_post_office_cannot_receive_there(world):
    from motcua.dossiers.services.receive import dossier_receive

    _refused("dossier_action_forbidden", dossier_receive, reception=world.reception(), actor=world.other_clerk)
    assert not Dossier.objects.exists()


def test_reception_refuses_a_missing_mandatory_component_and_keeps_the_day_counter_gap_free(world):
    _refused("dossier_missing_component", world.receive, components=[])
    assert not Dossier.objects.exists()
    assert world.receive().code.endswith("-0001")


@pytest.mark.parametrize("id_number", ["12345", "04209800123X", "0420980012345678"])
def test_reception_refuses_an_invalid_id_number(world, id_number):
    applicant = Applicant(kind="citizen", name="A", id_number=id_number, address="x")
    _refused("dossier_invalid_id_number", world.receive, applicant=applicant)


def test_reception_for_an_unpublished_version_is_refused(world):
    world.version.status = VersionStatus.RETIRED
    _refused("dossier_procedure_not_published", world.receive)


def test_result_by_post_needs_an_address(world):
    _refused("dossier_post_return_without_address", world.receive, return_method=ReturnMethod.POST)
    dossier = world.receive(return_method=ReturnMethod.POST, return_address="5 Hà Huy Tập, Hà Tĩnh")
    assert dossier.return_method == ReturnMethod.POST


def test_agency_not_served_by_the_point_is_refused(world):
    from motcua.agencies.models import Agency

    _refused("dossier_agency_not_served", world.receive, lead_agency=Agency.objects.get(code="H30.SXD"))


def test_codes_restart_each_day_per_issuing_unit(world):
    assert world.receive(received_at=at("25/11/2026 09:00")).code == "H30.X01-261125-0001"
    assert world.receive(received_at=at("26/11/2026 09:00")).code == "H30.X01-261126-0001"
    assert DossierCodeCounter.objects.count() == 2


def test_reception_after_closing_counts_from_the_next_morning(world):
    dossier = world.receive(received_at=at("27/11/2026 17:30"))  # Friday evening
    # Starts Monday 30/11 07:00; 5 working days → Monday 07/12 07:00 boundary: the close of Friday 04/12.
    assert dossier.appointment_at == at("04/12/2026 17:00")


def test_a_late_dossier_gets_its_apology_and_a_new_appointment_only_once(world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = perform(world, world.receive(), Action.TRANSFER)
        clock.move_to(at("01/12/2026 08:00"))  # at least one working day before the due time
        _refused(
            "dossier_reason_required",
            t.dossier_extend,
            dossier=dossier,
            actor=world.leader,
            new_appointment=at("09/12/2026 09:00"),
            reason=" ",
        )
        _refused(
            "dossier_extension_not_later",
            t.dossier_extend,
            dossier=dossier,
            actor=world.leader,
            new_appointment=at("01/12/2026 09:00"),
            reason="Cần xác minh",
        )
        dossier = t.dossier_extend(
            dossier=dossier, actor=world.leader, new_appointment=at("09/12/2026 09:00"), reason="Cần xác minh"
        )
        assert dossier.appointment_at == at("09/12/2026 09:00")
        assert dossier.original_appointment_at == at("02/12/2026 09:00")
        _refused(
            "dossier_already_extended",
            t.dossier_extend,
            dossier=dossier,
            actor=world.leader,
            new_appointment=at("10/12/2026 09:00"),
            reason="Lần nữa",
        )
        clock.move_to(at("08/12/2026 10:00"))
        dossier = perform(world, dossier, Action.APPROVE)
    assert dossier.completion == Completion.ON_TIME


def test_finishing_after_the_appointment_is_late(world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = perform(world, world.receive(), Action.TRANSFER)
        clock.move_to(at("02/12/2026 09:30"))
        dossier = perform(world, dossier, Action.APPROVE)
    assert dossier.completion == Completion.LATE


def test_more_than_one_supplement_request_counts_as_late_even_when_finished_early(world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = perform(world, world.receive(), Action.TRANSFER)
        for _ in range(2):
            dossier = perform(world, dossier, Action.REQUEST_SUPPLEMENT)
            clock.shift(dt.timedelta(hours=1))
            dossier = perform(world, dossier, Action.RECEIVE_SUPPLEMENT)
        dossier = perform(world, dossier, Action.APPROVE)
    assert dossier.supplement_requests == 2
    assert dossier.completion == Completion.LATE


def test_reception_with_the_same_day_rule(world):
    world.version.__class__.objects.filter(pk=world.version.pk).update(same_day_cutoff=True)
    world.version.refresh_from_db()
    before = dossier_receive(reception=world.reception(), actor=world.clerk, received_at=at("25/11/2026 14:59"))
    after = dossier_receive(reception=world.reception(), actor=world.clerk, received_at=at("25/11/2026 15:01"))
    assert before.appointment_at == at("25/11/2026 17:00")
    assert after.appointment_at == at("26/11/2026 17:00")


def test_a_supplement_asked_for_at_reception_returns_the_dossier_to_received(world):
    dossier = world.receive()
    dossier = perform(world, dossier, Action.REQUEST_SUPPLEMENT, actor=world.clerk)
    dossier = perform(world, dossier, Action.RECEIVE_SUPPLEMENT)
    assert dossier.status == Status.RECEIVED
    assert perform(world, dossier, Action.TRANSFER).status == Status.IN_PROCESS


def test_history_records_the_instant_the_service_acted_at(world):
    dossier = world.receive(received_at=at("25/11/2026 09:00"))
    dossier = t.dossier_transfer(dossier=dossier, actor=world.clerk, now=at("25/11/2026 10:15"))
    assert dossier.events.get(action="transfer").at == at("25/11/2026 10:15")


def test_a_leader_assigns_the_step_to_a_specialist_who_then_finds_it_in_their_inbox(world):
    from motcua.dossiers.models import DossierStep, StepStatus
    from motcua.dossiers.selectors import dossier_list_by_assignee

    dossier = reach(world, Status.IN_PROCESS)
    dossier = t.dossier_step_assign(dossier=dossier, actor=world.leader, assignee=world.specialist)
    step = DossierStep.objects.get(dossier=dossier, status=StepStatus.ACTIVE)
    assert step.assignee == world.specialist
    assert list(dossier_list_by_assignee(user=world.specialist, assignee=world.specialist)) == [dossier]
    _refused(
        "dossier_assignee_not_eligible",
        t.dossier_step_assign,
        dossier=dossier,
        actor=world.leader,
        assignee=world.police_specialist,
    )


def test_a_one_stop_step_in_the_middle_of_the_process_is_worked_by_the_one_stop_supervisor(world):
    from motcua.agencies.models import Agency, AgencyKind, Role, StaffAssignment
    from motcua.dossiers.models import DossierStep, StepStatus
    from motcua.procedures.models import ProcessStep

    ProcessStep.objects.filter(version=world.version, order=2).update(role="one_stop_supervisor")
    world.version.refresh_from_db()
    centre = Agency.objects.create(
        code="H30.X01.TTHCC",
        name="TT PVHCC",
        kind=AgencyKind.SERVICE_CENTRE,
        level="province",
        province=world.province,
        parent=world.committee,
    )
    StaffAssignment.objects.filter(user=world.onestop).update(agency=centre)
    dossier = world.receive(received_at=at("25/11/2026 09:00"))
    step = DossierStep.objects.get(dossier=dossier, order=2)
    assert (step.role, step.agency) == (Role.ONE_STOP_SUPERVISOR, centre)
    dossier = t.dossier_transfer(dossier=dossier, actor=world.clerk)
    dossier = t.dossier_step_complete(dossier=dossier, actor=world.onestop)
    step.refresh_from_db()
    assert step.status == StepStatus.DONE and step.assignee == world.onestop


def test_an_administrator_may_complete_a_step_routed_to_any_agency(world):
    from motcua.agencies.models import Role
    from motcua.agencies.models import StaffAssignment as Assignment
    from tests.factories import UserFactory

    admin = UserFactory()
    Assignment.objects.create(user=admin, role=Role.ADMINISTRATOR)
    dossier = perform(world, reach(world, Status.IN_PROCESS), Action.COMPLETE_STEP)  # routes step 3 to the police
    dossier = t.dossier_step_complete(dossier=dossier, actor=admin)
    assert dossier.events.order_by("-seq").first().payload["step"] in {3, 4}
