"""Pages by role: every staff role learns and takes exams; trainers and administrators author; the exam page
submits once; imports list every error by line."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image

from motcua.training.models import ExamAttempt, Lesson, LessonImage, Question
from tests.dossiers import conftest as dossier_world

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"

AUTHOR_URLS = [
    ("training:lessons", {}),
    ("training:lesson_new", {}),
    ("training:banks", {}),
    ("training:blueprint_new", {}),
    ("training:cohort", {}),
]

world = dossier_world.world  # the fixture


@pytest.mark.parametrize("name, kwargs", AUTHOR_URLS)
def test_trainer_pages_open_for_authors_and_refuse_other_staff(client, staff, blueprint, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    for role in ("trainer", "administrator"):
        client.force_login(staff[role])
        assert client.get(url).status_code == 200, (role, url)
    for role in ("postal_clerk", "planner"):
        client.force_login(staff[role])
        assert client.get(url).status_code == 403, (role, url)


def test_the_path_opens_for_every_staff_role_and_not_for_a_user_without_one(client, staff, blueprint):
    for role in ("postal_clerk", "postman", "postal_supervisor", "planner", "trainer"):
        client.force_login(staff[role])
        response = client.get(reverse("training:path"))
        assert response.status_code == 200 and "Tiếp nhận hồ sơ" in response.content.decode()
    client.force_login(staff["nobody"])
    assert client.get(reverse("training:path")).status_code == 403


def test_bank_results_and_blueprint_pages_open_for_a_trainer(client, staff, blueprint):
    client.force_login(staff["trainer"])
    bank = blueprint.rules.first().bank
    for url in (
        reverse("training:bank", args=[bank.pk]),
        reverse("training:blueprint_edit", args=[blueprint.pk]),
        reverse("training:results", args=[blueprint.pk]),
    ):
        assert client.get(url).status_code == 200, url
    exported = client.get(reverse("training:bank_export", args=[bank.pk, "gift"]))
    assert exported.status_code == 200 and b"$CATEGORY: $course$/top/A" in exported.content


def test_taking_an_exam_on_its_page_scores_once(client, staff, blueprint):
    client.force_login(staff["postal_clerk"])
    response = client.post(reverse("training:exam_start", args=[blueprint.pk]))
    attempt = ExamAttempt.objects.get()
    assert response.url == reverse("training:attempt", args=[attempt.pk])
    page = client.get(response.url).content.decode()
    assert 'data-deadline="' in page and "fraction" not in page
    answers = {
        f"q{row.position}": str(next(i for i, c in enumerate(row.data["choices"]) if c["fraction"] == 1))
        for row in attempt.questions.all()
    }
    client.post(response.url, answers)
    client.post(response.url, {key: "1" for key in answers})
    attempt.refresh_from_db()
    assert attempt.score_percent == 100 and attempt.passed
    assert "100" in client.get(response.url).content.decode()


def test_import_page_lists_errors_by_line_and_imports_nothing(client, staff):
    client.force_login(staff["trainer"])
    bad = SimpleUploadedFile("bad.gift", b"::A::Q {=a ~%x%b}\n\n::B::Q {=a ~b\n")
    response = client.post(reverse("training:banks"), {"file": bad})
    assert response.status_code == 422
    body = response.content.decode()
    assert "<td>1</td>" in body and "<td>3</td>" in body
    assert Question.objects.count() == 0
    good = SimpleUploadedFile("bank.gift", (DATA / "moodle_export.gift").read_bytes())
    assert client.post(reverse("training:banks"), {"file": good}).status_code == 302
    assert Question.objects.count() == 11


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_lesson_markdown_escapes_html_and_shows_its_image(client, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff["trainer"])
    response = client.post(
        reverse("training:lesson_new"),
        {
            "stage_code": "receive",
            "title": "Kiểm tra giấy tờ",
            "order": 1,
            "published": "on",
            "body": "# Bước 1\n\n<script>alert(1)</script>",
            "save": "1",
        },
    )
    lesson = Lesson.objects.get()
    assert response.status_code == 302
    refused = client.post(
        reverse("training:lesson_edit", args=[lesson.pk]),
        {"upload": "1", "image": SimpleUploadedFile("x.png", b"not an image")},
    )
    assert refused.status_code == 200 and not LessonImage.objects.exists()
    client.post(
        reverse("training:lesson_edit", args=[lesson.pk]),
        {"upload": "1", "caption": "Quầy", "image": SimpleUploadedFile("q.png", _png())},
    )
    image = LessonImage.objects.get()
    lesson.body += f"\n\n![Quầy](image:{image.pk})"
    lesson.save()
    client.force_login(staff["postal_clerk"])
    page = client.get(reverse("training:lesson", args=[lesson.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert reverse("training:lesson_image", args=[image.pk]) in page
    assert client.get(reverse("training:lesson_image", args=[image.pk])).status_code == 200


def test_saving_on_the_page_keeps_the_answers_and_the_exam_open_and_the_sweep_closes_it(
    client, staff, blueprint, time_machine
):
    from motcua.training.tasks import attempts_close_task

    client.force_login(staff["postal_clerk"])
    url = client.post(reverse("training:exam_start", args=[blueprint.pk])).url
    attempt = ExamAttempt.objects.get()
    first = attempt.questions.get(position=1)
    right = next(i for i, c in enumerate(first.data["choices"]) if c["fraction"] == 1)

    client.post(url, {"q1": str(right), "save": "1"})

    attempt.refresh_from_db()
    assert not attempt.is_closed
    assert attempt.submitted_at is None
    time_machine.move_to(attempt.deadline + timedelta(minutes=5), tick=False)
    assert attempts_close_task() == 1
    attempt.refresh_from_db()
    assert attempt.is_closed and attempt.score_percent == 20  # the one answer saved in time


def test_a_first_visit_shows_the_field_the_users_point_receives_most(world):
    from motcua.training.views.trainee import _field_id

    def asked(**params):
        request = RequestFactory().get("/dao-tao/", params)
        request.user = world.clerk
        return _field_id(request)

    assert asked() is None  # nothing received yet: every field
    world.receive()
    assert asked() == world.version.procedure.field_id
    assert asked(**{"linh-vuc": ""}) is None  # "every field", chosen


def test_saved_answers_show_ticked_and_the_result_reads_them_in_words(client, staff, blueprint):
    client.force_login(staff["postal_clerk"])
    url = client.post(reverse("training:exam_start", args=[blueprint.pk])).url
    attempt = ExamAttempt.objects.get()
    first = attempt.questions.get(position=1)
    right = next(i for i, c in enumerate(first.data["choices"]) if c["fraction"] == 1)

    client.post(url, {"q1": str(right), "save": "1"})
    page = client.get(url).content.decode()
    assert f'name="q1" value="{right}" checked' in page

    client.post(url, {"q1": str(right)})
    result = client.get(url).content.decode()
    assert f"{first.data['choices'][right]['text']} · " in result
