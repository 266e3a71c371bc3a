"""Reminders before expiry, once per threshold; the administrators' commands; renewal by a passed exam."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from motcua.certification.models import AssessmentKind, Certification, CertificationBasis, ReminderSent
from motcua.certification.reminders import TOPIC, certification_reminders_send
from motcua.certification.services import certification_assess, certification_issue, valid_until_from
from motcua.core.localtime import local_date
from motcua.dossiers.models import OutboxMessage

pytestmark = pytest.mark.django_db


def certify(user, stage, field, **kwargs):
    return certification_issue(user, stage, field, basis=CertificationBasis.COMMAND, actor=None, **kwargs)


def test_reminders_are_sent_once_per_threshold(world, trainee, field):
    today = local_date()
    certify(trainee, "receive", field, until=today + dt.timedelta(days=60))
    assert certification_reminders_send(today=today) == 1
    assert certification_reminders_send(today=today) == 0
    assert certification_reminders_send(today=today + dt.timedelta(days=1)) == 0  # still the 60-day one
    assert certification_reminders_send(today=today + dt.timedelta(days=30)) == 1
    assert certification_reminders_send(today=today + dt.timedelta(days=53)) == 1
    assert certification_reminders_send(today=today + dt.timedelta(days=55)) == 0
    assert sorted(ReminderSent.objects.values_list("days_before", flat=True)) == [7, 30, 60]
    messages = OutboxMessage.objects.filter(topic=TOPIC)
    assert messages.count() == 3
    assert {m.payload["stage"] for m in messages} == {"receive"}


def test_a_renewed_or_far_certification_is_not_reminded(world, trainee, field):
    today = local_date()
    certify(trainee, "receive", field, until=today + dt.timedelta(days=20))
    certify(trainee, "receive", field)  # renewed: the new one runs for CERTIFICATION_VALID_MONTHS
    assert certification_reminders_send(today=today) == 0


def test_renewal_links_the_certification_it_renews(world, trainee, field):
    first = certify(trainee, "receive", field)
    second = certify(trainee, "receive", field)
    assert second.renewed_from == first
    assert first.valid_until == valid_until_from(local_date())


def test_training_certify_and_revoke(world, trainee, field):
    call_command("training_certify", "trainee", "receive", field.code, "--until", "31/12/2099")
    certification = Certification.objects.get()
    assert (certification.user, certification.valid_until) == (trainee, dt.date(2099, 12, 31))
    call_command("training_revoke", "trainee", "receive", field.name, "--reason", "Sai phạm")
    certification.refresh_from_db()
    assert certification.revoke_reason == "Sai phạm"


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        (["nobody", "receive", "X"], "No user"),
        (["trainee", "approve", "X"], "approve"),
        (["trainee", "receive", "nothing"], "nothing"),
        (["trainee", "receive", "FIELD", "--until", "2099-12-31"], "dd/mm/yyyy"),
        (["trainee", "receive", "FIELD", "--until", "01/01/2000"], "01/01/2000"),
    ],
)
def test_training_certify_refuses_bad_input_in_both_languages(world, trainee, field, arguments, code):
    arguments = [field.code if a == "FIELD" else a for a in arguments]
    with pytest.raises(CommandError) as refused:
        call_command("training_certify", *arguments)
    assert code in str(refused.value) and " / " in str(refused.value)
    assert not Certification.objects.exists()


def test_training_revoke_without_a_certification_fails(world, trainee, field):
    with pytest.raises(CommandError):
        call_command("training_revoke", "trainee", "receive", field.code, "--reason", "x")


def test_a_passed_exam_certifies_its_stage_and_field(world, trainee, field):
    training = pytest.importorskip("motcua.training.models")
    from django.utils import timezone

    from motcua.training.signals import attempt_passed

    blueprint = training.ExamBlueprint.objects.create(stage_code="receive", field=field, title="Tiếp nhận")
    now = timezone.now()
    attempt = training.ExamAttempt.objects.create(
        blueprint=blueprint,
        user=trainee,
        number=1,
        seed=1,
        started_at=now - dt.timedelta(minutes=20),
        deadline=now + dt.timedelta(minutes=10),
        submitted_at=now,
        closed_by="submitted",
        score_percent=90,
        passed=True,
        pass_mark_percent=80,
    )
    attempt_passed.send(sender=type(attempt), attempt=attempt)
    # Reception needs a signed-off practice session as well (CERTIFICATION_PRACTICE_STAGES): not yet certified.
    assert not Certification.objects.exists()
    practice = certification_assess(
        trainee, "receive", field, kind=AssessmentKind.PRACTICAL, reference="practice-session:1", actor=None
    )
    certification = Certification.objects.get()
    assert practice == certification
    assert (certification.stage_code, certification.field, certification.basis) == ("receive", field, "practical")
    assert set(certification.evidence.values_list("reference", flat=True)) == {
        f"exam-attempt:{attempt.pk}",
        "practice-session:1",
    }
    # The same evidence again issues nothing more.
    attempt_passed.send(sender=type(attempt), attempt=attempt)
    assert Certification.objects.count() == 1


def test_an_exam_alone_certifies_a_stage_without_practice(trainee, field):
    certification = certification_assess(
        trainee, "digitize", field, kind=AssessmentKind.EXAM, reference="exam-attempt:77", actor=None
    )
    assert certification is not None and certification.basis == "exam" and certification.stage_code == "digitize"


def test_evidence_older_than_its_window_does_not_complete_a_certification(trainee, field, settings):
    settings.CERTIFICATION_EVIDENCE_MONTHS = 6
    old = timezone.now() - dt.timedelta(days=200)
    certification_assess(
        trainee, "receive", field, kind=AssessmentKind.EXAM, reference="exam-attempt:1", actor=None, at=old
    )
    assert (
        certification_assess(
            trainee, "receive", field, kind=AssessmentKind.PRACTICAL, reference="practice-session:9", actor=None
        )
        is None
    )
