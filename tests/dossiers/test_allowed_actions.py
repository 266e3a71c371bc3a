import pytest

from motcua.dossiers.actions import ACTION_FIELDS, dossier_allowed_actions
from motcua.dossiers.lifecycle import Action, Status
from tests.dossiers.transitions_support import perform, reach

pytestmark = pytest.mark.django_db


def test_every_action_declares_its_fields():
    assert set(ACTION_FIELDS) == set(Action)


def test_a_clerk_and_a_leader_see_different_actions_on_the_same_dossier(world):
    dossier = reach(world, Status.IN_PROCESS)
    clerk = {a.action for a in dossier_allowed_actions(dossier=dossier, user=world.clerk)}
    leader = {a.action for a in dossier_allowed_actions(dossier=dossier, user=world.leader)}
    # A supplement during processing is the agency's to ask for (docs/domain.md, "Who does what").
    assert clerk == {Action.WITHDRAW}
    assert {Action.REJECT, Action.ASSIGN_STEP, Action.EXTEND} <= leader
    # Approval waits for every other step: it is not offered while the specialist's step is open.
    assert Action.APPROVE not in leader
    assert Action.WITHDRAW not in leader
    # The step in progress is the specialist's: the leader assigns it but does not complete it.
    assert Action.COMPLETE_STEP not in leader
    assert Action.COMPLETE_STEP in {a.action for a in dossier_allowed_actions(dossier=dossier, user=world.specialist)}


def test_someone_out_of_scope_may_do_nothing(world):
    dossier = reach(world, Status.RECEIVED)
    assert dossier_allowed_actions(dossier=dossier, user=world.other_clerk) == []
    assert dossier_allowed_actions(dossier=dossier, user=world.outsider) == []


def test_a_returned_dossier_allows_no_action(world):
    dossier = reach(world, Status.RETURNED)
    assert dossier_allowed_actions(dossier=dossier, user=world.leader) == []


def test_extension_is_offered_once_and_step_completion_only_where_a_step_is_in_progress(world):
    dossier = reach(world, Status.IN_PROCESS)
    police = {a.action for a in dossier_allowed_actions(dossier=dossier, user=world.police_specialist)}
    assert Action.COMPLETE_STEP not in police
    dossier = perform(world, dossier, Action.EXTEND)
    leader = {a.action for a in dossier_allowed_actions(dossier=dossier, user=world.leader)}
    assert Action.EXTEND not in leader
