"""``/training``: lessons and exams for the caller; start an attempt, submit it, read its result (docs/training.md)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from motcua.procedures.models import Field
from motcua.training import errors
from motcua.training.exams import attempt_start, attempt_submit
from motcua.training.models import ExamAttempt
from motcua.training.presenting import question_view
from motcua.training.selectors import blueprints_active, lessons_published

from ..schemas.problems import Problem
from ..schemas.training import AttemptOut, BlueprintOut, LessonOut, SubmitIn

router = Router(tags=["training"])


def _field_id(code: str) -> int | None:
    if not code:
        return None
    return Field.objects.filter(code=code).values_list("pk", flat=True).first() or -1


def _attempt(attempt: ExamAttempt) -> dict[str, Any]:
    closed = attempt.is_closed
    return {
        **{
            name: getattr(attempt, name)
            for name in (
                "id",
                "blueprint_id",
                "number",
                "started_at",
                "deadline",
                "submitted_at",
                "closed_by",
                "score_percent",
                "passed",
                "pass_mark_percent",
            )
        },
        "questions": [question_view(row, closed=closed) for row in attempt.questions.all()],
    }


@router.get("/lessons", response={200: list[LessonOut], 401: Problem}, summary="Published lessons")
def training_lessons(request: HttpRequest, stage: str = "", field: str = "") -> Any:
    """Published lessons of a stage (all when empty) for a field by its code: its own and those for every field."""
    return list(lessons_published(stage_code=stage, field_id=_field_id(field)))


@router.get("/blueprints", response={200: list[BlueprintOut], 401: Problem}, summary="Exams open to the caller")
def training_blueprints(request: HttpRequest, stage: str = "", field: str = "") -> Any:
    return list(blueprints_active(stage_code=stage, field_id=_field_id(field)).prefetch_related("rules"))


@router.post(
    "/blueprints/{blueprint_id}/attempts",
    response={201: AttemptOut, 401: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Start an attempt (or resume the open one)",
)
def training_attempt_start(request: HttpRequest, blueprint_id: int) -> Any:
    """Draws the questions at random by the exam's blueprint; the deadline counts from now. Refused when the
    attempts allowed are used (409 training_attempts_exhausted)."""
    attempt = attempt_start(blueprint_id=blueprint_id, user=request.auth)  # type: ignore[attr-defined]
    return Status(201, _attempt(attempt))


@router.get(
    "/attempts/{attempt_id}", response={200: AttemptOut, 401: Problem, 404: Problem, 422: Problem}, summary="An attempt"
)
def training_attempt_get(request: HttpRequest, attempt_id: int) -> Any:
    attempt = ExamAttempt.objects.filter(pk=attempt_id, user=request.auth).first()  # type: ignore[attr-defined]
    if attempt is None:
        raise errors.attempt_not_found()
    return _attempt(attempt)


@router.post(
    "/attempts/{attempt_id}/submit",
    response={200: AttemptOut, 401: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Submit the answers and close the attempt",
)
def training_attempt_submit(request: HttpRequest, attempt_id: int, payload: SubmitIn) -> Any:
    """Scores the attempt once: a second submission answers the first result. After the deadline the answers are
    refused (409 training_attempt_time_over) and the attempt is closed with what was saved before."""
    answers = {item.position: item.answer for item in payload.answers}
    attempt = attempt_submit(attempt_id=attempt_id, user=request.auth, answers=answers)  # type: ignore[attr-defined]
    return _attempt(attempt)
