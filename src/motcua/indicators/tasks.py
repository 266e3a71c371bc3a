"""Background job of the indicators: fold the dossiers whose fold after their commit failed. Run by Celery beat
(the entry ``indicators-fold-pending`` of ``CELERY_BEAT_SCHEDULE``); idempotent."""

from __future__ import annotations

from celery import shared_task

from .rollups import rollups_fold_pending


@shared_task(name="indicators.rollups_fold_pending")
def rollups_fold_pending_task() -> int:
    return rollups_fold_pending()
