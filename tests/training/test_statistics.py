"""Facility and discrimination on a small set computed by hand."""

from __future__ import annotations

import pytest

from motcua.training import exams
from motcua.training.exam_statistics import blueprint_statistics, pearson
from motcua.training.models import BlueprintRule, ExamBlueprint, Question

from .conftest import make_bank

pytestmark = pytest.mark.django_db


def test_pearson_by_hand():
    assert pearson([1, 0, 1, 0], [100, 0, 100, 0]) == pytest.approx(1.0)
    assert pearson([1, 1], [10, 20]) is None
    # x = 1,0,0 ; y = 50,50,0 : mean x 1/3, mean y 100/3; sxy = 50/3, sxx = 2/3, syy = 5000/3 → 0.5
    assert pearson([1, 0, 0], [50, 50, 0]) == pytest.approx(0.5)


def test_facility_and_discrimination_over_three_attempts(staff):
    """Two questions, three trainees. Item 1 answers: right, right, wrong; item 2: right, wrong, wrong.

    Item 1: facility 2/3; rest-of-test (item 2 in %) = 100, 0, 0 → r(1,1,0 ; 100,0,0) = 0.5.
    Item 2: facility 1/3; rest-of-test (item 1 in %) = 100, 100, 0 → r(1,0,0 ; 100,100,0) = 0.5."""
    blueprint = ExamBlueprint.objects.create(stage_code="receive", title="T", pass_mark_percent=50, max_attempts=1)
    bank = make_bank("S", 2)
    BlueprintRule.objects.create(blueprint=blueprint, bank=bank, count=2)
    first, second = Question.objects.filter(bank=bank).order_by("id")
    outcomes = {"postal_clerk": (True, True), "postman": (True, False), "trainer": (False, False)}
    for role, (one, two) in outcomes.items():
        attempt = exams.attempt_start(blueprint_id=blueprint.pk, user=staff[role])
        answers = {}
        for row in attempt.questions.all():
            right = one if row.question_id == first.pk else two
            answers[row.position] = next(i for i, c in enumerate(row.data["choices"]) if (c["fraction"] == 1) == right)
        exams.attempt_submit(attempt_id=attempt.pk, user=staff[role], answers=answers)
    stats = {s.question_id: s for s in blueprint_statistics(blueprint=blueprint)}
    assert stats[first.pk].attempts == 3 and stats[first.pk].facility == pytest.approx(2 / 3)
    assert stats[second.pk].facility == pytest.approx(1 / 3)
    assert stats[first.pk].discrimination == pytest.approx(0.5)
    assert stats[second.pk].discrimination == pytest.approx(0.5)
