"""Background job of the petitions: flag those near or past a deadline. Run by Celery beat (the entry
``feedback-complaints-flag`` of ``CELERY_BEAT_SCHEDULE``) or ``manage.py complaints_flag`` from cron; idempotent."""

from __future__ import annotations

from celery import shared_task

from .services import complaints_flag


@shared_task(name="feedback.complaints_flag")
def complaints_flag_task() -> int:
    return complaints_flag()
