"""The agency inbox: which dossiers each tab holds, counted in one query, never beyond the user's scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from time_machine import travel

from motcua.dossiers import inbox
from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import transitions as t
from tests.dossiers.conftest import at
from tests.dossiers.transitions_support import perform

pytestmark = pytest.mark.django_db

NOW = at("02/12/2026 10:00")


@dataclass
class InboxDossiers:
    """One dossier per tab of the commune committee's inbox at ``NOW``, and some that belong to none."""

    new: Dossier  # transferred 01/12, nobody assigned, due 08/12
    assigned: Dossier  # transferred and given to the specialist
    overdue: Dossier  # received 20/11, due 27/11, nobody assigned
    due_soon: Dossier  # received 25/11 13:30, due 02/12 13:30
    waiting: Dossier  # a supplement was requested
    done: Dossier  # approved on 01/12
    done_long_ago: Dossier  # approved on 01/10: out of the "done" tab
    received_only: Dossier  # not handed to the agency yet
    police: Dossier  # led by the provincial police: outside the committee's scope


def _at(when: str, step):
    with travel(at(when), tick=False):
        return step()


def inbox_dossiers(world) -> InboxDossiers:
    """Build the dossiers through the real services, each at a fixed time."""

    def received(when: str, **overrides) -> Dossier:
        return _at(when, lambda: world.receive(received_at=at(when), **overrides))

    def then(when: str, dossier: Dossier, action: Action, **kwargs) -> Dossier:
        return _at(when, lambda: perform(world, dossier, action, **kwargs))

    new = then("01/12/2026 09:30", received("01/12/2026 09:00"), Action.TRANSFER)
    assigned = then(
        "01/12/2026 10:00", then("01/12/2026 09:30", received("01/12/2026 09:05"), Action.TRANSFER), Action.ASSIGN_STEP
    )
    overdue = then("20/11/2026 09:30", received("20/11/2026 09:00"), Action.TRANSFER)
    due_soon = then("25/11/2026 14:00", received("25/11/2026 13:30"), Action.TRANSFER)
    waiting = then(
        "01/12/2026 10:00",
        then("01/12/2026 09:30", received("01/12/2026 09:10"), Action.TRANSFER),
        Action.REQUEST_SUPPLEMENT,
    )
    done = then(
        "01/12/2026 15:00", then("01/12/2026 09:30", received("01/12/2026 09:15"), Action.TRANSFER), Action.APPROVE
    )
    long_ago = then(
        "01/10/2026 15:00", then("01/10/2026 09:30", received("01/10/2026 09:00"), Action.TRANSFER), Action.APPROVE
    )
    received_only = received("01/12/2026 09:20")
    police_dossier = received("01/12/2026 09:25", lead_agency=world.police)
    police_dossier = _at("01/12/2026 09:30", lambda: t.dossier_transfer(dossier=police_dossier, actor=world.clerk))
    return InboxDossiers(new, assigned, overdue, due_soon, waiting, done, long_ago, received_only, police_dossier)


def _codes(dossiers) -> set[str]:
    return {d.code for d in dossiers}


def test_each_tab_holds_the_dossiers_in_its_state(world):
    d = inbox_dossiers(world)
    lists = {tab: _codes(inbox.inbox_list(user=world.specialist, tab=tab, at=NOW)) for tab in inbox.TAB_KEYS}
    assert lists == {
        "new": {d.new.code, d.overdue.code, d.due_soon.code},
        "in_progress": {d.assigned.code},
        "due_soon": {d.due_soon.code},
        "overdue": {d.overdue.code},
        "waiting": {d.waiting.code},
        "done": {d.done.code},
    }


def test_counts_match_the_lists_and_take_one_query(world):
    d = inbox_dossiers(world)
    inbox.inbox_counts(user=world.specialist, at=NOW)  # warm the calendar cache
    with CaptureQueriesContext(connection) as queries:
        counts = inbox.inbox_counts(user=world.specialist, at=NOW)
    assert counts == {"new": 3, "in_progress": 1, "due_soon": 1, "overdue": 1, "waiting": 1, "done": 1}
    # One query reads the dossiers; the others read the user's scope and the office hours in use.
    assert len([q for q in queries.captured_queries if "dossiers_dossier" in q["sql"]]) == 1
    assert len(queries.captured_queries) <= 16
    assert d.police.code not in _codes(inbox.inbox_list(user=world.specialist, tab="new", at=NOW))


