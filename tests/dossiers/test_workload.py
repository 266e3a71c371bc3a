"""Today's workload: per receiving point, per clerk and per agency staff member, for known dossiers at fixed times."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from time_machine import travel

from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.receive import dossier_receive
from motcua.dossiers.workload import Counts, step_load, workload_for
from tests.dossiers.conftest import at
from tests.dossiers.transitions_support import perform

pytestmark = pytest.mark.django_db

NOW = "25/11/2026 11:00"  # a Wednesday


@dataclass
class Day:
    overdue: Dossier  # received 10/11, assigned to the specialist: long overdue, its step too
    yesterday: Dossier  # received and handed over 24/11, assigned to the specialist: on time
    handed: Dossier  # received 08:30 and handed over 09:00 today, step not assigned
    elsewhere: Dossier  # received today at the other office, by its own clerk
    returned: Dossier  # received 12/11, result returned today at 10:00
    refused: Dossier  # received and refused today


def _at(text: str):
    return travel(at(text), tick=False)


def _receive_transfer(world, received: str, transferred: str, *, assign: bool) -> Dossier:
    with _at(received):
        dossier = world.receive()
    with _at(transferred):
        dossier = t.dossier_transfer(dossier=dossier, actor=world.clerk)
        if assign:
            dossier = t.dossier_step_assign(dossier=dossier, actor=world.leader, assignee=world.specialist)
    return dossier


@pytest.fixture
def day(world) -> Day:
    overdue = _receive_transfer(world, "10/11/2026 09:00", "10/11/2026 09:30", assign=True)
    yesterday = _receive_transfer(world, "24/11/2026 09:00", "24/11/2026 10:00", assign=True)
    handed = _receive_transfer(world, "25/11/2026 08:30", "25/11/2026 09:00", assign=False)
    with _at("25/11/2026 09:30"):
        reception = world.reception(receiving_point=world.other_office)
        elsewhere = dossier_receive(reception=reception, actor=world.other_clerk)
    with _at("12/11/2026 09:00"):
        returned = perform(world, world.receive(), Action.TRANSFER)
        returned = perform(world, returned, Action.APPROVE)
        returned = perform(world, returned, Action.SEND_RESULT_TO_COUNTER)
    with _at("25/11/2026 10:00"):
        returned = perform(world, returned, Action.RETURN_RESULT)
    with _at("25/11/2026 10:15"):
        refused = perform(world, world.receive(), Action.REFUSE)
    return Day(overdue, yesterday, handed, elsewhere, returned, refused)


def _figures(row) -> Counts:
    return Counts(
        received=row.received, handed_over=row.handed_over, returned=row.returned, open=row.open, overdue=row.overdue
    )


def test_figures_per_point_and_clerk_for_the_one_stop_supervisor(world, day):
    """GIVEN six dossiers in known states WHEN the committee's one-stop supervisor looks at 25/11 11:00
    THEN each point and clerk shows what happened that day and what is open and overdue now."""
    load = workload_for(user=world.onestop, at=at(NOW))

    points = {row.point.code: _figures(row) for row in load.points}
    assert points == {
        world.office.code: Counts(received=2, handed_over=1, returned=1, open=3, overdue=1),
        world.other_office.code: Counts(received=1, handed_over=0, returned=0, open=1, overdue=0),
    }
    clerks = {row.user.pk: _figures(row) for row in load.clerks}
    assert clerks == {
        world.clerk.pk: Counts(received=2, handed_over=1, returned=1, open=3, overdue=1),
        world.other_clerk.pk: Counts(received=1, handed_over=0, returned=0, open=1, overdue=0),
    }
    assert next(r for r in load.clerks if r.user == world.clerk).points == (world.office.name,)
    assert load.totals == Counts(received=3, handed_over=1, returned=1, open=4, overdue=1)
    assert load.busiest == 2
    assert load.day.isoformat() == "2026-11-25"


def test_steps_in_progress_per_agency_staff_member(world, day):
    load = workload_for(user=world.onestop, at=at(NOW))

    staff = {row.user.pk: (row.in_progress, row.overdue) for row in load.staff}
    # The committee's specialist and leader are listed, busy or not; the first is the busiest.
    assert staff == {world.specialist.pk: (2, 1), world.leader.pk: (0, 0)}
    assert load.staff[0].user == world.specialist
    assert load.staff[0].agencies == (world.committee.name,)
    assert load.unassigned_steps == 1  # the dossier handed over this morning
    assert step_load(user=world.onestop, at=at(NOW), assignees=[world.specialist]) == {world.specialist.pk: (2, 1)}


def test_a_clerk_sees_only_their_own_office(world, day):
    load = workload_for(user=world.clerk, at=at(NOW))

    assert [row.point for row in load.points] == [world.office]
    assert {row.user for row in load.clerks} == {world.clerk}
    assert load.totals == Counts(received=2, handed_over=1, returned=1, open=3, overdue=1)


def test_another_day_counts_that_days_work(world, day):
    """Received and handed over are the day's; open and overdue stay as of ``at``."""
    load = workload_for(user=world.onestop, day=at("24/11/2026 00:00").date(), at=at(NOW))

    office = next(row for row in load.points if row.point == world.office)
    assert _figures(office) == Counts(received=1, handed_over=1, returned=0, open=3, overdue=1)


def test_nobody_outside_the_scope_sees_anything(world, day):
    load = workload_for(user=world.outsider, at=at(NOW))

    assert load.points == [] and load.clerks == []
    assert load.totals == Counts()
    assert all(row.in_progress == 0 for row in load.staff)


def test_the_number_of_queries_does_not_grow_with_the_dossiers(world, day):
    with CaptureQueriesContext(connection) as first:
        workload_for(user=world.onestop, at=at(NOW))
    for hour in ("08:00", "08:10", "08:20"):
        _receive_transfer(world, f"25/11/2026 {hour}", f"25/11/2026 {hour[:3]}45", assign=True)
        with _at(f"25/11/2026 {hour[:3]}50"):
            reception = world.reception(receiving_point=world.other_office)
            dossier_receive(reception=reception, actor=world.other_clerk)
    with CaptureQueriesContext(connection) as second:
        load = workload_for(user=world.onestop, at=at(NOW))

    assert load.totals.received == 9
    assert len(second.captured_queries) == len(first.captured_queries)
