"""The gate in the services (issue 12, item 6): off, warn, enforce; certifications, waivers, revocation; the offered
actions; who is gated."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from motcua.agencies.models import Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.certification.catalogue import stage_for
from motcua.certification.models import CertificationBasis, GateGap, Waiver
from motcua.certification.services import certification_issue, certification_revoke
from motcua.core.errors import ApplicationError
from motcua.core.localtime import local_date
from motcua.dossiers.actions import dossier_allowed_actions
from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.receive import dossier_receive
from motcua.dossiers.services.transitions import dossier_transfer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ENFORCE = override_settings(TRAINING_GATE="enforce")
WARN = override_settings(TRAINING_GATE="warn")


def certify(user, stage, field, **kwargs):
    return certification_issue(user, stage, field, basis=CertificationBasis.COMMAND, actor=None, **kwargs)


def receive_as(world, user):
    return dossier_receive(reception=world.reception(), actor=user)


def test_the_stage_of_an_action_is_read_from_the_catalogue():
    assert stage_for(kind="dossier", name="receive").code == "receive"
    assert stage_for(kind="dossier", name="transfer", dossier_status="received").code == "transfer"
    assert stage_for(kind="dossier", name="meet_obligation", dossier_status="obligation_requested").code == "fees"
    assert stage_for(kind="dossier", name="return_result", dossier_status="result_at_counter").code == "return_counter"
    # Closing a delivery by post is the delivery's (its postal events gate the postman), not the counter's.
    assert stage_for(kind="dossier", name="return_result", dossier_status="result_with_post") is None
    assert stage_for(kind="postal", name="collected").code == "pickup"
    assert stage_for(kind="postal", name="handed_over").code == "pickup"
    assert stage_for(kind="postal", name="delivered").code == "delivery"
    assert stage_for(kind="stage", name="digitize").code == "digitize"
    # The agency's own work is not a postal-staff stage.
    assert stage_for(kind="dossier", name="approve", dossier_status="in_process") is None


@ENFORCE
def test_enforce_refuses_a_reception_to_the_trainee_naming_the_missing_certificate(world, trainee, field):
    with pytest.raises(ApplicationError) as refused:
        receive_as(world, trainee)
    error = refused.value
    assert (error.code, error.status) == ("certification_required", 403)
    assert error.render("vi") == f"Chưa có chứng nhận «Tiếp nhận hồ sơ» lĩnh vực «{field.name}» còn hiệu lực."
    assert error.render("en") == f"No valid certificate for «Reception of the dossier» in the field «{field.name}»."
    assert not Dossier.objects.exists()


@ENFORCE
def test_once_certified_for_reception_in_the_field_the_trainee_receives(world, trainee, field):
    certify(trainee, "receive", field)
    dossier = receive_as(world, trainee)
    assert dossier.received_by == trainee and Dossier.objects.count() == 1


@ENFORCE
def test_a_certificate_of_another_field_or_stage_does_not_cover(world, trainee, field):
    from tests.factories import FieldFactory

    certify(trainee, "receive", FieldFactory(code="DD", name="Đất đai"))
    certify(trainee, "digitize", field)
    with pytest.raises(ApplicationError, match="certification_required"):
        receive_as(world, trainee)


def test_off_lets_everyone_through_and_records_nothing(world, trainee):
    assert receive_as(world, trainee).pk
    assert not GateGap.objects.exists()


@WARN
def test_warn_records_the_gap_once_a_day_and_proceeds(world, trainee, field):
    first = receive_as(world, trainee)
    second = receive_as(world, trainee)
    assert first.pk != second.pk
    gap = GateGap.objects.get()
    assert (gap.user, gap.stage_code, gap.field, gap.action) == (trainee, "receive", field, "receive")
    assert gap.day == local_date()


@ENFORCE
def test_an_active_waiver_lets_him_act_and_an_expired_one_does_not(world, trainee, field):
    today = local_date()
    supervisor = UserFactory()
    Waiver.objects.create(
        user=trainee,
        stage_code="receive",
        field=None,
        granted_by=supervisor,
        reason="Đang chờ thi",
        starts=today - dt.timedelta(days=10),
        ends=today - dt.timedelta(days=1),
    )
    with pytest.raises(ApplicationError, match="certification_required"):
        receive_as(world, trainee)
    Waiver.objects.create(
        user=trainee,
        stage_code="receive",
        field=field,
        granted_by=supervisor,
        reason="Thiếu người",
        starts=today,
        ends=today,
    )
    assert receive_as(world, trainee).received_by == trainee


@ENFORCE
def test_revocation_blocks(world, trainee, field):
    certification = certify(trainee, "receive", field)
    receive_as(world, trainee)
    certification_revoke(certification, reason="Tiếp nhận sai nhiều lần", actor=None)
    with pytest.raises(ApplicationError, match="certification_required"):
        receive_as(world, trainee)


@ENFORCE
def test_an_expired_certificate_does_not_cover(world, trainee, field):
    certification = certify(trainee, "receive", field)
    certification.valid_until = local_date() - dt.timedelta(days=1)
    certification.save(update_fields=["valid_until"])
    with pytest.raises(ApplicationError, match="certification_required"):
        receive_as(world, trainee)


def test_offered_actions_leave_out_what_the_gate_would_refuse(world, trainee, field):
    certify(world.clerk, "receive", field)
    dossier = world.receive()
    assert Action.TRANSFER in {a.action for a in dossier_allowed_actions(dossier=dossier, user=trainee)}
    with ENFORCE:
        offered = {a.action for a in dossier_allowed_actions(dossier=dossier, user=trainee)}
        assert Action.TRANSFER not in offered
        # No stage of the catalogue ends with a refusal or a withdrawal: not gated (docs/training.md).
        assert {Action.REFUSE, Action.WITHDRAW} <= offered
        with pytest.raises(ApplicationError, match="certification_required"):
            dossier_transfer(dossier=dossier, actor=trainee)
        certify(trainee, "transfer", field)
        assert Action.TRANSFER in {a.action for a in dossier_allowed_actions(dossier=dossier, user=trainee)}
        assert dossier_transfer(dossier=dossier, actor=trainee).status == "in_process"
    assert not GateGap.objects.exists()  # asking what is offered records nothing


@ENFORCE
def test_a_certified_clerk_works_as_before(world, field):
    for stage in ("receive", "transfer"):
        certify(world.clerk, stage, field)
    dossier = world.receive()
    assert dossier_transfer(dossier=dossier, actor=world.clerk).status == "in_process"


@ENFORCE
def test_civil_servants_are_not_gated_and_administrators_are(world, field):
    certify(world.clerk, "receive", field)
    dossier = world.receive()
    # The one-stop supervisor (a civil servant) transfers without a certificate.
    assert dossier_transfer(dossier=dossier, actor=world.onestop).status == "in_process"
    admin = UserFactory()
    Assignment.objects.create(user=admin, role=Role.ADMINISTRATOR)
    with pytest.raises(ApplicationError, match="certification_required"):
        receive_as(world, admin)


@ENFORCE
def test_digitizing_a_dossier_needs_the_digitization_certificate(world, trainee, field, tmp_path):
    from motcua.documents.services import digitization_job_create
    from tests.documents.pipeline_samples import save_pdf

    certify(world.clerk, "receive", field)
    dossier = world.receive()
    arguments = {
        "owner_id_number": dossier.applicant_id_number,
        "kind": "Tờ khai",
        "title": "Tờ khai",
        "dossier": dossier,
        "enqueue": False,
    }
    with pytest.raises(ApplicationError, match="certification_required"):
        digitization_job_create(files=[save_pdf(tmp_path / "a.pdf")], actor=trainee, **arguments)
    certify(trainee, "digitize", field)
    assert digitization_job_create(files=[save_pdf(tmp_path / "b.pdf")], actor=trainee, **arguments).pk


@ENFORCE
def test_done_when_the_trainee_passes_the_exam_and_the_practice_then_receives(world, trainee, field):
    """Issue 12's "Done when", through the services: refused first; the reception exam of the field passed
    through training's exam service certifies nothing alone; the signed-off practice completes the certificate;
    then a real reception goes through."""
    from motcua.certification.models import AssessmentKind, Certification
    from motcua.certification.services import certification_assess
    from motcua.training import exams
    from motcua.training.models import BlueprintRule, ExamBlueprint
    from tests.training.conftest import make_bank

    with pytest.raises(ApplicationError) as refused:
        receive_as(world, trainee)
    assert refused.value.code == "certification_required"

    blueprint = ExamBlueprint.objects.create(stage_code="receive", field=field, title="Sát hạch tiếp nhận")
    BlueprintRule.objects.create(blueprint=blueprint, bank=make_bank("Tiếp nhận", 5), count=5)
    attempt = exams.attempt_start(blueprint_id=blueprint.pk, user=trainee)
    right = {
        row.position: next(i for i, choice in enumerate(row.data["choices"]) if choice["fraction"] == 1)
        for row in attempt.questions.all()
    }
    attempt = exams.attempt_submit(attempt_id=attempt.pk, user=trainee, answers=right)
    assert attempt.passed
    assert not Certification.objects.filter(user=trainee).exists()  # reception needs the practice too
    with pytest.raises(ApplicationError):
        receive_as(world, trainee)

    certificate = certification_assess(
        trainee, "receive", field, kind=AssessmentKind.PRACTICAL, reference="practice-session:1", actor=None
    )

    assert certificate is not None and certificate.valid_until > local_date()
    dossier = receive_as(world, trainee)
    assert dossier.received_by == trainee and Dossier.objects.count() == 1
