"""What changes a dossier's facts marks it, and the dossiers a transaction marked are folded once it commits.

After the commit, not inside the transaction: a service saves the event before it saves the dossier (or the
other way round), so only the committed whole is the dossier's new state; and one fold per dossier per
transaction, however many rows of it were saved. The fold runs in a transaction of its own (``robust``: a
failure is logged and never turns the clerk's committed work into an error page); a dossier a failed fold missed
is set right by its next change or by ``manage.py indicators_rebuild``, and ``--check`` finds it.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import connection, transaction

from .fold import rollups_fold

logger = logging.getLogger(__name__)


class _Pending:
    """The on-commit callback of one transaction, holding the ids of the dossiers it marked."""

    def __init__(self) -> None:
        self.ids: set[int] = set()
        self.called = False

    def __call__(self) -> None:
        self.called = True
        try:
            rollups_fold(dossier_ids=self.ids)
        except Exception:
            logger.exception("indicator rollups: folding dossiers %s failed", sorted(self.ids)[:20])
            raise


def _pending() -> _Pending | None:
    # Django drops the callbacks of a rolled-back transaction (or savepoint): the marks go with them.
    for entry in connection.run_on_commit:
        func = entry[1]  # (savepoint ids, callback, robust)
        if isinstance(func, _Pending) and not func.called:
            return func
    return None


def rollups_mark_changed(dossier_id: int | None) -> None:
    """Fold the dossier into the rollups when the current transaction commits (at once outside one)."""
    if not dossier_id:
        return
    pending = _pending() if connection.in_atomic_block else None
    if pending is None:
        pending = _Pending()
        pending.ids.add(dossier_id)
        transaction.on_commit(pending, robust=True)
    else:
        pending.ids.add(dossier_id)


def mark_dossier_of(sender: Any, instance: Any, **kwargs: Any) -> None:
    """``post_save`` receiver for a row that belongs to a dossier (event, payment, rating, complaint, delivery,
    component)."""
    if not kwargs.get("raw"):
        rollups_mark_changed(getattr(instance, "dossier_id", None))


def mark_dossier(sender: Any, instance: Any, **kwargs: Any) -> None:
    """``post_save`` receiver of the dossier itself (its result file, fees, place)."""
    if not kwargs.get("raw"):
        rollups_mark_changed(instance.pk)
