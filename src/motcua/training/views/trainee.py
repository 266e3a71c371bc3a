"""The trainee's pages: the path by stage and field, a lesson, an exam to take, its result."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.agencies.selectors import user_has_role
from motcua.core.errors import ApplicationError
from motcua.core.input_guard import stored_int
from motcua.desk.access import roles_required
from motcua.desk.files import stored_file_response
from motcua.procedures.models import Field

from .. import rendering
from ..exams import attempt_save, attempt_start, attempt_submit
from ..lessons import lesson_mark_read
from ..models import ExamAttempt, Lesson, LessonImage, QuestionKind
from ..presenting import question_view
from ..selectors import field_received_most, trainee_path
from .access import AUTHORS, LEARNERS


def _field_id(request: HttpRequest) -> int | None:
    """The field asked for; on a first visit (no choice made) the field the user's points receive most, so that a
    clerk sees his own work's exams rather than every field's; "every field" is an explicit empty choice."""
    if "linh-vuc" not in request.GET:
        return field_received_most(user=request.user)
    value = request.GET.get("linh-vuc", "")
    return stored_int(value)


@require_GET
@roles_required(LEARNERS)
def path(request: HttpRequest) -> HttpResponse:
    field_id = _field_id(request)
    return render(
        request,
        "training/path.html",
        {
            "stages": trainee_path(user=request.user, field_id=field_id),
            "fields": Field.objects.all(),
            "field_id": field_id,
            "may_author": user_has_role(user=request.user, roles=AUTHORS),
        },
    )


def image_url(image_id: int) -> str:
    return reverse("training:lesson_image", kwargs={"image_id": image_id})


@require_http_methods(["GET", "POST"])
@roles_required(LEARNERS)
def lesson(request: HttpRequest, lesson_id: int) -> HttpResponse:
    found = get_object_or_404(Lesson, pk=lesson_id)
    if not found.published and not user_has_role(user=request.user, roles=AUTHORS):
        raise Http404
    if request.method == "POST":
        lesson_mark_read(lesson=found, user=request.user)
        return redirect("training:path")
    return render(
        request,
        "training/lesson.html",
        {"lesson": found, "body": rendering.markdown_html(found.body, image_url=image_url)},
    )


@require_GET
@roles_required(LEARNERS)
def lesson_image(request: HttpRequest, image_id: int) -> Any:
    image = get_object_or_404(LessonImage.objects.select_related("lesson"), pk=image_id)
    if not image.lesson.published and not user_has_role(user=request.user, roles=AUTHORS):
        raise Http404
    return stored_file_response(image.image)


@require_POST
@roles_required(LEARNERS)
def exam_start(request: HttpRequest, blueprint_id: int) -> HttpResponse:
    try:
        attempt = attempt_start(blueprint_id=blueprint_id, user=request.user)
    except ApplicationError as error:
        messages.error(request, error.render())
        return redirect("training:path")
    return redirect("training:attempt", attempt_id=attempt.pk)


def _answers(request: HttpRequest, attempt: ExamAttempt) -> dict[int, Any]:
    """The form's answers in the shapes the services take (see training.questions)."""
    answers: dict[int, Any] = {}
    for row in attempt.questions.all():
        key = f"q{row.position}"
        if row.kind == QuestionKind.MULTIPLE:
            value: Any = [v for v in request.POST.getlist(key) if v.isdigit()]
            value = [int(v) for v in value]
        elif row.kind == QuestionKind.SINGLE:
            raw = request.POST.get(key, "")
            value = int(raw) if raw.isdigit() else None
        elif row.kind == QuestionKind.TRUE_FALSE:
            raw = request.POST.get(key, "")
            value = {"true": True, "false": False}.get(raw)
        elif row.kind == QuestionKind.MATCHING:
            items = [p for p in row.data["pairs"] if p["left"].strip()]
            value = [request.POST.get(f"{key}_{index}", "") for index in range(len(items))]
            value = value if any(value) else None
        else:
            value = request.POST.get(key, "").strip()[:500] or None
        if value is not None:
            answers[row.position] = value
    return answers


@require_http_methods(["GET", "POST"])
@roles_required(LEARNERS)
def attempt(request: HttpRequest, attempt_id: int) -> HttpResponse:
    found = get_object_or_404(ExamAttempt.objects.select_related("blueprint"), pk=attempt_id, user=request.user)
    if request.method == "POST" and not found.is_closed:
        # "Save" keeps the answers so far (they count if time runs out); "Submit" closes the attempt.
        act = attempt_save if request.POST.get("save") else attempt_submit
        try:
            found = act(attempt_id=found.pk, user=request.user, answers=_answers(request, found))
        except ApplicationError as error:
            messages.error(request, error.render())
        else:
            if act is attempt_save:
                messages.success(request, _("Your answers are saved; the exam is still open."))
        return redirect("training:attempt", attempt_id=found.pk)
    closed = found.is_closed
    rows = []
    for row in found.questions.all():
        view = question_view(row, closed=closed)
        view["text_html"] = rendering.question_html(row.text, row.text_format)
        view["choices_html"] = [rendering.question_html(text, row.text_format) for text in view["choices"]]
        rows.append(view)
    return render(request, "training/attempt.html", {"attempt": found, "questions": rows, "closed": closed})
