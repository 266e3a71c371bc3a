"""Exams: the draw follows the blueprint and its seed; time, attempts and double submission are enforced by the
services; every kind is marked as Moodle marks it."""

from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from motcua.core.errors import ApplicationError
from motcua.training import exams, questions
from motcua.training.models import AttemptClosure, ExamAttempt, QuestionKind
from motcua.training.signals import attempt_passed

pytestmark = pytest.mark.django_db


def _right_answers(attempt: ExamAttempt) -> dict[int, int]:
    return {
        row.position: next(i for i, c in enumerate(row.data["choices"]) if c["fraction"] == 1)
        for row in attempt.questions.all()
    }


def test_draw_follows_the_blueprint_and_is_reproducible_from_the_seed(blueprint, staff):
    attempt = exams.attempt_start(blueprint_id=blueprint.pk, user=staff["postal_clerk"])
    rows = list(attempt.questions.select_related("question__bank"))
    assert [row.question.bank.name for row in rows] == ["A", "A", "A", "B", "B"]
    assert len({row.question_id for row in rows}) == 5
    assert [q.pk for q in exams.draw(blueprint, attempt.seed)] == [row.question_id for row in rows]
    assert attempt.deadline - attempt.started_at == timedelta(minutes=20)


def test_a_bank_smaller_than_its_rule_refuses_the_start(blueprint, staff):
    rule = blueprint.rules.get(bank__name="B")
    rule.count = 5
    rule.save()
    with pytest.raises(ApplicationError) as caught:
        exams.attempt_start(blueprint_id=blueprint.pk, user=staff["postal_clerk"])
    assert caught.value.code == "training_bank_too_small"
    assert not ExamAttempt.objects.exists()


def test_the_snapshot_keeps_a_taken_exam_when_the_question_changes(blueprint, staff):
    attempt = exams.attempt_start(blueprint_id=blueprint.pk, user=staff["postal_clerk"])
    row = attempt.questions.get(position=1)
    row.question.text = "Đã sửa"
    row.question.save()
    row.refresh_from_db()
    assert row.text != "Đã sửa"


def test_submitting_right_answers_passes_and_sends_the_signal_once(blueprint, staff):
    received = []

    def listener(sender, attempt, **kwargs):
        received.append(attempt.pk)

    attempt_passed.connect(listener)
    try:
        attempt = exams.attempt_start(blueprint_id=blueprint.pk, user=staff["postal_clerk"])
        answers = _right_answers(attempt)
        answers[1] = 1 - answers[1]  # one wrong of five: 80 %
        first = exams.attempt_submit(attempt_id=attempt.pk, user=staff["postal_clerk"], answers=answers)
        second = exams.attempt_submit(
            attempt_id=attempt.pk, user=staff["postal_clerk"], answers=_right_answers(attempt)
        )
    finally:
        attempt_passed.disconnect(listener)
    assert first.score_percent == Decimal("80.00") and first.passed
    assert second.score_percent == Decimal("80.00") and second.submitted_at == first.submitted_at
    assert received == [attempt.pk]
    assert attempt.questions.get(position=1).fraction == 0.0


def test_an_answer_after_the_deadline_is_refused_and_the_attempt_closes(blueprint, staff, time_machine):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    attempt = exams.attempt_start(blueprint_id=blueprint.pk, user=staff["postal_clerk"])
    exams.attempt_save(attempt_id=attempt.pk, user=staff["postal_clerk"], answers={1: _right_answers(attempt)[1]})
    time_machine.move_to(attempt.deadline + exams.GRACE + timedelta(seconds=1), tick=False)
    with pytest.raises(ApplicationError) as caught:
        exams.attempt_submit(attempt_id=attempt.pk, user=staff["postal_clerk"], answers=_right_answers(attempt))
    assert caught.value.code == "training_attempt_time_over"
    attempt.refresh_from_db()
    assert attempt.closed_by == AttemptClosure.TIME_UP
    assert attempt.score_percent == Decimal("20.00")  # only the answer saved in time counts
    assert attempt.passed is False


