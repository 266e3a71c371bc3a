"""Periodic job of certification, scheduled by ``CELERY_BEAT_SCHEDULE`` (``motcua.conf.base``)."""

from __future__ import annotations

from celery import shared_task

from .reminders import certification_reminders_send


@shared_task(name="certification.reminders_send")
def reminders_send_task() -> int:
    return certification_reminders_send()
