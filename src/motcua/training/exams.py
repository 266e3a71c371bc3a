"""Exams: start an attempt drawn from a blueprint, save answers, submit, close on time (docs/training.md).

* The draw is random but reproducible: each attempt stores its seed, and ``draw`` with the same seed and the same
  banks picks the same questions in the same order.
* The deadline is enforced here, not in the page: an answer that arrives after it (plus ``GRACE`` for the network)
  is refused, and the attempt closes with what was saved before.
* Submitting is idempotent: the attempt row is locked, and a closed attempt answers its first result without being
  scored again. ``signals.attempt_passed`` is sent once, inside the closing transaction.
"""

from __future__ import annotations

import random
import secrets
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from . import errors, questions
from .models import AttemptClosure, AttemptQuestion, ExamAttempt, ExamBlueprint, Question, QuestionKind
from .signals import attempt_passed

GRACE = timedelta(seconds=15)


def draw(blueprint: ExamBlueprint, seed: int) -> list[Question]:
    """The questions ``seed`` draws under ``blueprint``: per rule, in rule order, ``count`` active questions of the
    bank at random without repetition."""
    rng = random.Random(seed)  # noqa: S311 - reproducible from the stored seed, which comes from secrets
    drawn: list[Question] = []
    rules = list(blueprint.rules.select_related("bank").order_by("order", "id"))
    if not rules:
        raise errors.blueprint_empty()
    for rule in rules:
        pool = list(Question.objects.filter(bank=rule.bank, active=True).order_by("id"))
        if len(pool) < rule.count:
            raise errors.bank_too_small(bank=rule.bank.name, have=len(pool), need=rule.count)
        drawn.extend(rng.sample(pool, rule.count))
    return drawn


def _presented(question: Question, rng: random.Random) -> dict[str, Any]:
    """The question's answers as the trainee sees them: choices shuffled, matching options shuffled."""
    data = dict(question.data)
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        choices = list(data["choices"])
        rng.shuffle(choices)
        data["choices"] = choices
    elif question.kind == QuestionKind.MATCHING:
        options = sorted({pair["right"] for pair in data["pairs"]})
        rng.shuffle(options)
        data["options"] = options
    return data


@transaction.atomic
def attempt_start(*, blueprint_id: int, user: Any, now: datetime | None = None) -> ExamAttempt:
    """A new attempt at the blueprint, or the user's attempt still open (a second click resumes it).

    Refused when the exam is closed, its banks are too small, or the user has used every attempt."""
    moment = now or timezone.now()
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()  # one start per user at a time
    blueprint = ExamBlueprint.objects.filter(pk=blueprint_id).first()
    if blueprint is None:
        raise errors.blueprint_not_found()
    if not blueprint.active:
        raise errors.blueprint_inactive()
    previous = list(ExamAttempt.objects.filter(blueprint=blueprint, user=user).order_by("number"))
    for attempt in previous:
        if not attempt.is_closed:
            if _expired(attempt, moment):
                _close(attempt, closure=AttemptClosure.TIME_UP, at=moment)
            else:
                return attempt
    if len(previous) >= blueprint.max_attempts:
        raise errors.attempts_exhausted(limit=blueprint.max_attempts)
    seed = secrets.randbits(62)
    drawn = draw(blueprint, seed)
    attempt = ExamAttempt.objects.create(
        blueprint=blueprint,
        user=user,
        number=len(previous) + 1,
        seed=seed,
        started_at=moment,
        deadline=moment + timedelta(minutes=blueprint.time_limit_minutes),
        pass_mark_percent=blueprint.pass_mark_percent,
    )
    rng = random.Random(seed ^ 0x5EED)  # noqa: S311 - the same, for the order of the choices
    AttemptQuestion.objects.bulk_create(
        AttemptQuestion(
            attempt=attempt,
            position=position,
            question=question,
            kind=question.kind,
            name=question.name,
            text=question.text,
            text_format=question.text_format,
            feedback=question.feedback,
            data=_presented(question, rng),
            mark=question.default_mark,
        )
        for position, question in enumerate(drawn, start=1)
    )
    return attempt


