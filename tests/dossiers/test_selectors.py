"""Inbox selectors: who sees which dossier, the deadline filters in working time, lookups and history."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from time_machine import travel

from motcua.agencies.models import Role, StaffAssignment
from motcua.core.errors import ApplicationError
from motcua.dossiers import selectors as s
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.receive import dossier_receive
from tests.dossiers.conftest import at
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _codes(dossiers) -> set[str]:
    return set(dossiers.values_list("code", flat=True))


def _administrator():
    user = UserFactory()
    StaffAssignment.objects.create(user=user, role=Role.ADMINISTRATOR)
    return user


@pytest.fixture
def two_offices(world):
    """One dossier received at each post office, both led by the commune committee."""
    with travel(at("25/11/2026 09:00"), tick=False):
        mine = world.receive()
        theirs = _receive_there(world)
    return mine, theirs


def _receive_there(world, *, received_at=None):
    """A dossier received at the other post office by its own clerk."""
    reception = world.reception(receiving_point=world.other_office)
    return dossier_receive(reception=reception, actor=world.other_clerk, received_at=received_at)


# --- scope -----------------------------------------------------------------------------------------------------


def test_a_clerk_lists_only_the_dossiers_of_their_own_office(world, two_offices):
    mine, theirs = two_offices
    assert _codes(s.dossier_list_for_user(user=world.clerk)) == {mine.code}
    assert _codes(s.dossier_list_for_user(user=world.other_clerk)) == {theirs.code}
    # A postman sees only the dossiers of his open orders, not his office's (docs/domain.md, "The postman sees
    # his orders only").
    assert _codes(s.dossier_list_for_user(user=world.postman)) == set()


def test_a_clerk_cannot_get_another_offices_dossier_and_learns_nothing_of_it(world, two_offices):
    """GIVEN a dossier of office B WHEN office A's clerk asks for it by code THEN the answer is the same
    as for a code that does not exist."""
    _mine, theirs = two_offices
    with pytest.raises(ApplicationError) as hidden:
        s.dossier_get_by_code(user=world.clerk, code=theirs.code)
    with pytest.raises(ApplicationError) as absent:
        s.dossier_get_by_code(user=world.clerk, code="H30.X01-261125-9999")
    assert hidden.value.code == absent.value.code == "dossier_not_found"
    assert hidden.value.render("en") == f"No dossier with the code {theirs.code}."
    assert s.dossier_get_by_code(user=world.other_clerk, code=f" {theirs.code} ") == theirs


def test_the_lead_agency_and_its_one_stop_supervisor_see_every_dossier_it_leads(world, two_offices):
    expected = {d.code for d in two_offices}
    assert _codes(s.dossier_list_for_user(user=world.specialist)) == expected
    assert _codes(s.dossier_list_for_user(user=world.leader)) == expected
    assert _codes(s.dossier_list_for_user(user=world.onestop)) == expected


def test_another_agency_sees_a_dossier_only_while_it_has_a_step_in_progress(world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = world.receive()
        assert not s.dossier_list_for_user(user=world.police_specialist).exists()
        t.dossier_transfer(dossier=dossier, actor=world.clerk)
        clock.move_to(at("25/11/2026 14:00"))
        t.dossier_step_complete(dossier=dossier, actor=world.specialist, next_agency=world.police)
        assert _codes(s.dossier_list_for_user(user=world.police_specialist)) == {dossier.code}
        assert s.dossier_get_by_code(user=world.police_specialist, code=dossier.code) == dossier
        t.dossier_step_complete(dossier=dossier, actor=world.police_specialist)
    assert not s.dossier_list_for_user(user=world.police_specialist).exists()
    with pytest.raises(ApplicationError, match="dossier_not_found"):
        s.dossier_get_by_code(user=world.police_specialist, code=dossier.code)


def test_an_agency_outside_the_dossier_sees_nothing(world, two_offices):
    assert not s.dossier_list_for_user(user=world.outsider).exists()
    with pytest.raises(ApplicationError, match="dossier_not_found"):
        s.dossier_get_by_code(user=world.outsider, code=two_offices[0].code)


def test_a_one_stop_supervisor_sees_what_the_points_of_their_agency_received(world, two_offices):
    supervisor = UserFactory()
    StaffAssignment.objects.create(user=supervisor, role=Role.ONE_STOP_SUPERVISOR, agency=world.post)
    assert _codes(s.dossier_list_for_user(user=supervisor)) == {d.code for d in two_offices}
    # A specialist of the post (not a one-stop supervisor) does not get the operator's view.
    specialist = UserFactory()
    StaffAssignment.objects.create(user=specialist, role=Role.AGENCY_SPECIALIST, agency=world.post)
    assert not s.dossier_list_for_user(user=specialist).exists()


def test_the_supervisor_of_a_committees_one_stop_department_sees_and_acts_on_what_the_committee_leads(world):
    from motcua.agencies.models import Agency, AgencyKind, AgencyLevel
    from motcua.dossiers.actions import dossier_allowed_actions
    from motcua.dossiers.lifecycle import Action

    department = Agency.objects.create(
        code="H30.X01.MC",
        name="Bộ phận Một cửa phường Thành Sen",
        kind=AgencyKind.ONE_STOP,
        level=AgencyLevel.PROVINCE,
        province=world.province,
        parent=world.committee,
    )
    supervisor = UserFactory()
    StaffAssignment.objects.create(user=supervisor, role=Role.ONE_STOP_SUPERVISOR, agency=department)
    with travel(at("25/11/2026 09:00"), tick=False):
        committees = world.receive()
        polices = world.receive(lead_agency=world.police)
    assert _codes(s.dossier_list_for_user(user=supervisor)) == {committees.code}
    assert Action.EXTEND in {a.action for a in dossier_allowed_actions(dossier=committees, user=supervisor)}
    assert not dossier_allowed_actions(dossier=polices, user=supervisor)


def test_administrators_see_all_and_people_without_a_role_see_nothing(world, two_offices):
    assert _codes(s.dossier_list_for_user(user=_administrator())) == {d.code for d in two_offices}
    assert not s.dossier_list_for_user(user=UserFactory()).exists()
    assert not s.dossier_list_for_user(user=AnonymousUser()).exists()
    lapsed = UserFactory()
    StaffAssignment.objects.create(user=lapsed, role=Role.POSTAL_CLERK, receiving_point=world.office, is_active=False)
    assert not s.dossier_list_for_user(user=lapsed).exists()


# --- inbox filters ---------------------------------------------------------------------------------------------


@pytest.fixture
def routed(world):
    """A dossier at the parallel steps 3 (police) and 4 (committee), and one still at reception."""
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        waiting = world.receive()
        routed = world.receive()
        t.dossier_transfer(dossier=routed, actor=world.clerk)
        clock.move_to(at("25/11/2026 14:00"))
        t.dossier_step_complete(dossier=routed, actor=world.specialist, next_agency=world.police)
    return waiting, routed


def test_lists_by_agency_follow_the_lead_and_the_steps_in_progress(world, routed):
    waiting, routed_dossier = routed
    admin = _administrator()
    assert _codes(s.dossier_list_by_agency(user=admin, agency=world.police)) == {routed_dossier.code}
    assert _codes(s.dossier_list_by_agency(user=admin, agency=world.committee.pk)) == {
        waiting.code,
        routed_dossier.code,
    }
    # Scope still applies: the outsider asking for the police inbox gets nothing.
    assert not s.dossier_list_by_agency(user=world.outsider, agency=world.police).exists()


def test_lists_by_step_match_the_name_or_the_order_of_a_step_in_progress(world, routed):
    _waiting, routed_dossier = routed
    assert _codes(s.dossier_list_by_step(user=world.specialist, step_name="Xác minh nhân thân")) == {
        routed_dossier.code
    }
    assert _codes(s.dossier_list_by_step(user=world.specialist, order=4)) == {routed_dossier.code}
    assert not s.dossier_list_by_step(user=world.specialist, order=2).exists()  # done already
    with pytest.raises(ValueError, match="exactly one"):
        s.dossier_list_by_step(user=world.specialist, step_name="Thẩm định", order=2)


def test_lists_by_assignee_show_the_steps_a_person_holds_or_handled(world, routed):
    _waiting, routed_dossier = routed
    # The service records the assignee when a step is completed; nobody holds an active step yet.
    assert not s.dossier_list_by_assignee(user=world.specialist, assignee=world.specialist).exists()
    handled = s.dossier_list_by_assignee(user=world.specialist, assignee=world.specialist, active_only=False)
    assert _codes(handled) == {routed_dossier.code}
    routed_dossier.steps.filter(order=4).update(assignee=world.leader)
    assert _codes(s.dossier_list_by_assignee(user=world.leader, assignee=world.leader)) == {routed_dossier.code}


def test_history_is_the_events_in_order(world, routed):
    _waiting, routed_dossier = routed
    history = list(s.dossier_history(dossier=routed_dossier))
    assert [(e.seq, e.action) for e in history] == [(1, "receive"), (2, "transfer"), (3, "complete_step")]
    assert history[1].agency == world.committee


# --- deadlines -------------------------------------------------------------------------------------------------


@pytest.fixture
def due_wednesday(world):
    """Received Wednesday 25/11/2026 09:00 with 5 working days: due Wednesday 02/12/2026 09:00."""
    dossier = world.receive(received_at=at("25/11/2026 09:00"))
    assert dossier.appointment_at == at("02/12/2026 09:00")
    return dossier


@pytest.mark.parametrize(
    ("when", "due_soon", "overdue"),
    [
        ("01/12/2026 08:59", False, False),  # 8 h 1 min of working time left
        ("01/12/2026 09:00", True, False),  # exactly DOSSIER_DUE_SOON_HOURS (8) left
        ("01/12/2026 18:00", True, False),
        ("02/12/2026 09:00", True, False),  # at the appointment: still on time
        ("02/12/2026 09:01", False, True),
        ("05/12/2026 10:00", False, True),  # a Saturday
    ],
)
def test_due_soon_and_overdue_are_measured_in_working_time(world, due_wednesday, when, due_soon, overdue):
    instant = at(when)
    assert (
        s.dossier_filter_due_soon(dossiers=s.dossier_list_for_user(user=world.clerk), at=instant).exists() is due_soon
    )
    assert s.dossier_filter_overdue(dossiers=s.dossier_list_for_user(user=world.clerk), at=instant).exists() is overdue
    expected = "overdue" if overdue else "due_soon" if due_soon else "on_track"
    assert s.dossier_due_flag(dossier=due_wednesday, at=instant) == expected


def test_the_lunch_break_does_not_make_a_dossier_late(world, due_wednesday):
    """GIVEN an appointment at 11:30 (closing of the morning) THEN it is not overdue during lunch, and it
    is from the first minute of the afternoon."""
    t.dossier_extend(
        dossier=due_wednesday, actor=world.leader, new_appointment=at("03/12/2026 11:30"), reason="Cần xác minh"
    )
    assert not s.dossier_filter_overdue(
        dossiers=s.dossier_list_for_user(user=world.clerk), at=at("03/12/2026 13:30")
    ).exists()
    assert s.dossier_filter_due_soon(
        dossiers=s.dossier_list_for_user(user=world.clerk), at=at("03/12/2026 13:30")
    ).exists()
    assert s.dossier_filter_overdue(
        dossiers=s.dossier_list_for_user(user=world.clerk), at=at("03/12/2026 13:31")
    ).exists()
    # Due soon starts 8 working hours before: 11:30 the day before, and lunch that day counts as then.
    assert not s.dossier_filter_due_soon(
        dossiers=s.dossier_list_for_user(user=world.clerk), at=at("02/12/2026 11:29")
    ).exists()
    assert s.dossier_filter_due_soon(
        dossiers=s.dossier_list_for_user(user=world.clerk), at=at("02/12/2026 12:15")
    ).exists()


def test_each_receiving_point_is_judged_with_its_own_office_hours(world):
    """Two dossiers due at 11:00: at 11:20 the default office (open until 11:30) is late, the office
    closing for lunch at 11:00 is not."""
    world.other_office.office_hours = "07:00-11:00,13:00-17:00"
    world.other_office.save()
    mine = world.receive(received_at=at("25/11/2026 09:00"))
    theirs = _receive_there(world, received_at=at("25/11/2026 09:00"))
    for dossier in (mine, theirs):
        t.dossier_extend(
            dossier=dossier, actor=world.leader, new_appointment=at("03/12/2026 11:00"), reason="Cần xác minh"
        )
    admin = _administrator()
    assert _codes(
        s.dossier_filter_overdue(dossiers=s.dossier_list_for_user(user=admin), at=at("03/12/2026 11:20"))
    ) == {mine.code}
    assert _codes(
        s.dossier_filter_due_soon(dossiers=s.dossier_list_for_user(user=admin), at=at("03/12/2026 11:20"))
    ) == {theirs.code}


def test_a_paused_dossier_is_neither_due_soon_nor_overdue(world, due_wednesday):
    t.dossier_request_supplement(dossier=due_wednesday, actor=world.clerk, items=["Tờ khai"], reason="Thiếu chữ ký")
    for when in ("02/12/2026 08:00", "10/12/2026 08:00"):
        assert not s.dossier_filter_due_soon(dossiers=s.dossier_list_for_user(user=world.clerk), at=at(when)).exists()
        assert not s.dossier_filter_overdue(dossiers=s.dossier_list_for_user(user=world.clerk), at=at(when)).exists()
    due_wednesday.refresh_from_db()
    assert s.dossier_due_flag(dossier=due_wednesday, at=at("10/12/2026 08:00")) == "paused"


def test_an_ended_dossier_is_never_overdue(world, due_wednesday):
    t.dossier_refuse(dossier=due_wednesday, actor=world.clerk, reasons="Không thuộc thẩm quyền")
    assert not s.dossier_filter_overdue(
        dossiers=s.dossier_list_for_user(user=world.clerk), at=at("10/12/2026 08:00")
    ).exists()
    due_wednesday.refresh_from_db()
    assert s.dossier_due_flag(dossier=due_wednesday, at=at("10/12/2026 08:00")) == "ended"


def test_the_overdue_list_never_leaves_the_callers_scope(world, due_wednesday):
    _receive_there(world, received_at=at("25/11/2026 09:00"))
    late = at("10/12/2026 08:00")
    assert _codes(s.dossier_filter_overdue(dossiers=s.dossier_list_for_user(user=world.clerk), at=late)) == {
        due_wednesday.code
    }
    assert not s.dossier_filter_overdue(dossiers=s.dossier_list_for_user(user=world.outsider), at=late).exists()