def test_another_agencys_dossiers_never_appear(world):
    """GIVEN a dossier led by the police WHEN the committee's specialist opens any tab THEN it is not there;
    the police specialist sees it as new, and an agency with no dossier sees nothing at all."""
    d = inbox_dossiers(world)
    for tab in inbox.TAB_KEYS:
        assert d.police.code not in _codes(inbox.inbox_list(user=world.specialist, tab=tab, at=NOW))
    assert d.police.code in _codes(inbox.inbox_list(user=world.police_specialist, tab="new", at=NOW))
    assert inbox.inbox_counts(user=world.outsider, at=NOW) == dict.fromkeys(inbox.TAB_KEYS, 0)


def test_a_step_routed_to_another_agency_shows_there_as_new(world):
    dossier = _at(
        "01/12/2026 09:30", lambda: perform(world, world.receive(received_at=at("01/12/2026 09:00")), Action.TRANSFER)
    )
    _at("01/12/2026 10:00", lambda: perform(world, dossier, Action.COMPLETE_STEP))  # step 3 goes to the police
    assert dossier.code in _codes(inbox.inbox_list(user=world.police_specialist, tab="new", at=NOW))
    # The committee works step 4 of the same parallel group: still new for it too.
    assert dossier.code in _codes(inbox.inbox_list(user=world.specialist, tab="new", at=NOW))


def test_search_matches_the_code_or_the_applicant_and_sort_follows_the_appointment(world):
    d = inbox_dossiers(world)
    found = inbox.inbox_list(user=world.specialist, tab="new", at=NOW, search=d.overdue.code[-6:])
    assert _codes(found) == {d.overdue.code}
    by_name = inbox.inbox_list(user=world.specialist, tab="new", at=NOW, search="Văn An")
    assert len(by_name) == 3
    assert not inbox.inbox_list(user=world.specialist, tab="new", at=NOW, search="Trần Thị Không")
    # Typed without accents or in another case, on a counter keyboard: the same dossiers.
    assert _codes(inbox.inbox_list(user=world.specialist, tab="new", at=NOW, search="NGUYEN van an")) == _codes(by_name)
    assert _codes(inbox.inbox_list(user=world.specialist, tab="new", at=NOW, search=d.overdue.code.lower())) == {
        d.overdue.code
    }
    by_id = inbox.inbox_list(user=world.specialist, tab="new", at=NOW, search=d.overdue.applicant_id_number)
    assert d.overdue.code in _codes(by_id)
    ascending = [x.code for x in inbox.inbox_list(user=world.specialist, tab="new", at=NOW)]
    assert ascending == [d.overdue.code, d.due_soon.code, d.new.code]
    descending = [x.code for x in inbox.inbox_list(user=world.specialist, tab="new", at=NOW, descending=True)]
    assert descending == list(reversed(ascending))


def test_the_steps_in_progress_come_with_the_list(world):
    d = inbox_dossiers(world)
    with CaptureQueriesContext(connection) as queries:
        rows = list(inbox.inbox_list(user=world.specialist, tab="in_progress", at=NOW))
        assignees = [step.assignee for row in rows for step in row.active_steps]
    assert [row.code for row in rows] == [d.assigned.code]
    assert assignees == [world.specialist]
    assert len([q for q in queries.captured_queries if "dossiers_dossierstep" in q["sql"]]) <= 2


def test_an_unknown_tab_is_a_programming_error(world):
    with pytest.raises(ValueError):
        inbox.inbox_list(user=world.specialist, tab="everything")


def test_assignee_choices_are_colleagues_holding_the_steps_role_at_its_agency(world):
    dossier = _at(
        "01/12/2026 09:30", lambda: perform(world, world.receive(received_at=at("01/12/2026 09:00")), Action.TRANSFER)
    )
    step = inbox.dossier_step_for_user(dossier=dossier, user=world.leader)
    assert step is not None and step.order == 2
    assert list(inbox.step_assignee_choices(step=step, user=world.leader)) == [world.specialist]
    assert not inbox.step_assignee_choices(step=None, user=world.leader).exists()


def test_routing_choices_are_state_agencies_other_than_the_lead(world):
    dossier = world.receive()
    codes = set(inbox.routing_agency_choices(dossier=dossier).values_list("code", flat=True))
    assert "H30.CA" in codes and "H30.SXD" in codes
    assert world.committee.code not in codes and world.post.code not in codes
    assert [s.order for s in inbox.dossier_unrouted_steps(dossier=dossier)] == [3]


def test_done_means_ended_in_the_last_thirty_days(world):
    d = inbox_dossiers(world)
    later = NOW + dt.timedelta(days=31)
    assert d.done.code not in _codes(inbox.inbox_list(user=world.specialist, tab="done", at=later))
