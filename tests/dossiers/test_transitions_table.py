"""Every allowed and every forbidden transition of the lifecycle table, through the real services."""

from __future__ import annotations

import pytest
from django.utils import translation

from motcua.core.errors import ApplicationError
from motcua.dossiers.lifecycle import NATIONAL_STATUS_CODE, TRANSITIONS, Action, Status, allowed_actions
from tests.dossiers.transitions_support import perform, reach

pytestmark = pytest.mark.django_db

ALLOWED = [(source, action) for action, tr in TRANSITIONS.items() for source in sorted(tr.sources)]
FORBIDDEN = [(status, action) for status in Status for action in Action if status not in TRANSITIONS[action].sources]


def test_every_state_has_a_national_portal_code():
    assert set(NATIONAL_STATUS_CODE) == set(Status)
    assert set(NATIONAL_STATUS_CODE.values()) <= set(range(1, 11))


def test_the_table_and_allowed_actions_agree():
    for status in Status:
        assert set(allowed_actions(status)) == {a for a, tr in TRANSITIONS.items() if status in tr.sources}


@pytest.mark.parametrize(("source", "action"), ALLOWED, ids=lambda v: str(v))
def test_an_allowed_transition_leads_to_its_target(world, source, action):
    # A result is handed to the post only for an applicant who asked for it by post.
    by_post = {"return_method": "post", "return_address": "12 Trần Phú"} if action == Action.SEND_RESULT_TO_POST else {}
    dossier = reach(world, source, **by_post)
    after = perform(world, dossier, action)
    target = TRANSITIONS[action].target
    assert after.status == (target if target is not None else source)
    assert after.events.order_by("-seq").first().action == action.value


@pytest.mark.parametrize(("status", "action"), FORBIDDEN, ids=lambda v: str(v))
def test_a_forbidden_transition_names_the_state_and_the_action(world, status, action):
    dossier = reach(world, status)
    events = dossier.events.count()
    with pytest.raises(ApplicationError) as refused:
        perform(world, dossier, action)
    assert refused.value.code == "dossier_action_not_allowed"
    for language in ("en", "vi"):
        with translation.override(language):
            action_label, status_label = str(Action(action).label), str(Status(status).label)
        message = refused.value.render(language)
        assert action_label in message and status_label in message, message
    dossier.refresh_from_db()
    assert dossier.status == status and dossier.events.count() == events
