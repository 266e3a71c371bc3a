"""Training: lessons, exams and attempts. A question's credit is never sent before its attempt is closed."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from motcua.training.models import QuestionKind, TextFormat


class LessonOut(Schema):
    id: int
    stage_code: str
    field_code: str | None = Field(description="Empty: the lesson is for every field.")
    title: str
    body: str = Field(description="Markdown; `![caption](image:ID)` shows an image of the lesson.")
    order: int
    updated_at: datetime

    @staticmethod
    def resolve_field_code(obj: Any) -> str | None:
        return obj.field.code if obj.field_id else None


class BlueprintOut(Schema):
    id: int
    stage_code: str
    field_code: str | None
    title: str
    time_limit_minutes: int
    pass_mark_percent: Decimal
    max_attempts: int
    question_count: int

    @staticmethod
    def resolve_field_code(obj: Any) -> str | None:
        return obj.field.code if obj.field_id else None

    @staticmethod
    def resolve_question_count(obj: Any) -> int:
        return sum(rule.count for rule in obj.rules.all())


class AttemptQuestionOut(Schema):
    position: int
    kind: QuestionKind
    name: str
    text: str
    text_format: TextFormat
    mark: Decimal
    choices: list[str] = Field(description="single/multiple: answer with an index (or a list of indices) into this.")
    items: list[str] = Field(description="matching: the items, each to be given one of `options`.")
    options: list[str]
    answer: Any = Field(None, description="The answer saved so far.")
    fraction: float | None = Field(None, description="Share of the mark earned; only once the attempt is closed.")
    feedback: str = ""


class AttemptOut(Schema):
    id: int
    blueprint_id: int
    number: int
    started_at: datetime
    deadline: datetime
    submitted_at: datetime | None
    closed_by: str
    score_percent: Decimal | None
    passed: bool | None
    pass_mark_percent: Decimal
    questions: list[AttemptQuestionOut]


class AnswerIn(Schema):
    position: int = Field(ge=1, le=1000)
    answer: Any = Field(
        description="single: an index; multiple: a list of indices; true_false: a boolean; matching: a list of "
        "option texts, one per item; short_answer and numeric: a string."
    )


class SubmitIn(Schema):
    answers: list[AnswerIn] = Field(default_factory=list, max_length=1000)
