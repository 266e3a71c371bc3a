"""The demo curriculum: hand-written lessons and questions per stage, generated questions, exams per stage and field."""

from __future__ import annotations

import pytest

from motcua.procedures.demo import procedures_load_demo
from motcua.stages.models import StageCode
from motcua.training.demo import training_load_demo
from motcua.training.exams import draw
from motcua.training.models import ExamBlueprint, Lesson, Question

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_curriculum_the_trainee_can_sit_and_loads_it_once():
    procedures_load_demo()
    training_load_demo()
    assert Question.objects.filter(generated_key__isnull=False, active=True).count() >= 100
    assert Question.objects.filter(generated_key__isnull=True).count() >= 30
    hand_stages = set(
        Lesson.objects.filter(generated_key__isnull=True, published=True).values_list("stage_code", flat=True)
    )
    assert hand_stages == set(StageCode.values)
    reception = ExamBlueprint.objects.get(stage_code="receive", field__name="Hộ tịch")
    drawn = draw(reception, seed=1)
    assert len(drawn) == sum(rule.count for rule in reception.rules.all()) >= 10
    assert any(q.generated_key for q in drawn) and any(not q.generated_key for q in drawn)

    counts = (Question.objects.count(), Lesson.objects.count(), ExamBlueprint.objects.count())
    again = training_load_demo()
    assert again == {
        "training_lessons_created": 0,
        "training_questions_created": 0,
        "training_generated_questions_created": 0,
        "training_blueprints_created": 0,
    }
    assert (Question.objects.count(), Lesson.objects.count(), ExamBlueprint.objects.count()) == counts
