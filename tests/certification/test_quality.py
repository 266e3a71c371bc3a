"""The quality loop (issue 12, item 8): each signal counted on dossiers and digitizations made through the real
services, as a rate against the clerk's volume, with the module suggested and the page's scope and rule."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from django.urls import reverse

from motcua.agencies.models import Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.certification.quality import (
    DIGITIZATION_REDONE,
    DIGITIZATION_REFUSED,
    SUPPLEMENT,
    Rule,
    points_for_quality,
    quality_report,
)
from motcua.documents import pipeline, services
from motcua.documents.models import JobStatus
from motcua.documents.pki import ensure_unit, point_unit
from motcua.documents.services import digitization_job_cancel, digitization_job_create, digitization_job_run
from motcua.dossiers.services import transitions as t
from motcua.training.lessons import lesson_save
from tests.documents.pipeline_samples import OWNER, _pki_dir, media, pki, save_pdf  # noqa: F401
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
RULE = Rule(supplement_rate=0.5, digitization_refused_rate=0.5, digitization_redone_rate=0.25, min_volume=2)


def _row(rows, user):
    return next(row for row in rows if row.user == user)


def _supplement_in_processing(world, dossier):
    t.dossier_transfer(dossier=dossier, actor=world.clerk)
    dossier.refresh_from_db()
    return t.dossier_request_supplement(dossier=dossier, actor=world.specialist, items=["Tờ khai"], reason="Thiếu dấu")


def test_a_supplement_asked_for_during_processing_counts_against_the_receiving_clerk(world, field):
    """GIVEN four dossiers received by the clerk: one asked to supplement twice by the agency, one asked at the
    counter before transfer, two untouched WHEN the report is read THEN one dossier of four counts (25 %)."""
    asked_twice, at_counter, _, _ = (world.receive() for _ in range(4))
    _supplement_in_processing(world, asked_twice)
    t.dossier_receive_supplement(dossier=asked_twice, actor=world.clerk)
    asked_twice.refresh_from_db()
    t.dossier_request_supplement(dossier=asked_twice, actor=world.specialist, items=["Tờ khai"], reason="Lần hai")
    t.dossier_request_supplement(dossier=at_counter, actor=world.clerk, items=["Tờ khai"], reason="Thiếu chữ ký")

    row = _row(quality_report(points=points_of(world), rule=RULE), world.clerk)
    signal = row.signals[SUPPLEMENT]
    assert (row.received, signal.count, signal.volume) == (4, 1, 4)
    assert signal.rate == 0.25 and not signal.flagged and row.suggestions == []


def points_of(world):
    return type(world.office).objects.filter(pk=world.office.pk)


def test_a_flagged_supplement_rate_suggests_the_reception_lessons_of_the_field(world, field):
    lesson = lesson_save(actor=None, stage_code="receive", field=field, title="Hồ sơ hộ tịch", body="…", published=True)
    general = lesson_save(actor=None, stage_code="receive", field=None, title="Kiểm đếm", body="…", published=True)
    lesson_save(actor=None, stage_code="digitize", field=field, title="Quét giấy tờ", body="…", published=True)
    lesson_save(actor=None, stage_code="receive", field=field, title="Bản nháp", body="…", published=False)
    first, _ = world.receive(), world.receive()
    _supplement_in_processing(world, first)

    row = _row(quality_report(points=points_of(world), rule=RULE), world.clerk)
    assert row.signals[SUPPLEMENT].flagged and row.flagged
    [suggestion] = row.suggestions
    assert suggestion.stage_code == "receive" and suggestion.field == field
    assert [x.title for x in suggestion.lessons] == [lesson.title, general.title]
    assert suggestion.path_url == f"{reverse('training:path')}?linh-vuc={field.pk}"


def test_too_few_dossiers_are_shown_but_call_for_nothing(world, field):
    dossier = world.receive()
    _supplement_in_processing(world, dossier)
    row = _row(quality_report(points=points_of(world), rule=RULE), world.clerk)
    assert row.signals[SUPPLEMENT].rate == 1.0 and not row.signals[SUPPLEMENT].judged and not row.flagged


@pytest.fixture
def fast_ocr(monkeypatch):
    def fake(source: Path, out: Path, *, progress=None) -> Path:
        with pikepdf.open(source) as pdf:
            pdf.save(out)
        return out

    monkeypatch.setattr(pipeline, "ocr", fake)


def _job(tmp_path, world, component, name):
    return digitization_job_create(
        files=[save_pdf(tmp_path / f"{name}.pdf", pages=2)],
        owner_id_number=OWNER,
        kind="Tờ khai",
        title="Tờ khai",
        actor=world.clerk,
        component=component,
        receiving_point=world.office,
        enqueue=False,
    )


@pytest.mark.usefixtures("pki", "media", "fast_ocr")
def test_refused_and_redone_digitizations_count_against_the_clerk_and_the_machine_s_failures_do_not(
    tmp_path, world, field, settings, monkeypatch
):
    """GIVEN five jobs by the clerk on one dossier's paper: done, done again (redone), failed on its input
    (too many pages), cancelled, and failed for the machine (no signature, retried to the end) THEN two refused and
    one redone out of five, the digitization lessons suggested."""
    ensure_unit(point_unit(world.office))  # the office's signing key
    dossier = world.receive()
    paper = dossier.components.get()
    first = digitization_job_run(job_id=_job(tmp_path, world, paper, "a").pk)
    again = digitization_job_run(job_id=_job(tmp_path, world, paper, "b").pk)
    assert first.status == again.status == JobStatus.DONE
    too_long = _job(tmp_path, world, paper, "c")
    settings.DIGITIZATION_MAX_PAGES = 1  # lowered after the job was made: refused on its input at run time
    too_long = digitization_job_run(job_id=too_long.pk)
    assert too_long.status == JobStatus.FAILED and too_long.error_code == "document_too_many_pages"
    settings.DIGITIZATION_MAX_PAGES = 100
    cancelled = digitization_job_cancel(job=_job(tmp_path, world, paper, "d"), actor=world.clerk)
    assert cancelled.status == JobStatus.CANCELLED
    settings.DIGITIZATION_MAX_ATTEMPTS = 1
    monkeypatch.setattr(services, "document_sign", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("HSM down")))
    machine = digitization_job_run(job_id=_job(tmp_path, world, paper, "e").pk)
    assert machine.error_code == "document_job_interrupted"

    rule = Rule(digitization_refused_rate=0.4, digitization_redone_rate=0.25, min_volume=5)
    row = _row(quality_report(points=points_of(world), rule=rule), world.clerk)
    refused, redone = row.signals[DIGITIZATION_REFUSED], row.signals[DIGITIZATION_REDONE]
    assert row.digitizations == 5
    assert (refused.count, refused.volume, redone.count, redone.volume) == (2, 5, 1, 5)
    assert refused.flagged and not redone.flagged  # 40 % reaches 40 %; 20 % is under 25 %
    assert [(s.stage_code, s.field) for s in row.suggestions] == [("digitize", field)]


def test_another_point_s_work_is_not_counted(world, field):
    other = UserFactory()
    Assignment.objects.create(user=other, role=Role.POSTAL_CLERK, receiving_point=world.other_office)
    world.receive()
    _supplement_in_processing(world, world.receive())
    rows = quality_report(points=points_of(world), rule=RULE)
    assert [row.user for row in rows] == [world.clerk]
    elsewhere = type(world.office).objects.filter(pk=world.other_office.pk)
    assert quality_report(points=elsewhere, rule=RULE) == []


def test_scope_supervisor_point_trainer_province_or_country(world):
    supervisor, provincial, national = UserFactory(), UserFactory(), UserFactory()
    Assignment.objects.create(user=supervisor, role=Role.POSTAL_SUPERVISOR, receiving_point=world.office)
    Assignment.objects.create(user=provincial, role=Role.TRAINER, province=world.province)
    Assignment.objects.create(user=national, role=Role.TRAINER)
    assert list(points_for_quality(user=supervisor)) == [world.office]
    assert list(points_for_quality(user=provincial)) == [world.office, world.other_office]
    assert list(points_for_quality(user=national)) == [world.office, world.other_office]
    assert list(points_for_quality(user=world.clerk)) == []


def test_the_page_states_the_rule_and_lists_the_clerk_for_the_supervisor(client, world, field):
    supervisor = UserFactory()
    Assignment.objects.create(user=supervisor, role=Role.POSTAL_SUPERVISOR, receiving_point=world.office)
    _supplement_in_processing(world, world.receive())
    client.force_login(supervisor)
    page = client.get(reverse("certification:quality") + "?ngay=30").content.decode()
    assert f'data-user="{world.clerk.username}"' in page
    assert f'data-signal="{SUPPLEMENT}" data-count="1"' in page
    assert "10 %" in page and "Khiếu nại không được tính" in page
    client.force_login(world.clerk)
    assert client.get(reverse("certification:quality")).status_code == 403
    client.force_login(supervisor)
    assert client.get(reverse("certification:quality") + f"?diem={world.other_office.code}").status_code == 404


def test_the_thresholds_are_settings(settings):
    from motcua.certification.quality import Rule

    settings.QUALITY_SUPPLEMENT_RATE = 0.25
    settings.QUALITY_MIN_VOLUME = 4
    rule = Rule.configured()
    assert (rule.supplement_rate, rule.min_volume, rule.digitization_redone_rate) == (0.25, 4, 0.05)
