"""Reading the rollups: the counts of a scope and period are a SUM over its rows — a handful of rows per day and
place, however many dossiers they stand for."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from ..models import DossierRollup, RollupBuild
from ..periods import Period
from .fold import PLACE, ROLLUP_COLUMNS


def rollups_ready() -> bool:
    """Whether the rollups hold the whole history: a full rebuild has finished and no rebuild is under way
    (a rebuild in progress has dropped rows it has not yet recounted)."""
    latest = RollupBuild.objects.order_by("-pk").values("finished_at").first()
    if latest is None or latest["finished_at"] is None:
        return False
    return RollupBuild.objects.filter(from_day__isnull=True, finished_at__isnull=False).exists()


def _fields(where: Q) -> set[str]:
    names = set()
    for child in where.children:
        if isinstance(child, Q):
            names |= _fields(child)
        else:
            names.add(str(child[0]).split("__")[0])  # type: ignore[index]
    return names


def rollup_can_count(where: Q) -> bool:
    """Whether ``where`` (a scope's selection over the facts) names only places the rollups are keyed by."""
    return _fields(where) <= set(PLACE)


def rollup_counts(where: Q, period: Period, names: set[str], group_by: str | None = None) -> dict[Any, dict]:
    """As :func:`..scores._dossier_counts`, summed from the rollups: per ``group_by`` value (or under ``None``)."""
    measures = {name: Coalesce(Sum(ROLLUP_COLUMNS[name]), 0) for name in names}
    rows = DossierRollup.objects.filter(where, day__gte=period.first_day, day__lt=period.end_day)
    if group_by is None:
        return {None: rows.aggregate(**measures)}
    grouped = rows.order_by().values(group_by).annotate(**measures)
    return {row.pop(group_by): row for row in grouped}
