"""Background job of the notifications: send what is due. Kicked after a notification is made or sent again,
and run by Celery beat every minute (``CELERY_BEAT_SCHEDULE``) to retry what waits; ``manage.py
notifications_send`` does the same from cron. Idempotent: each row is sent under its lock, once."""

from __future__ import annotations

from celery import shared_task

from .services import notifications_send_due


@shared_task(name="notifications.send_due")
def notifications_send_due_task() -> dict[str, int]:
    return notifications_send_due()
