"""Per-question statistics of an exam for trainers (docs/training.md, "Statistics").

Over the closed attempts of a blueprint, for each question drawn (by its source question):

* **facility index**: the mean share of the mark earned, 0…1 (Moodle's "facility index", as a fraction);
* **discrimination index**: Pearson's correlation between the item's score fraction and the **rest of the test**
  (the attempt's score in percent without this item), as Moodle's "discrimination index" does; None when fewer
  than two attempts drew the item or either score does not vary;
* the number of attempts that drew it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from .models import AttemptQuestion, ExamBlueprint


@dataclass(frozen=True)
class QuestionStatistics:
    question_id: int
    name: str
    kind: str
    attempts: int
    facility: float | None
    discrimination: float | None


def pearson(xs: list[float], ys: list[float]) -> float | None:
    """The correlation of two equally long series; None when it is undefined (n < 2 or no variance)."""
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sxy / math.sqrt(sxx * syy)


def blueprint_statistics(*, blueprint: ExamBlueprint) -> list[QuestionStatistics]:
    rows = list(
        AttemptQuestion.objects.filter(attempt__blueprint=blueprint, attempt__submitted_at__isnull=False)
        .values("attempt_id", "question_id", "name", "kind", "mark", "fraction")
        .order_by("attempt_id", "position")
    )
    totals: dict[int, tuple[Decimal, Decimal]] = {}
    for row in rows:
        earned, possible = totals.get(row["attempt_id"], (Decimal(0), Decimal(0)))
        totals[row["attempt_id"]] = (earned + row["mark"] * Decimal(str(row["fraction"] or 0)), possible + row["mark"])
    items: dict[int, list[tuple[float, float]]] = {}
    names: dict[int, tuple[str, str]] = {}
    for row in rows:
        if row["question_id"] is None:
            continue
        earned, possible = totals[row["attempt_id"]]
        item = row["mark"] * Decimal(str(row["fraction"] or 0))
        rest_possible = possible - row["mark"]
        rest = float((earned - item) * 100 / rest_possible) if rest_possible else 0.0
        items.setdefault(row["question_id"], []).append((float(row["fraction"] or 0), rest))
        names[row["question_id"]] = (row["name"], row["kind"])
    result = []
    for question_id, pairs in items.items():
        scores = [score for score, _ in pairs]
        result.append(
            QuestionStatistics(
                question_id=question_id,
                name=names[question_id][0],
                kind=names[question_id][1],
                attempts=len(pairs),
                facility=sum(scores) / len(scores) if scores else None,
                discrimination=pearson(scores, [rest for _, rest in pairs]),
            )
        )
    return sorted(result, key=lambda stat: (stat.facility if stat.facility is not None else 2, stat.question_id))
