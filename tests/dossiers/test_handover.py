"""Hand-over of a batch of received dossiers from a receiving point to the lead agency."""

from __future__ import annotations

import pytest

from motcua.core.errors import ApplicationError
from motcua.dossiers.lifecycle import Status
from motcua.dossiers.models import DossierEvent, DossierStep, HandOver, StepStatus
from motcua.dossiers.services.handover import dossier_handover
from tests.dossiers.conftest import at
from tests.dossiers.transitions_support import reach


def test_handover_transfers_every_dossier_and_lists_them_under_one_number(world):
    """GIVEN two dossiers received at the office for the committee
    WHEN the clerk hands them over
    THEN both are in process at the agency, one hand-over lists them, numbered per point and day."""
    first = world.receive(received_at=at("25/11/2026 08:30"))
    second = world.receive(received_at=at("25/11/2026 09:00"))

    handover = dossier_handover(
        point=world.office,
        agency=world.committee,
        dossiers=[first, second],
        actor=world.clerk,
        note="Túi số 3",
        now=at("25/11/2026 10:00"),
    )

    assert handover.number == "BG-VNP.42.1-261125-01"
    assert handover.handed_by == world.clerk and handover.note == "Túi số 3"
    assert set(handover.dossiers.all()) == {first, second}
    for dossier in (first, second):
        dossier.refresh_from_db()
        assert dossier.status == Status.IN_PROCESS
        assert DossierEvent.objects.filter(dossier=dossier, action="transfer").count() == 1
        reception = DossierStep.objects.get(dossier=dossier, order=1)
        assert reception.status == StepStatus.DONE


def test_numbers_follow_on_within_the_day_and_restart_the_next(world):
    monday = world.receive(received_at=at("23/11/2026 09:00"))
    again = world.receive(received_at=at("23/11/2026 09:30"))
    tuesday = world.receive(received_at=at("24/11/2026 09:00"))
    numbers = [
        dossier_handover(
            point=world.office, agency=world.committee, dossiers=[d], actor=world.clerk, now=at(moment)
        ).number
        for d, moment in ((monday, "23/11/2026 10:00"), (again, "23/11/2026 15:00"), (tuesday, "24/11/2026 10:00"))
    ]
    assert numbers == ["BG-VNP.42.1-261123-01", "BG-VNP.42.1-261123-02", "BG-VNP.42.1-261124-01"]


def test_a_resent_handover_answers_the_first_and_hands_nothing_twice(world):
    """A double-clicked or resent form names the same dossiers: the same hand-over comes back."""
    dossiers = [world.receive(), world.receive()]
    first = dossier_handover(point=world.office, agency=world.committee, dossiers=dossiers, actor=world.clerk)

    again = dossier_handover(point=world.office, agency=world.committee, dossiers=dossiers, actor=world.clerk)

    assert again.pk == first.pk
    assert HandOver.objects.count() == 1
    for dossier in dossiers:
        assert DossierEvent.objects.filter(dossier=dossier, action="transfer").count() == 1


def test_a_dossier_already_handed_over_is_left_out_of_a_new_batch(world):
    handed, fresh = world.receive(), world.receive()
    first = dossier_handover(point=world.office, agency=world.committee, dossiers=[handed], actor=world.clerk)

    second = dossier_handover(point=world.office, agency=world.committee, dossiers=[handed, fresh], actor=world.clerk)

    assert second.pk != first.pk
    assert list(second.dossiers.all()) == [fresh]
    assert DossierEvent.objects.filter(dossier=handed, action="transfer").count() == 1


def test_a_dossier_refused_since_the_list_was_shown_is_not_handed_over(world):
    refused, fresh = reach(world, Status.REFUSED), world.receive()
    handover = dossier_handover(
        point=world.office, agency=world.committee, dossiers=[refused, fresh], actor=world.clerk
    )
    assert list(handover.dossiers.all()) == [fresh]
    refused.refresh_from_db()
    assert refused.status == Status.REFUSED


def test_nothing_to_hand_over(world):
    with pytest.raises(ApplicationError) as empty:
        dossier_handover(point=world.office, agency=world.committee, dossiers=[], actor=world.clerk)
    assert empty.value.code == "handover_empty"
    refused = reach(world, Status.REFUSED)
    with pytest.raises(ApplicationError) as none_left:
        dossier_handover(point=world.office, agency=world.committee, dossiers=[refused], actor=world.clerk)
    assert none_left.value.code == "handover_empty"


def test_a_dossier_of_another_agency_or_point_cannot_be_in_the_batch(world):
    for_police = world.receive(lead_agency=world.police)
    with pytest.raises(ApplicationError) as wrong_agency:
        dossier_handover(point=world.office, agency=world.committee, dossiers=[for_police], actor=world.clerk)
    assert wrong_agency.value.code == "handover_dossier_not_in_batch"
    from motcua.dossiers.services.receive import dossier_receive

    elsewhere = dossier_receive(reception=world.reception(receiving_point=world.other_office), actor=world.other_clerk)
    with pytest.raises(ApplicationError) as wrong_point:
        dossier_handover(point=world.office, agency=world.committee, dossiers=[elsewhere], actor=world.clerk)
    assert wrong_point.value.code == "handover_dossier_not_in_batch"


def test_only_staff_of_the_point_hand_over(world):
    dossier = world.receive()
    with pytest.raises(ApplicationError) as refused:
        dossier_handover(point=world.office, agency=world.committee, dossiers=[dossier], actor=world.other_clerk)
    assert refused.value.code == "dossier_action_forbidden"
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED and HandOver.objects.count() == 0


def test_a_failing_dossier_undoes_the_whole_batch(world, monkeypatch):
    """One transaction: if a transfer fails, no dossier of the batch moves and no hand-over is left."""
    from motcua.dossiers.services import handover as module

    good, bad = world.receive(), world.receive()
    real = module.dossier_transfer

    def transfer(*, dossier, **kwargs):
        if dossier.pk == bad.pk:
            raise ApplicationError("boom", "boom")
        return real(dossier=dossier, **kwargs)

    monkeypatch.setattr(module, "dossier_transfer", transfer)
    with pytest.raises(ApplicationError):
        dossier_handover(point=world.office, agency=world.committee, dossiers=[good, bad], actor=world.clerk)
    good.refresh_from_db()
    assert good.status == Status.RECEIVED and HandOver.objects.count() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_double_submit_sent_at_once_makes_one_handover(world):
    """Two requests of the same form at the same instant, on the real PostgreSQL: the point's row lock makes
    the second wait and then answer the first's hand-over."""
    from tests.concurrency import run_together

    dossiers = [world.receive(), world.receive()]

    def hand_over():
        return dossier_handover(point=world.office, agency=world.committee, dossiers=dossiers, actor=world.clerk)

    results = run_together(hand_over, hand_over, hand_over)
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert len({r.number for r in results}) == 1
    assert HandOver.objects.count() == 1
    assert DossierEvent.objects.filter(action="transfer").count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_batches_of_one_point_at_once_take_consecutive_numbers(world):
    from tests.concurrency import run_together

    first, second = world.receive(), world.receive(lead_agency=world.police)
    results = run_together(
        lambda: dossier_handover(point=world.office, agency=world.committee, dossiers=[first], actor=world.clerk),
        lambda: dossier_handover(point=world.office, agency=world.police, dossiers=[second], actor=world.clerk),
    )
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert sorted(r.number[-2:] for r in results) == ["01", "02"]
