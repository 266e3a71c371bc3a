"""Celery tasks of booking: thin, JSON arguments only, safe to run twice.

Scheduled by ``CELERY_BEAT_SCHEDULE`` (``motcua.conf.base``); cron can run ``manage.py appointment_reminders``
instead. The reminders are written to the outbox; its own sweep sends them.
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from motcua.workdays.parsing import parse_instant

from .reminders import appointment_reminders_queue
from .services import appointments_mark_missed


def _at(at: str | None):
    return parse_instant(at, tz=timezone.get_current_timezone()) if at else None


@shared_task(name="tickets.appointment_reminders")
def appointment_reminders_task(at: str | None = None) -> int:
    """Queue the reminders of tomorrow's appointments. ``at``: an ISO 8601 instant (default: now)."""
    return appointment_reminders_queue(at=_at(at))


@shared_task(name="tickets.appointments_mark_missed")
def appointments_mark_missed_task(at: str | None = None) -> int:
    """Mark missed the appointments nobody checked in for. ``at``: an ISO 8601 instant (default: now)."""
    return appointments_mark_missed(at=_at(at))
