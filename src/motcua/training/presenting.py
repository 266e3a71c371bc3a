"""What a trainee sees of an attempt's question: never the credit of an answer before the attempt is closed."""

from __future__ import annotations

from typing import Any

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

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
    view.update(_given(row))
    view["match_rows"] = [
        (item, view["matched"][index] if index < len(view["matched"]) else "")
        for index, item in enumerate(view["items"])
    ]
    view["fraction"] = row.fraction if closed else None
    view["feedback"] = row.feedback if closed else ""
    return view


def _given(row: AttemptQuestion) -> dict[str, Any]:
    """The answer saved so far in the shapes the form shows it back (ticked choices, the chosen match per item,
    the typed text) and in words, for the result."""
    answer = row.answer
    chosen: list[int] = []
    matched: list[str] = []
    typed = ""
    words = ""
    if answer is None:
        pass
    elif row.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        chosen = [int(i) for i in (answer if isinstance(answer, list) else [answer]) if str(i).isdigit()]
        texts = [row.data["choices"][i]["text"] for i in chosen if i < len(row.data["choices"])]
        words = "; ".join(strip_tags(text) for text in texts)
    elif row.kind == QuestionKind.TRUE_FALSE:
        typed = "true" if answer is True else "false" if answer is False else ""
        words = str(_("True") if answer is True else _("False")) if typed else ""
    elif row.kind == QuestionKind.MATCHING:
        matched = [str(value) for value in answer] if isinstance(answer, list) else []
        words = "; ".join(strip_tags(value) for value in matched if value)
    else:
        typed = words = str(answer)
    return {"chosen": chosen, "matched": matched, "typed": typed, "answer_words": words}
