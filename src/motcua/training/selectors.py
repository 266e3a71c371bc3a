"""Reads of training: the trainee's path, a trainer's lists, cohort progress (docs/training.md)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from motcua.agencies.models import StaffAssignment
from motcua.agencies.models.staff import POINT_ROLES
from motcua.agencies.selectors import receiving_points_for
from motcua.dossiers.models import Dossier
from motcua.stages.models import StageCode

from .models import ExamAttempt, ExamBlueprint, Lesson, LessonRead, QuestionBank


def lessons_published(*, stage_code: str = "", field_id: int | None = None) -> QuerySet[Lesson]:
    """Published lessons of a stage (all stages when empty), for a field: its own and those for every field."""
    lessons = Lesson.objects.filter(published=True).select_related("field")
    if stage_code:
        lessons = lessons.filter(stage_code=stage_code)
    if field_id is not None:
        lessons = lessons.filter(Q(field_id=field_id) | Q(field__isnull=True))
    return lessons.order_by("stage_code", "order", "id")


def blueprints_active(*, stage_code: str = "", field_id: int | None = None) -> QuerySet[ExamBlueprint]:
    blueprints = ExamBlueprint.objects.filter(active=True).select_related("field")
    if stage_code:
        blueprints = blueprints.filter(stage_code=stage_code)
    if field_id is not None:
        blueprints = blueprints.filter(Q(field_id=field_id) | Q(field__isnull=True))
    return blueprints.order_by("stage_code", "title")


@dataclass
class StagePath:
    """One stage of a trainee's path: its lessons (read or not) and exams (best result, attempts left)."""

    code: str
    label: str
    lessons: list[tuple[Lesson, bool]] = field(default_factory=list)
    exams: list[dict[str, Any]] = field(default_factory=list)

    @property
    def lessons_read(self) -> int:
        return sum(1 for _, read in self.lessons if read)

    @property
    def passed(self) -> bool:
        return any(exam["passed"] for exam in self.exams)


def field_received_most(*, user: Any, days: int = 90) -> int | None:
    """The procedure field of most dossiers received at the user's receiving points in the last ``days``, or None."""
    since = timezone.now() - timedelta(days=days)
    top = (
        Dossier.objects.real()
        .filter(receiving_point__in=receiving_points_for(user=user), received_at__gte=since)
        .values("procedure_version__procedure__field")
        .annotate(count=Count("pk"))
        .order_by("-count", "procedure_version__procedure__field")
        .first()
    )
    return top["procedure_version__procedure__field"] if top else None


def trainee_path(*, user: Any, field_id: int | None = None) -> list[StagePath]:
    """The learning path by stage, in the stage catalogue's order, with the user's progress."""
    read = set(LessonRead.objects.filter(user=user).values_list("lesson_id", flat=True))
    attempts: dict[int, list[ExamAttempt]] = defaultdict(list)
    for attempt in ExamAttempt.objects.filter(user=user).order_by("number"):
        attempts[attempt.blueprint_id].append(attempt)
    stages = {code: StagePath(code=code, label=str(label)) for code, label in StageCode.choices}
    for lesson in lessons_published(field_id=field_id):
        stages[lesson.stage_code].lessons.append((lesson, lesson.pk in read))
    for blueprint in blueprints_active(field_id=field_id):
        taken = attempts.get(blueprint.pk, [])
        closed = [a for a in taken if a.is_closed]
        stages[blueprint.stage_code].exams.append(
            {
                "blueprint": blueprint,
                "attempts": len(taken),
                "left": max(blueprint.max_attempts - len(taken), 0),
                "best": max((a.score_percent for a in closed if a.score_percent is not None), default=None),
                "passed": any(a.passed for a in closed),
                "open": next((a for a in taken if not a.is_closed), None),
            }
        )
    return [stage for stage in stages.values() if stage.lessons or stage.exams]


def banks_with_counts() -> QuerySet[QuestionBank]:
    return QuestionBank.objects.select_related("field").annotate(
        question_count=Count("questions"), active_count=Count("questions", filter=Q(questions__active=True))
    )


@dataclass
class CohortRow:
    """Staff of a receiving point and, per stage, how many of them passed an exam of it."""

    province: str
    point: str
    staff: int
    passed: dict[str, int]


def cohort_progress() -> tuple[list[str], list[CohortRow]]:
    """Per province and receiving point: the postal staff and how many passed an exam of each stage."""
    assignments = (
        StaffAssignment.objects.filter(is_active=True, role__in=[r.value for r in POINT_ROLES])
        .select_related("receiving_point__commune__province")
        .order_by("receiving_point__commune__province__name", "receiving_point__name")
    )
    staff: dict[tuple[str, str], set[int]] = defaultdict(set)
    for assignment in assignments:
        point = assignment.receiving_point
        if point is None:
            continue
        staff[(str(point.commune.province), point.name)].add(assignment.user_id)
    passed_by_user: dict[int, set[str]] = defaultdict(set)
    for user_id, stage in ExamAttempt.objects.filter(passed=True).values_list("user_id", "blueprint__stage_code"):
        passed_by_user[user_id].add(stage)
    stages = sorted(
        {stage for stages in passed_by_user.values() for stage in stages}
        | set(ExamBlueprint.objects.filter(active=True).values_list("stage_code", flat=True)),
        key=lambda code: list(StageCode.values).index(code),
    )
    rows = [
        CohortRow(
            province=province,
            point=point,
            staff=len(users),
            passed={stage: sum(1 for u in users if stage in passed_by_user[u]) for stage in stages},
        )
        for (province, point), users in staff.items()
    ]
    return stages, rows
