"""Check, then do: every action offered is one its service takes, for every state and every kind of user.

The list of offered actions and the services ask the same preconditions (``dossiers/checks.py``); this walks
every reachable state (and the variants that change what is offered: a dossier whose steps are done, a
supplement asked for at reception, a result to hand to the post), asks each user what they may do, takes each
offered action through ``dossier_act`` with valid inputs, and rolls it back before the next.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.db import transaction

from motcua.agencies.models import Role, StaffAssignment
from motcua.dossiers.actions import dossier_allowed_actions
from motcua.dossiers.checks import action_refusal
from motcua.dossiers.inbox import dossier_step_for_user, step_assignee_choices
from motcua.dossiers.lifecycle import TRANSITIONS, Action, Status
from motcua.dossiers.models import Dossier, DossierStep, StepStatus
from motcua.dossiers.permissions import step_for_user
from motcua.dossiers.services.act import dossier_act, dossier_last_seq
from tests.dossiers.transitions_support import advance_to_decision, applicant_collects, perform, reach
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

USERS = (
    "clerk",
    "other_clerk",
    "supervisor",
    "specialist",
    "leader",
    "police_specialist",
    "outsider",
    "postman",
    "onestop",
    "administrator",
)


class _RolledBack(Exception):
    pass


def _fields(world, dossier: Dossier, action: Action, user) -> dict:
    """Valid inputs for ``action`` taken by ``user`` (the forms would ask the user for these)."""
    if action == Action.REFUSE:
        return {"reasons": "Không thuộc thẩm quyền"}
    if action == Action.ASSIGN_STEP:
        step = step_for_user(user=user, dossier=dossier)
        colleagues = step_assignee_choices(step=step, user=user)
        assert colleagues.exists(), f"no one to give {step} to"
        return {"assignee": colleagues.first()}
    if action == Action.COMPLETE_STEP:
        return {"note": "Xong", "next_agency": world.police}
    if action == Action.REQUEST_SUPPLEMENT:
        return {"items": ["Bản sao giấy khai sinh"], "reason": "Thiếu"}
    if action == Action.REQUEST_OBLIGATION:
        return {"amount": 120000, "description": "Lệ phí trước bạ"}
    if action in (Action.WITHDRAW, Action.STOP, Action.REJECT, Action.RETURN_TO_COUNTER):
        return {"reason": "Lý do"}
    if action == Action.RETURN_RESULT:
        return applicant_collects(dossier)
    if action == Action.EXTEND:
        return {"new_appointment": dossier.appointment_at + dt.timedelta(days=7), "reason": "Cần xác minh thêm"}
    return {}


def _states(world) -> dict[str, Dossier]:
    states = {status.value: reach(world, status) for status in Status}
    states["in_process_leader_only"] = advance_to_decision(world, reach(world, Status.IN_PROCESS))
    at_reception = world.receive()
    states["supplement_at_reception"] = perform(world, at_reception, Action.REQUEST_SUPPLEMENT, actor=world.clerk)
    states["not_approved"] = reach(world, Status.NOT_APPROVED, return_method="post", return_address="12 Trần Phú")
    return states


def _users(world) -> dict[str, object]:
    supervisor = UserFactory()
    StaffAssignment.objects.create(user=supervisor, role=Role.POSTAL_SUPERVISOR, receiving_point=world.office)
    administrator = UserFactory()
    StaffAssignment.objects.create(user=administrator, role=Role.ADMINISTRATOR)
    extra = {"supervisor": supervisor, "administrator": administrator}
    return {name: extra.get(name) or getattr(world, name) for name in USERS}


def test_every_offered_action_succeeds_when_taken(world):
    users = _users(world)
    taken: set[tuple[str, Action]] = set()
    for state, dossier in _states(world).items():
        for name, user in users.items():
            dossier.refresh_from_db()
            for offered in dossier_allowed_actions(dossier=dossier, user=user):
                action = offered.action
                seq = dossier_last_seq(dossier=dossier)
                try:
                    with transaction.atomic():
                        after = dossier_act(
                            dossier=dossier,
                            actor=user,
                            action=action,
                            expected_seq=seq,
                            **_fields(world, dossier, action, user),
                        )
                        assert after.events.order_by("-seq").first().action == action.value
                        raise _RolledBack
                except _RolledBack:
                    taken.add((name, action))
                except Exception as refused:
                    pytest.fail(f"{name} was offered {action} in {state} and was refused: {refused!r}")
                dossier.refresh_from_db()
                assert dossier_last_seq(dossier=dossier) == seq
    # The walk took every action at least once, and the administrator's override is among them.
    assert {action for _, action in taken} == set(Action)
    assert {action for name, action in taken if name == "administrator"} >= {Action.TRANSFER, Action.APPROVE}


def test_approval_is_not_offered_while_another_units_step_is_open(world):
    dossier = reach(world, Status.IN_PROCESS)
    leader = {a.action for a in dossier_allowed_actions(dossier=dossier, user=world.leader)}
    assert Action.APPROVE not in leader and Action.REJECT in leader
    refusal = action_refusal(action=Action.APPROVE, dossier=dossier, user=world.leader)
    assert refusal is not None and refusal.code == "dossier_steps_unfinished"
    dossier = advance_to_decision(world, dossier)
    assert Action.APPROVE in {a.action for a in dossier_allowed_actions(dossier=dossier, user=world.leader)}


def test_an_action_refused_is_not_offered_and_the_service_gives_the_same_error(world):
    dossier = perform(world, reach(world, Status.IN_PROCESS), Action.EXTEND)
    refusal = action_refusal(action=Action.EXTEND, dossier=dossier, user=world.leader)
    assert refusal is not None
    assert Action.EXTEND not in {a.action for a in dossier_allowed_actions(dossier=dossier, user=world.leader)}
    with pytest.raises(type(refusal)) as raised:
        perform(world, dossier, Action.EXTEND)
    assert raised.value.code == refusal.code


def test_the_page_and_the_services_choose_the_same_step(world):
    dossier = reach(world, Status.IN_PROCESS)
    chosen = dossier_step_for_user(dossier=dossier, user=world.leader)
    assert chosen is not None and chosen == step_for_user(user=world.leader, dossier=dossier)
    dossier_act(dossier=dossier, actor=world.leader, action=Action.ASSIGN_STEP, assignee=world.specialist)
    chosen.refresh_from_db()
    assert chosen.assignee == world.specialist
    assert DossierStep.objects.filter(dossier=dossier, status=StepStatus.ACTIVE, assignee=world.specialist).count() == 1


def test_a_supplement_asked_for_at_reception_returns_to_received_by_the_table(world):
    receive = TRANSITIONS[Action.RECEIVE_SUPPLEMENT]
    assert receive.target_from(Status.RECEIVED) == Status.RECEIVED
    assert receive.target_from(Status.IN_PROCESS) == Status.IN_PROCESS
    dossier = perform(world, world.receive(), Action.REQUEST_SUPPLEMENT, actor=world.clerk)
    assert perform(world, dossier, Action.RECEIVE_SUPPLEMENT).status == Status.RECEIVED


def test_the_administrators_override_is_in_the_table_and_its_document():
    assert all(Role.ADMINISTRATOR in t.override for t in TRANSITIONS.values())
    doc = (Path(__file__).resolve().parents[2] / "docs" / "lifecycle.md").read_text(encoding="utf-8")
    assert "override: administrator" in doc
    assert "back to `received` if paused from there" in doc
