"""What each kind of question holds, how it is checked and how an answer to it is marked.

The shapes of ``Question.data`` (fractions are shares of the question's mark, −1…1):

* single / multiple: ``{"choices": [{"text", "fraction", "feedback"}]}``;
* true_false: ``{"answer": bool, "feedback_right": str, "feedback_wrong": str}``;
* matching: ``{"pairs": [{"left", "right"}]}`` (a pair with an empty ``left`` only adds a wrong match);
* short_answer: ``{"answers": [{"text", "fraction", "feedback"}]}``, ``*`` matching any characters;
* numeric: ``{"answers": [{"value", "tolerance", "fraction", "feedback"}]}``.

Answers given in an exam: single → the chosen index; multiple → a list of indices; true_false → a bool;
matching → a list of chosen right-hand texts, one per item in order; short_answer and numeric → a string.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from motcua.core.errors import ApplicationError

from . import errors
from .models import QuestionKind, TextFormat

EPSILON = 1e-6


@dataclass
class QuestionDraft:
    """A question as read from a file or a form, before it is stored in a bank."""

    kind: str
    text: str
    name: str = ""
    text_format: str = TextFormat.MOODLE
    feedback: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    default_mark: Decimal = Decimal("1")
    category: str = ""
    line: int = 0

    def meaning(self) -> tuple[Any, ...]:
        """What the question means, for comparing a round trip: kind, texts, answers and their credit."""
        return (
            self.category,
            self.kind,
            self.name,
            self.text,
            self.text_format,
            self.feedback,
            canonical_data(self.kind, self.data),
            Decimal(self.default_mark).normalize(),
        )


def canonical_data(kind: str, data: dict[str, Any]) -> Any:
    """``data`` with numbers rounded, so 0.333333 and 0.3333333 compare equal."""

    def r(x: Any) -> float:
        return round(float(x), 5)

    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return tuple((c["text"], r(c["fraction"]), c.get("feedback", "")) for c in data["choices"])
    if kind == QuestionKind.TRUE_FALSE:
        return (bool(data["answer"]), data.get("feedback_right", ""), data.get("feedback_wrong", ""))
    if kind == QuestionKind.MATCHING:
        return tuple((p["left"], p["right"]) for p in data["pairs"])
    if kind == QuestionKind.SHORT_ANSWER:
        return tuple((a["text"], r(a["fraction"]), a.get("feedback", "")) for a in data["answers"])
    return tuple((r(a["value"]), r(a["tolerance"]), r(a["fraction"]), a.get("feedback", "")) for a in data["answers"])


# --- checks -----------------------------------------------------------------------------------------------------


def check(kind: str, text: str, data: dict[str, Any]) -> list[ApplicationError]:
    """Every rule the question breaks (empty when it may be stored)."""
    if kind not in QuestionKind.values:
        return [errors.question_unsupported_kind(kind=kind)]
    found: list[ApplicationError] = []
    if not text.strip():
        found.append(errors.question_text_empty())
    try:
        found.extend(_CHECKS[kind](data))
    except (KeyError, TypeError, ValueError, AttributeError):
        found.append(errors.question_data_malformed())
    return found


def _fractions_in_range(items: list[dict[str, Any]]) -> list[ApplicationError]:
    if any(not -1 - EPSILON <= float(item["fraction"]) <= 1 + EPSILON for item in items):
        return [errors.question_weight_out_of_range()]
    return []


def _check_choices(data: dict[str, Any], *, several: bool) -> list[ApplicationError]:
    choices = data["choices"]
    if not isinstance(choices, list):
        raise TypeError
    found = _fractions_in_range(choices)
    if len(choices) < 2:
        found.append(errors.question_too_few_choices(minimum=2))
    if several:
        if abs(sum(max(float(c["fraction"]), 0) for c in choices) - 1) > 0.001:
            found.append(errors.question_multiple_not_full())
    elif not any(abs(float(c["fraction"]) - 1) < 0.001 for c in choices):
        found.append(errors.question_no_full_answer())
    for choice in choices:
        str(choice["text"])
    return found


def _check_true_false(data: dict[str, Any]) -> list[ApplicationError]:
    if not isinstance(data["answer"], bool):
        raise TypeError
    return []


def _check_matching(data: dict[str, Any]) -> list[ApplicationError]:
    pairs = data["pairs"]
    if not isinstance(pairs, list) or any(not str(p["right"]).strip() for p in pairs):
        raise ValueError
    if sum(1 for p in pairs if str(p["left"]).strip()) < 2:
        return [errors.question_too_few_choices(minimum=2)]
    return []


def _check_short_answer(data: dict[str, Any]) -> list[ApplicationError]:
    answers = data["answers"]
    if not isinstance(answers, list) or any(not str(a["text"]).strip() for a in answers):
        raise ValueError
    found = _fractions_in_range(answers)
    if not any(abs(float(a["fraction"]) - 1) < 0.001 for a in answers):
        found.append(errors.question_no_full_answer())
    return found


def _check_numeric(data: dict[str, Any]) -> list[ApplicationError]:
    answers = data["answers"]
    if not isinstance(answers, list):
        raise TypeError
    for answer in answers:
        if not (math.isfinite(float(answer["value"])) and 0 <= float(answer["tolerance"]) < math.inf):
            raise ValueError
    found = _fractions_in_range(answers)
    if not any(abs(float(a["fraction"]) - 1) < 0.001 for a in answers):
        found.append(errors.question_no_full_answer())
    return found


_CHECKS: dict[str, Callable[[dict[str, Any]], list[ApplicationError]]] = {
    QuestionKind.SINGLE: lambda data: _check_choices(data, several=False),
    QuestionKind.MULTIPLE: lambda data: _check_choices(data, several=True),
    QuestionKind.TRUE_FALSE: _check_true_false,
    QuestionKind.MATCHING: _check_matching,
    QuestionKind.SHORT_ANSWER: _check_short_answer,
    QuestionKind.NUMERIC: _check_numeric,
}


# --- marking ----------------------------------------------------------------------------------------------------


class AnswerShapeError(ValueError):
    """The answer is not of the shape the question's kind takes."""


