"""The scores as the ``indicators`` command prints them: a stable JSON shape and a plain table
(docs/indicators.md, "Commands")."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from .scores import Ranked, Scores


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def scores_as_json(scores: Scores) -> dict[str, Any]:
    """Version 1 of the shape documented in docs/indicators.md; keys are only ever added."""
    s = scores.indicator_set
    return {
        "shape": 1,
        "indicator_set": {
            "name": s.name,
            "version": s.version,
            "published_at": s.published_at.isoformat() if s.published_at else None,
            "unverified": s.unverified,
        },
        "scope": {"key": scores.scope.key, "kind": scores.scope.kind, "code": scores.scope.code,
                  "name": scores.scope.name},
        "period": {
            "key": scores.period.key,
            "first_day": scores.period.first_day.isoformat(),
            "last_day": (scores.period.end_day - timedelta(days=1)).isoformat(),
        },
        "received": scores.received,
        "indicators": [
            {
                "code": line.indicator.code,
                "group": line.indicator.group,
                "label_vi": line.indicator.label_vi,
                "label_en": line.indicator.label_en,
                "formula": line.indicator.formula,
                "numerator_filters": line.indicator.numerator_names,
                "denominator_filter": line.indicator.denominator,
                "numerator": line.numerator,
                "denominator": line.denominator,
                "rate": _rate(line.rate),
                "threshold": float(line.indicator.threshold),
                "weight": float(line.indicator.weight),
                "points": round(line.points, 2),
                "applicable": line.applicable,
                "target_met": line.target_met,
                "calendar": line.indicator.calendar,
                "unverified": line.indicator.unverified,
            }
            for line in scores.lines
        ],
        "groups": scores.groups,
        "total": scores.total,
        "grade": scores.grade,
    }  # fmt: skip


def scores_as_table(scores: Scores) -> list[str]:
    header = f"{'indicator':<26} {'numerator':>10} {'denominator':>12} {'rate':>8} {'T':>5} {'points':>7}/{'max':<5}"
    lines = [
        f"{scores.indicator_set} · {scores.scope.key} ({scores.scope.name}) · {scores.period.key} · "
        f"{scores.received} received",
        header,
        "-" * len(header),
    ]
    for line in scores.lines:
        rate = "—" if line.rate is None else f"{line.rate * 100:.1f}%"
        lines.append(
            f"{line.indicator.code:<26} {line.numerator:>10} {line.denominator:>12} {rate:>8} "
            f"{float(line.indicator.threshold) * 100:>4.0f}% {line.points:>7.2f}/{float(line.indicator.weight):<5.0f}"
        )
    lines.append("-" * len(header))
    lines.append("  ".join(f"{group} {points:.2f}" for group, points in scores.groups.items()))
    lines.append(f"total {scores.total:.2f}/100 · {scores.grade}")
    return lines


def ranking_as_json(ranking: list[Ranked]) -> list[dict[str, Any]]:
    return [
        {
            "rank": r.rank,
            "scope": {"key": r.scores.scope.key, "kind": r.scores.scope.kind, "code": r.scores.scope.code,
                      "name": r.scores.scope.name},
            "received": r.scores.received,
            "groups": r.scores.groups,
            "total": r.scores.total,
            "grade": r.scores.grade,
        }
        for r in ranking
    ]  # fmt: skip


def ranking_as_table(ranking: list[Ranked]) -> list[str]:
    lines = [f"{'#':>3} {'code':<12} {'name':<32} {'received':>9} {'total':>7}  grade"]
    for r in ranking:
        s = r.scores
        lines.append(
            f"{r.rank:>3} {s.scope.code:<12} {s.scope.name[:32]:<32} {s.received:>9} {s.total:>7.2f}  {s.grade}"
        )
    return lines