def _expired(attempt: ExamAttempt, moment: datetime) -> bool:
    return moment > attempt.deadline + GRACE


def _locked(attempt_id: int, user: Any) -> ExamAttempt:
    attempt = ExamAttempt.objects.select_for_update().filter(pk=attempt_id, user=user).first()
    if attempt is None:
        raise errors.attempt_not_found()
    return attempt


def _record(attempt: ExamAttempt, answers: dict[int, Any]) -> None:
    """Check every answer's shape first, then store them (an answer that cannot be read changes nothing)."""
    rows = {row.position: row for row in attempt.questions.all()}
    for position, answer in answers.items():
        row = rows.get(position)
        if row is None:
            raise errors.answer_invalid(position=position)
        try:
            questions.mark(row.kind, row.data, answer)
        except (questions.AnswerShapeError, KeyError, TypeError, ValueError):
            raise errors.answer_invalid(position=position) from None
    for position, answer in answers.items():
        rows[position].answer = answer
        rows[position].save(update_fields=["answer"])


def _close(attempt: ExamAttempt, *, closure: str, at: datetime) -> None:
    """Mark every question, store the result, and tell the listeners of a pass."""
    earned, total = Decimal(0), Decimal(0)
    for row in attempt.questions.all():
        row.fraction = questions.mark(row.kind, row.data, row.answer)
        row.save(update_fields=["fraction"])
        earned += row.mark * Decimal(str(row.fraction))
        total += row.mark
    percent = (earned * 100 / total) if total else Decimal(0)
    attempt.score_percent = percent.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    attempt.passed = attempt.score_percent >= attempt.pass_mark_percent
    attempt.submitted_at = min(at, attempt.deadline + GRACE)
    attempt.closed_by = closure
    attempt.save(update_fields=["score_percent", "passed", "submitted_at", "closed_by"])
    if attempt.passed:
        attempt_passed.send(sender=ExamAttempt, attempt=attempt)


def attempt_save(*, attempt_id: int, user: Any, answers: dict[int, Any], now: datetime | None = None) -> ExamAttempt:
    """Save answers of an open attempt (by question position, 1-based). After the deadline the answers are refused
    and the attempt is closed with what was saved before."""
    return _answer(attempt_id, user, answers, now=now, submit=False)


def attempt_submit(
    *, attempt_id: int, user: Any, answers: dict[int, Any] | None = None, now: datetime | None = None
) -> ExamAttempt:
    """Save ``answers`` and close the attempt with its score. A closed attempt answers its result unchanged; an
    attempt past its deadline closes without these answers and ``training_attempt_time_over`` is raised."""
    return _answer(attempt_id, user, answers or {}, now=now, submit=True)


def _answer(attempt_id: int, user: Any, answers: dict[int, Any], *, now: datetime | None, submit: bool) -> ExamAttempt:
    """Record ``answers`` under the attempt's row lock, and close it when ``submit``; a closed attempt is answered
    unchanged, and one past its deadline closes with what was saved before and raises the time-over error."""
    moment = now or timezone.now()
    with transaction.atomic():
        attempt = _locked(attempt_id, user)
        if attempt.is_closed:
            return attempt
        late = _expired(attempt, moment)
        if late:
            _close(attempt, closure=AttemptClosure.TIME_UP, at=moment)
        else:
            _record(attempt, answers)
            if submit:
                _close(attempt, closure=AttemptClosure.SUBMITTED, at=moment)
    if late:
        raise errors.attempt_time_over()
    return attempt


@transaction.atomic
def attempts_close_expired(*, now: datetime | None = None) -> int:
    """Close every attempt whose time is over (for a periodic task and the pages); how many were closed."""
    moment = now or timezone.now()
    closed = 0
    for attempt in ExamAttempt.objects.select_for_update().filter(
        submitted_at__isnull=True, deadline__lt=moment - GRACE
    ):
        _close(attempt, closure=AttemptClosure.TIME_UP, at=moment)
        closed += 1
    return closed
