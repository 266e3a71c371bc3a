"""Periodic job of the queue, scheduled by ``CELERY_BEAT_SCHEDULE`` (``motcua.conf.base``): each night, the day's
end. Both steps are idempotent, so beat and a cron running it by hand together do no harm.

Importing the booking's tasks here registers them too: Celery's autodiscovery reads ``tickets.tasks`` only.
"""

from __future__ import annotations

from celery import shared_task

from .booking import tasks as booking_tasks  # noqa: F401 - registers the booking's tasks with the worker
from .booking.services import appointments_mark_missed
from .services import tickets_expire


@shared_task(name="tickets.day_close")
def day_close_task() -> dict[str, int]:
    """Close the past days: tickets still open are expired (or finished at their last call), appointments nobody
    checked in for are marked missed."""
    return {"tickets_expired": tickets_expire(), "appointments_missed": appointments_mark_missed()}
