"""Reassignment from the supervision page: only eligible colleagues offered, the step service decides, errors
beside the field, a stale page refused, a dossier outside the scope answers 404."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from motcua.agencies.models import Agency, Role, StaffAssignment
from motcua.dossiers import errors
from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import Dossier, DossierEvent, DossierStep, StepStatus
from motcua.dossiers.services.act import dossier_last_seq
from tests.dossiers.transitions_support import perform, reach
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OPTION = re.compile(r'<option value="(\d+)"')


def _url(dossier: Dossier, **query: str) -> str:
    url = reverse("desk:supervision_assign", args=[dossier.code])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _step(dossier: Dossier) -> DossierStep:
    return DossierStep.objects.get(dossier=dossier, status=StepStatus.ACTIVE)


def _colleague(world, role: Role = Role.AGENCY_SPECIALIST, agency: Agency | None = None):
    user = UserFactory()
    StaffAssignment.objects.create(user=user, role=role, agency=agency or world.committee)
    return user


@pytest.fixture
def in_process(world) -> Dossier:
    """Handed over to the committee and given to its specialist; its step "2. Thẩm định" is in progress."""
    return perform(world, reach(world, Status.IN_PROCESS), Action.ASSIGN_STEP)


def _errors_of(html: str, name: str) -> str:
    start = html.index(f'data-field="{name}"')
    end = html.find('data-field="', start + 1)
    return html[start : end if end > 0 else None]


def _vi(error) -> str:
    with translation.override("vi"):
        return error.render("vi")


def test_the_page_offers_the_colleagues_who_hold_the_steps_role_at_its_agency(client, world, in_process):
    other = _colleague(world)
    retired = _colleague(world)
    StaffAssignment.objects.filter(user=retired).update(is_active=False)
    client.force_login(world.onestop)
    response = client.get(_url(in_process))
    html = response.content.decode()

    assert response.status_code == 200
    assert "2. Thẩm định" in html and str(world.specialist) in html  # the step and who has it now
    offered = {int(pk) for pk in OPTION.findall(html)}
    # Not the current assignee, not a leader, nobody of another agency, no one whose assignment ended.
    assert offered == {other.pk}
    assert f'name="seq" value="{dossier_last_seq(dossier=in_process)}"' in html


def test_reassigning_gives_the_step_to_the_colleague_and_returns_to_the_list(client, world, in_process):
    other = _colleague(world)
    client.force_login(world.onestop)
    back = reverse("desk:supervision") + "?han=overdue"
    response = client.post(
        _url(in_process), {"assignee": other.pk, "seq": dossier_last_seq(dossier=in_process), "next": back}
    )

    assert response.status_code == 302 and response["Location"] == back
    assert _step(in_process).assignee == other
    event = DossierEvent.objects.filter(dossier=in_process).order_by("-seq").first()
    assert event is not None
    assert (event.action, event.actor, event.payload["assignee"]) == (
        Action.ASSIGN_STEP,
        world.onestop,
        other.username,
    )


def test_an_unsafe_next_is_ignored(client, world, in_process):
    other = _colleague(world)
    client.force_login(world.onestop)
    response = client.post(
        _url(in_process),
        {"assignee": other.pk, "seq": dossier_last_seq(dossier=in_process), "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("desk:supervision")


@pytest.mark.parametrize("who", ["police_specialist", "clerk", "leader"])
def test_an_ineligible_colleague_is_refused_beside_the_field(client, world, in_process, who):
    """GIVEN a user who does not hold the step's role at its agency WHEN chosen THEN the step service's message
    shows beside the field and nothing changes."""
    person = getattr(world, who)
    seq = dossier_last_seq(dossier=in_process)
    client.force_login(world.onestop)
    response = client.post(_url(in_process), {"assignee": person.pk, "seq": seq})
    html = response.content.decode()

    assert response.status_code == 400
    expected = errors.assignee_not_eligible(username=person.get_username(), step=_step(in_process).name)
    assert _vi(expected) in _errors_of(html, "assignee")
    assert _step(in_process).assignee == world.specialist
    assert dossier_last_seq(dossier=in_process) == seq


def test_no_choice_is_an_error_beside_the_field(client, world, in_process):
    client.force_login(world.onestop)
    response = client.post(_url(in_process), {"assignee": "", "seq": dossier_last_seq(dossier=in_process)})
    assert response.status_code == 400
    assert 'class="errorlist"' in _errors_of(response.content.decode(), "assignee")


def test_a_stale_page_is_refused_and_shows_the_dossier_as_it_is_now(client, world, in_process):
    """GIVEN the page was opened, THEN the leader reassigned the step in another tab, WHEN the supervisor
    submits THEN nothing is done, the page says the dossier changed, and carries the new sequence number."""
    other, third = _colleague(world), _colleague(world)
    seen = dossier_last_seq(dossier=in_process)
    perform(world, in_process, Action.ASSIGN_STEP)  # the leader again: a new event
    client.force_login(world.onestop)
    response = client.post(_url(in_process), {"assignee": other.pk, "seq": seen})
    html = response.content.decode()

    assert response.status_code == 409
    assert _vi(errors.dossier_changed(code=in_process.code)) in html
    assert _step(in_process).assignee == world.specialist
    current = dossier_last_seq(dossier=in_process)
    assert current == seen + 1 and f'name="seq" value="{current}"' in html
    assert {int(pk) for pk in OPTION.findall(html)} == {other.pk, third.pk}
    assert f'<option value="{other.pk}" selected' in html  # the choice is kept


def test_a_dossier_outside_the_scope_answers_404(client, world, in_process):
    outsider_agency = Agency.objects.get(code="H30.SXD")
    stranger = _colleague(world, Role.ONE_STOP_SUPERVISOR, outsider_agency)
    client.force_login(stranger)

    assert client.get(_url(in_process)).status_code == 404
    response = client.post(_url(in_process), {"assignee": world.leader.pk, "seq": 1})
    assert response.status_code == 404
    assert client.get(reverse("desk:supervision_assign", args=["H30.X01-000000-0000"])).status_code == 404
    assert _step(in_process).assignee == world.specialist


def test_staff_without_a_supervisor_role_are_refused(client, world, in_process):
    for user in (world.clerk, world.specialist, world.outsider):
        client.force_login(user)
        assert client.get(_url(in_process)).status_code == 403


def test_a_dossier_with_no_step_in_progress_offers_no_form(client, world):
    received = reach(world, Status.RECEIVED)
    client.force_login(world.onestop)
    html = client.get(_url(received)).content.decode()
    assert 'name="assignee"' not in html

    response = client.post(_url(received), {"assignee": world.specialist.pk, "seq": dossier_last_seq(dossier=received)})
    assert response.status_code == 400
    assert DossierStep.objects.filter(dossier=received, assignee__isnull=False).count() == 0
