"""Many clerks at once, on the real PostgreSQL: codes stay gap-free, conflicting transitions never both win."""

from __future__ import annotations

import datetime as dt

import pytest

from motcua.core.errors import ApplicationError
from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services import transitions as t
from tests.concurrency import run_together
from tests.dossiers.transitions_support import advance_to_decision, perform

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_receptions_get_consecutive_codes_without_gaps_or_twins(world):
    def clerk_receives_five():
        return [world.receive().code for _ in range(5)]

    results = run_together(*[clerk_receives_five for _ in range(8)])
    assert not [r for r in results if isinstance(r, BaseException)], results
    codes = sorted(code for batch in results for code in batch)
    prefix = codes[0].rsplit("-", 1)[0]
    assert codes == [f"{prefix}-{n:04d}" for n in range(1, 41)]


def test_approve_and_withdraw_at_once_never_both_succeed(world):
    dossier = advance_to_decision(world, perform(world, world.receive(), Action.TRANSFER))
    events = DossierEvent.objects.filter(dossier=dossier).count()
    results = run_together(
        lambda: t.dossier_approve(dossier=dossier, actor=world.leader),
        lambda: t.dossier_withdraw(dossier=dossier, actor=world.clerk, reason="Người dân xin rút"),
    )
    winners = [r for r in results if isinstance(r, Dossier)]
    losers = [r for r in results if isinstance(r, ApplicationError)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert losers[0].code == "dossier_action_not_allowed"
    dossier.refresh_from_db()
    assert dossier.status == winners[0].status
    assert dossier.status in {Status.APPROVED, Status.WITHDRAWN}
    assert DossierEvent.objects.filter(dossier=dossier).count() == events + 1


def test_two_clerks_transferring_the_same_dossier_transfer_it_once(world):
    dossier = world.receive()
    results = run_together(*[lambda: t.dossier_transfer(dossier=dossier, actor=world.clerk)] * 2)
    assert sum(isinstance(r, Dossier) for r in results) == 1
    assert DossierEvent.objects.filter(dossier=dossier, action="transfer").count() == 1


def test_a_double_submitted_reception_received_at_once_makes_one_dossier(world):
    results = run_together(*[lambda: world.receive(submission_key="9f1c2a")] * 3)
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert len({r.code for r in results}) == 1
    assert Dossier.objects.filter(submission_key="9f1c2a").count() == 1


def test_two_users_acting_on_the_same_page_state_only_one_succeeds(world):
    from motcua.dossiers.services.act import dossier_act, dossier_last_seq

    dossier = perform(world, world.receive(), Action.TRANSFER)
    seen = dossier_last_seq(dossier=dossier)
    results = run_together(
        lambda: dossier_act(
            dossier=dossier,
            actor=world.specialist,
            action=Action.REQUEST_SUPPLEMENT,
            expected_seq=seen,
            items=["Bản sao giấy khai sinh"],
            reason="Thiếu giấy tờ",
        ),
        lambda: dossier_act(
            dossier=dossier,
            actor=world.specialist,
            action=Action.EXTEND,
            expected_seq=seen,
            new_appointment=dossier.appointment_at + dt.timedelta(days=7),
            reason="Cần xác minh thêm",
        ),
    )
    winners = [r for r in results if isinstance(r, Dossier)]
    losers = [r for r in results if isinstance(r, ApplicationError)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert losers[0].code == "dossier_changed"