def mark(kind: str, data: dict[str, Any], answer: Any) -> float:
    """The share of the mark ``answer`` earns, 0…1; no answer earns 0. Raises ``AnswerShapeError``."""
    if answer is None or answer == "" or answer == []:
        return 0.0
    fraction = _MARKERS[kind](data, answer)
    return min(max(fraction, 0.0), 1.0)


def _index(value: Any, size: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        raise AnswerShapeError
    index = int(value)
    if index >= size:
        raise AnswerShapeError
    return index


def _mark_single(data: dict[str, Any], answer: Any) -> float:
    choices = data["choices"]
    return float(choices[_index(answer, len(choices))]["fraction"])


def _mark_multiple(data: dict[str, Any], answer: Any) -> float:
    if not isinstance(answer, list):
        raise AnswerShapeError
    choices = data["choices"]
    chosen = {_index(value, len(choices)) for value in answer}
    return sum(float(choices[i]["fraction"]) for i in chosen)


def _mark_true_false(data: dict[str, Any], answer: Any) -> float:
    if not isinstance(answer, bool):
        raise AnswerShapeError
    return 1.0 if answer == data["answer"] else 0.0


def _mark_matching(data: dict[str, Any], answer: Any) -> float:
    items = [p for p in data["pairs"] if p["left"].strip()]
    if not isinstance(answer, list) or len(answer) != len(items) or not all(isinstance(a, str) for a in answer):
        raise AnswerShapeError
    right = sum(1 for pair, chosen in zip(items, answer, strict=True) if normalize(chosen) == normalize(pair["right"]))
    return right / len(items)


def normalize(text: str) -> str:
    """Case, accents' composition and spaces do not matter: "  Giấy  khai sinh " equals "giấy khai sinh"."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _accepts(accepted: str, given: str) -> bool:
    if "*" not in accepted:
        return normalize(accepted) == normalize(given)
    pattern = ".*".join(re.escape(part) for part in normalize(accepted).split("*"))
    return re.fullmatch(pattern, normalize(given)) is not None


def _mark_short_answer(data: dict[str, Any], answer: Any) -> float:
    if not isinstance(answer, str):
        raise AnswerShapeError
    return max((float(a["fraction"]) for a in data["answers"] if _accepts(a["text"], answer)), default=0.0)


def parse_number(text: str) -> float | None:
    """A number as typed at a Vietnamese counter: "3,5" and "3.5" alike, "16.000" is sixteen thousand."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    elif cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _mark_numeric(data: dict[str, Any], answer: Any) -> float:
    if isinstance(answer, bool) or not isinstance(answer, str | int | float):
        raise AnswerShapeError
    value = parse_number(str(answer))
    if value is None:
        return 0.0
    return max(
        (
            float(a["fraction"])
            for a in data["answers"]
            if abs(value - float(a["value"])) <= float(a["tolerance"]) + EPSILON * max(1.0, abs(float(a["value"])))
        ),
        default=0.0,
    )


_MARKERS: dict[str, Callable[[dict[str, Any], Any], float]] = {
    QuestionKind.SINGLE: _mark_single,
    QuestionKind.MULTIPLE: _mark_multiple,
    QuestionKind.TRUE_FALSE: _mark_true_false,
    QuestionKind.MATCHING: _mark_matching,
    QuestionKind.SHORT_ANSWER: _mark_short_answer,
    QuestionKind.NUMERIC: _mark_numeric,
}
