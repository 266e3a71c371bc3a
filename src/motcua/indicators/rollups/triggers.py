"""What changes a dossier's facts marks it, and the dossiers a transaction marked are folded once it commits.

After the commit, not inside the transaction: a service saves the event before it saves the dossier (or the
other way round), so only the committed whole is the dossier's new state; and one fold per dossier per
transaction, however many rows of it were saved. The mark itself is a row (:class:`..models.RollupMark`)
written inside the transaction, so it commits with the change: the fold after the commit removes it, and a fold
that fails (``robust``: logged, never turning the clerk's committed work into an error page) leaves it for
:func:`rollups_fold_pending`, run every minute by Celery beat. No change is lost to the rollups.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from ..models import RollupMark
from .fold import rollups_fold

logger = logging.getLogger(__name__)

SWEEP_AFTER_SECONDS = 60  # a mark younger than this is left to its own transaction's fold
SWEEP_BATCH = 2000


def _mark(dossier_id: int) -> None:
    RollupMark.objects.create(dossier_id=dossier_id, marked_at=timezone.now())


@transaction.atomic
def _fold_marked(ids: list[int]) -> int:
    """Fold the dossiers and delete the marks read before the fold (a mark inserted since stays)."""
    marks = list(RollupMark.objects.filter(dossier_id__in=ids).values_list("pk", flat=True))
    folded = rollups_fold(dossier_ids=ids)
    if marks:
        RollupMark.objects.filter(pk__in=marks).delete()
    return folded


def _fold_robustly(ids: list[int]) -> None:
    try:
        _fold_marked(ids)
    except Exception:  # the clerk's work is committed: the marks stay for the sweep
        logger.exception("indicator rollups: folding dossiers %s failed; left marked for the sweep", ids[:20])


class _Pending:
    """The on-commit callback of one transaction, holding the ids of the dossiers it marked."""

    def __init__(self) -> None:
        self.ids: set[int] = set()
        self.called = False

    def __call__(self) -> None:
        self.called = True
        _fold_robustly(sorted(self.ids))


def _pending() -> _Pending | None:
    # Django drops the callbacks of a rolled-back transaction (or savepoint): the marks go with them.
    for entry in connection.run_on_commit:
        func = entry[1]  # (savepoint ids, callback, robust)
        if isinstance(func, _Pending) and not func.called:
            return func
    return None


def rollups_mark_changed(dossier_id: int | None) -> None:
    """Mark the dossier and fold it into the rollups when the current transaction commits (at once outside
    one)."""
    if not dossier_id:
        return
    if not connection.in_atomic_block:
        _mark(dossier_id)
        _fold_robustly([dossier_id])
        return
    pending = _pending()
    if pending is None:
        pending = _Pending()
        transaction.on_commit(pending, robust=True)
    if dossier_id not in pending.ids:
        pending.ids.add(dossier_id)
        _mark(dossier_id)


def rollups_fold_pending(*, older_than_seconds: int = SWEEP_AFTER_SECONDS, batch: int = SWEEP_BATCH) -> int:
    """Fold the dossiers with a mark older than ``older_than_seconds`` (their own fold failed or never ran), a
    batch at a time until none is left. Returns the dossiers folded. Idempotent, safe beside clerks."""
    folded = 0
    while True:
        cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
        due = RollupMark.objects.filter(marked_at__lte=cutoff).order_by("dossier_id")
        ids = list(due.values_list("dossier_id", flat=True).distinct()[:batch])
        if not ids:
            return folded
        _fold_marked(ids)
        folded += len(ids)
        if len(ids) < batch:
            return folded


def mark_dossier_of(sender: Any, instance: Any, **kwargs: Any) -> None:
    """``post_save`` receiver for a row that belongs to a dossier (event, payment, rating, complaint, delivery,
    component)."""
    if not kwargs.get("raw"):
        rollups_mark_changed(getattr(instance, "dossier_id", None))


def mark_dossier(sender: Any, instance: Any, **kwargs: Any) -> None:
    """``post_save`` receiver of the dossier itself (its result file, fees, place)."""
    if not kwargs.get("raw"):
        rollups_mark_changed(instance.pk)
