"""Cases are generated with a key, worked on the real counter pages in training mode, and scored from the training
dossier or the slip drafted (docs/training.md, "The sandbox")."""

from __future__ import annotations

import pytest

from motcua.dossiers.models import Dossier
from motcua.sandbox.models import CaseKind
from motcua.sandbox.scoring import PASS_MARK
from motcua.sandbox.services import session_score

from .conftest import case_of, draft_slip, in_training_mode, receive_at_counter

pytestmark = pytest.mark.django_db


def _scored(session, kind):
    session_score(session=session)
    return case_of(session, kind)


def test_a_session_has_one_case_of_each_kind_with_its_key(session, world, province_procedure):
    keys = {case.kind: case.key for case in session.cases.all()}
    assert set(keys) == set(CaseKind.values)
    mandatory = sorted(world.version.components.filter(mandatory=True).values_list("pk", flat=True))
    assert (keys[CaseKind.COMPLETE]["outcome"], keys[CaseKind.COMPLETE]["slip"]) == ("accepted", "")
    assert keys[CaseKind.COMPLETE]["papers"] == mandatory
    assert (keys[CaseKind.MISSING_PAPER]["outcome"], keys[CaseKind.MISSING_PAPER]["slip"]) == ("refused", "02")
    assert keys[CaseKind.MISSING_PAPER]["papers"] == [] and keys[CaseKind.MISSING_PAPER]["missing"] == mandatory[0]
    assert (keys[CaseKind.IDENTITY]["outcome"], keys[CaseKind.IDENTITY]["slip"]) == ("refused", "03")
    assert keys[CaseKind.FEES]["fees_total"] == 50000
    assert case_of(session, CaseKind.OUT_OF_SCOPE).version == province_procedure
    assert session.training_point.is_training
    assert list(session.training_point.serves.values_list("level", flat=True)) == ["commune"]


def test_the_counter_offers_the_training_point_only_in_training_mode(client, session, trainee):
    case = case_of(session, CaseKind.COMPLETE)
    client.force_login(trainee)
    real = receive_at_counter(client, case)
    assert real.status_code == 200  # the training point is not one of the choices outside training mode
    assert not Dossier.objects.filter(receiving_point=session.training_point).exists()
    in_training_mode(client, trainee)
    assert receive_at_counter(client, case).status_code == 302
    assert Dossier.objects.filter(receiving_point=session.training_point, received_by=trainee).count() == 1


def test_complete_dossier_received_as_handed_scores_full(client, session, trainee):
    in_training_mode(client, trainee)
    receive_at_counter(client, case_of(session, CaseKind.COMPLETE))
    case = _scored(session, CaseKind.COMPLETE)
    assert case.score == 100 and case.dossier is not None


def test_complete_dossier_with_a_paper_ticked_that_was_not_handed_loses_the_papers(client, session, trainee, world):
    in_training_mode(client, trainee)
    case = case_of(session, CaseKind.COMPLETE)
    every = list(world.version.components.values_list("pk", flat=True))
    receive_at_counter(client, case, papers=every)
    assert _scored(session, CaseKind.COMPLETE).details == {"outcome": 50, "papers": 0, "fees": 25}


def test_missing_paper_scores_full_with_slip_02_and_less_with_03(client, session, trainee):
    in_training_mode(client, trainee)
    case = case_of(session, CaseKind.MISSING_PAPER)
    assert draft_slip(client, case, "02")["Content-Type"] == "application/pdf"
    assert _scored(session, CaseKind.MISSING_PAPER).score == 100
    draft_slip(client, case, "03")
    assert _scored(session, CaseKind.MISSING_PAPER).details == {"outcome": 50, "slip": 0, "papers": 20}


def test_identity_case_is_refused_by_the_counter_and_scored_on_slip_03(client, session, trainee):
    in_training_mode(client, trainee)
    case = case_of(session, CaseKind.IDENTITY)
    page = receive_at_counter(client, case)
    assert page.status_code == 200  # the counter refuses: the ID number contradicts the birth date
    assert _scored(session, CaseKind.IDENTITY).score is None
    spaced = " ".join(case.id_number[i : i + 3] for i in range(0, 12, 3))
    draft_slip(client, case, "03", applicant_id_number=spaced)
    assert _scored(session, CaseKind.IDENTITY).score == 100


def test_fees_case_needs_the_right_amount(client, session, trainee):
    in_training_mode(client, trainee)
    case = case_of(session, CaseKind.FEES)
    receive_at_counter(client, case, fees_paid="20000")
    assert _scored(session, CaseKind.FEES).details == {"outcome": 50, "papers": 25, "fees": 0}


def test_fees_case_right_scores_full(client, session, trainee):
    in_training_mode(client, trainee)
    receive_at_counter(client, case_of(session, CaseKind.FEES))
    assert _scored(session, CaseKind.FEES).score == 100


def test_out_of_scope_request_received_scores_nothing(client, session, trainee):
    in_training_mode(client, trainee)
    receive_at_counter(client, case_of(session, CaseKind.OUT_OF_SCOPE))
    assert _scored(session, CaseKind.OUT_OF_SCOPE).score == 0


def test_out_of_scope_request_refused_with_slip_03_scores_full(client, session, trainee):
    in_training_mode(client, trainee)
    draft_slip(client, case_of(session, CaseKind.OUT_OF_SCOPE), "03")
    assert _scored(session, CaseKind.OUT_OF_SCOPE).score == 100


def test_a_slip_drafted_outside_training_mode_is_not_observed(client, session, trainee):
    client.force_login(trainee)
    draft_slip(client, case_of(session, CaseKind.OUT_OF_SCOPE), "03")
    assert _scored(session, CaseKind.OUT_OF_SCOPE).score is None


def test_the_session_scores_once_every_case_is_done(client, session, trainee):
    in_training_mode(client, trainee)
    receive_at_counter(client, case_of(session, CaseKind.COMPLETE))
    assert session_score(session=session).score is None
    receive_at_counter(client, case_of(session, CaseKind.FEES))
    draft_slip(client, case_of(session, CaseKind.MISSING_PAPER), "02")
    draft_slip(client, case_of(session, CaseKind.IDENTITY), "03")
    draft_slip(client, case_of(session, CaseKind.OUT_OF_SCOPE), "03")
    assert session_score(session=session).score == 100 >= PASS_MARK
