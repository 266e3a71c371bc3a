"""What a trainee sees of an attempt's question: never the credit of an answer before the attempt is closed."""

from __future__ import annotations

from typing import Any

from .models import AttemptQuestion, QuestionKind


def question_view(row: AttemptQuestion, *, closed: bool) -> dict[str, Any]:
    """The question's texts and the choices to offer; once closed, also the answer given and its credit."""
    view: dict[str, Any] = {
        "position": row.position,
        "kind": row.kind,
        "name": row.name,
        "text": row.text,
        "text_format": row.text_format,
        "mark": row.mark,
        "choices": [],
        "items": [],
        "options": [],
    }
    if row.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        view["choices"] = [choice["text"] for choice in row.data["choices"]]
    elif row.kind == QuestionKind.MATCHING:
        view["items"] = [pair["left"] for pair in row.data["pairs"] if pair["left"].strip()]
        view["options"] = list(row.data.get("options", []))
    view["answer"] = row.answer
    view["fraction"] = row.fraction if closed else None
    view["feedback"] = row.feedback if closed else ""
    return view
