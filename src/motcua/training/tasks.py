"""Periodic job of training, scheduled by ``CELERY_BEAT_SCHEDULE`` (``motcua.conf.base``)."""

from __future__ import annotations

from celery import shared_task

from .exams import attempts_close_expired


@shared_task(name="training.attempts_close_expired")
def attempts_close_task() -> int:
    """Close the exams whose time ran out without a submission (a page or a submit closes them too)."""
    return attempts_close_expired()
