"""The supervisor's sign-off issues a practical certificate only for a passing session and only by a supervisor of
the trainee's point; the sandbox's pages answer 200 to whom they are for and 403 to others."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.audit.models import AuditEvent
from motcua.certification.models import AssessmentKind, Certification
from motcua.certification.services import certification_assess
from motcua.core.errors import ApplicationError
from motcua.sandbox.models import CaseKind
from motcua.sandbox.services import session_sign_off

from .conftest import case_of, draft_slip, in_training_mode, receive_at_counter

pytestmark = pytest.mark.django_db


def _work(client, session, trainee, *, right: bool = True):
    in_training_mode(client, trainee)
    receive_at_counter(client, case_of(session, CaseKind.COMPLETE))
    receive_at_counter(client, case_of(session, CaseKind.FEES), **({} if right else {"fees_paid": "20000"}))
    draft_slip(client, case_of(session, CaseKind.MISSING_PAPER), "02")
    draft_slip(client, case_of(session, CaseKind.IDENTITY), "03")
    if right:
        draft_slip(client, case_of(session, CaseKind.OUT_OF_SCOPE), "03")
    else:
        receive_at_counter(client, case_of(session, CaseKind.OUT_OF_SCOPE))


def _code(call) -> str:
    with pytest.raises(ApplicationError) as caught:
        call()
    return caught.value.code


def test_a_signed_off_session_without_the_exam_certifies_nothing_yet(client, session, trainee, supervisor):
    _work(client, session, trainee)
    client.force_login(supervisor)
    assert client.post(reverse("sandbox:sign_off", args=[session.pk])).status_code == 302
    session.refresh_from_db()
    assert session.signed_off_by == supervisor and session.certification is None
    assert not Certification.objects.filter(user=trainee).exists()


def test_supervisor_signs_off_a_passing_session_and_the_trainee_is_certified(client, session, trainee, supervisor):
    # The reception exam of the field, passed before (training's attempt_passed records it the same way).
    certification_assess(
        trainee, "receive", session.field, kind=AssessmentKind.EXAM, reference="exam-attempt:1", actor=None
    )
    _work(client, session, trainee)
    client.force_login(supervisor)
    response = client.post(reverse("sandbox:sign_off", args=[session.pk]))
    assert response.status_code == 302
    certificate = Certification.objects.get(user=trainee)
    assert (certificate.stage_code, certificate.field, certificate.basis) == ("receive", session.field, "practical")
    assert certificate.basis_ref == f"practice-session:{session.pk}" and certificate.issued_by == supervisor
    session.refresh_from_db()
    assert session.signed_off_by == supervisor and session.certification == certificate
    assert AuditEvent.objects.filter(action="sandbox.session_signed_off", object_id=str(session.pk)).exists()
    assert _code(lambda: session_sign_off(session=session, actor=supervisor)) == "sandbox_already_signed_off"


def test_a_failing_session_is_not_signed_off(client, session, trainee, supervisor):
    _work(client, session, trainee, right=False)  # 100, 75 (fees short), 100, 100, 0 (out of scope received): 75%
    assert _code(lambda: session_sign_off(session=session, actor=supervisor)) == "sandbox_session_not_passed"
    assert not Certification.objects.filter(user=trainee).exists()


def test_an_unfinished_session_is_not_signed_off(session, supervisor, trainee):
    assert _code(lambda: session_sign_off(session=session, actor=supervisor)) == "sandbox_session_unfinished"
    assert not Certification.objects.filter(user=trainee).exists()


def test_only_a_supervisor_of_the_trainees_point_signs_off(client, session, trainee, other_supervisor, world):
    _work(client, session, trainee)
    assert _code(lambda: session_sign_off(session=session, actor=other_supervisor)) == "sandbox_not_supervisor"
    assert _code(lambda: session_sign_off(session=session, actor=world.clerk)) == "sandbox_not_supervisor"
    assert _code(lambda: session_sign_off(session=session, actor=trainee)) == "sandbox_own_session"
    client.force_login(other_supervisor)
    assert client.post(reverse("sandbox:sign_off", args=[session.pk])).status_code == 403
    assert not Certification.objects.filter(user=trainee).exists()


def test_pages_answer_their_users_and_refuse_others(client, session, trainee, supervisor, other_supervisor, world):
    home, page = reverse("sandbox:home"), reverse("sandbox:session", args=[session.pk])
    assert client.get(home).status_code == 302  # sign in first
    client.force_login(world.specialist)
    assert client.get(home).status_code == 403
    client.force_login(trainee)
    assert client.get(home).status_code == 200
    shown = client.get(page)
    assert shown.status_code == 200
    assert case_of(session, CaseKind.COMPLETE).applicant["name"] in shown.content.decode()
    client.force_login(supervisor)
    assert client.get(page).status_code == 200
    assert page in client.get(home).content.decode()  # the supervisor's list of sessions to sign off
    for outsider in (other_supervisor, world.clerk):
        client.force_login(outsider)
        assert client.get(page).status_code == 403


def test_starting_a_session_from_the_page_switches_training_mode_on(client, trainee, world, province_procedure):
    client.force_login(trainee)
    response = client.post(
        reverse("sandbox:start"), {"point": world.office.pk, "field": world.version.procedure.field.pk, "cases": 3}
    )
    assert response.status_code == 302
    assert client.session["training_mode"] is True
    assert trainee.practice_sessions.get().cases.count() == 3
    assert client.post(reverse("sandbox:start"), {"point": world.office.pk, "cases": 3}).status_code == 400