def test_the_attempt_limit_is_enforced_and_an_open_attempt_is_resumed(blueprint, staff):
    user = staff["postal_clerk"]
    first = exams.attempt_start(blueprint_id=blueprint.pk, user=user)
    assert exams.attempt_start(blueprint_id=blueprint.pk, user=user).pk == first.pk
    exams.attempt_submit(attempt_id=first.pk, user=user, answers={})
    second = exams.attempt_start(blueprint_id=blueprint.pk, user=user)
    assert second.number == 2
    exams.attempt_submit(attempt_id=second.pk, user=user, answers={})
    with pytest.raises(ApplicationError) as caught:
        exams.attempt_start(blueprint_id=blueprint.pk, user=user)
    assert caught.value.code == "training_attempts_exhausted"


def test_an_answer_of_the_wrong_shape_is_refused_and_nothing_is_saved(blueprint, staff):
    attempt = exams.attempt_start(blueprint_id=blueprint.pk, user=staff["postal_clerk"])
    with pytest.raises(ApplicationError) as caught:
        exams.attempt_submit(attempt_id=attempt.pk, user=staff["postal_clerk"], answers={1: 0, 2: "không"})
    assert caught.value.code == "training_answer_invalid" and caught.value.field == "answers.2"
    attempt.refresh_from_db()
    assert not attempt.is_closed and attempt.questions.get(position=1).answer is None


def test_another_users_attempt_is_not_found(blueprint, staff):
    attempt = exams.attempt_start(blueprint_id=blueprint.pk, user=staff["postal_clerk"])
    with pytest.raises(ApplicationError) as caught:
        exams.attempt_submit(attempt_id=attempt.pk, user=staff["postman"], answers={})
    assert caught.value.code == "training_attempt_not_found"


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_score_once(blueprint, staff):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers anyway")
    attempt = exams.attempt_start(blueprint_id=blueprint.pk, user=staff["postal_clerk"])
    received = []
    attempt_passed.connect(lambda sender, attempt, **kw: received.append(attempt.pk), weak=False, dispatch_uid="t")
    results = []

    def submit():
        results.append(
            exams.attempt_submit(
                attempt_id=attempt.pk, user=staff["postal_clerk"], answers=_right_answers(attempt)
            ).submitted_at
        )
        connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    attempt_passed.disconnect(dispatch_uid="t")
    assert len(set(results)) == 1 and received == [attempt.pk]


# --- marking of each kind ---------------------------------------------------------------------------------------


def test_multiple_choice_gives_partial_credit_and_penalties():
    data = {"choices": [{"text": "a", "fraction": 0.5}, {"text": "b", "fraction": 0.5}, {"text": "c", "fraction": -1}]}
    assert questions.mark(QuestionKind.MULTIPLE, data, [0]) == 0.5
    assert questions.mark(QuestionKind.MULTIPLE, data, [0, 1]) == 1.0
    assert questions.mark(QuestionKind.MULTIPLE, data, [0, 2]) == 0.0


def test_numeric_tolerance_and_short_answer_case_and_spaces():
    numeric = {
        "answers": [{"value": 8, "tolerance": 0.5, "fraction": 1}, {"value": 8, "tolerance": 2, "fraction": 0.5}]
    }
    assert questions.mark(QuestionKind.NUMERIC, numeric, "8,4") == 1.0
    assert questions.mark(QuestionKind.NUMERIC, numeric, "9.5") == 0.5
    assert questions.mark(QuestionKind.NUMERIC, numeric, "11") == 0.0
    short = {"answers": [{"text": "Giấy chứng sinh", "fraction": 1}, {"text": "chứng *", "fraction": 0.5}]}
    assert questions.mark(QuestionKind.SHORT_ANSWER, short, "  giấy   CHỨNG sinh ") == 1.0
    assert questions.mark(QuestionKind.SHORT_ANSWER, short, "chứng minh") == 0.5
    assert questions.mark(QuestionKind.SHORT_ANSWER, short, "hộ chiếu") == 0.0


def test_matching_and_true_false():
    pairs = {
        "pairs": [
            {"left": "Quét", "right": "Số hóa"},
            {"left": "Kiểm tra", "right": "Tiếp nhận"},
            {"left": "", "right": "Thu phí"},
        ]
    }
    assert questions.mark(QuestionKind.MATCHING, pairs, ["Số hóa", "Thu phí"]) == 0.5
    assert questions.mark(QuestionKind.TRUE_FALSE, {"answer": False}, False) == 1.0
    with pytest.raises(questions.AnswerShapeError):
        questions.mark(QuestionKind.TRUE_FALSE, {"answer": False}, "no")
