"""Celery tasks of the dossier engine: thin, JSON arguments only, safe to run twice.

Scheduled by ``CELERY_BEAT_SCHEDULE`` (``motcua.conf.base``); cron can run the management commands
``dossier_deadlines`` and ``outbox_dispatch`` instead.
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from motcua.workdays.parsing import parse_instant

from .control import dossier_deadlines_flag
from .outbox import outbox_dispatch

# A run delivers at most this many batches, so a burst cannot keep one worker busy forever.
MAX_BATCHES = 50


@shared_task(name="dossiers.outbox_dispatch", ignore_result=True)
def outbox_dispatch_task(batch: int = 100) -> int:
    """Deliver the outbox until a batch comes back short. Idempotent: delivered messages are not claimed again."""
    total = 0
    for _ in range(MAX_BATCHES):
        delivered = outbox_dispatch(batch=batch)
        total += delivered
        if delivered < batch:
            break
    return total


@shared_task(name="dossiers.deadlines_flag")
def dossier_deadlines_flag_task(at: str | None = None) -> dict[str, int]:
    """Flag dossiers and steps newly due soon or overdue. ``at``: an ISO 8601 instant (default: now)."""
    return dossier_deadlines_flag(at=parse_instant(at, tz=timezone.get_current_timezone()) if at else None)
