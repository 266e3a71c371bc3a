"""Reminders before a certification expires (``CERTIFICATION_REMINDER_DAYS``: 90, 60, 30 and 7 days by default).

Each reminder is written once, as a message of the transactional outbox (topic ``certification.expiry_reminder``,
delivered by the handlers registered for it; the built-in one logs it), and recorded in :class:`~.models.ReminderSent`
so that running the job twice a day, or beat and cron together, reminds no one twice. A certification already
renewed or revoked is not reminded.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction

from motcua.core.localtime import local_date
from motcua.dossiers.models import OutboxMessage

from .models import Certification, ReminderSent

TOPIC = "certification.expiry_reminder"


def _threshold(days_left: int, thresholds: list[int]) -> int | None:
    """The smallest threshold ``days_left`` has reached: one reminder for a job that did not run for a while."""
    reached = [days for days in thresholds if days_left <= days]
    return min(reached) if reached else None


def certification_reminders_send(*, today: date | None = None) -> int:
    """Write the reminders due today; returns how many were written."""
    day = today or local_date()
    thresholds = sorted({int(days) for days in settings.CERTIFICATION_REMINDER_DAYS if int(days) >= 0})
    if not thresholds:
        return 0
    horizon = day.toordinal() + max(thresholds)
    candidates = (
        Certification.objects.filter(revoked_at__isnull=True, valid_until__gte=day, renewals__isnull=True)
        .select_related("user", "field")
        .order_by("valid_until", "pk")
    )
    sent = 0
    for certification in candidates:
        if certification.valid_until.toordinal() > horizon:
            break
        days_left = (certification.valid_until - day).days
        threshold = _threshold(days_left, thresholds)
        if threshold is not None and _remind(certification, threshold=threshold, days_left=days_left):
            sent += 1
    return sent


def _remind(certification: Certification, *, threshold: int, days_left: int) -> bool:
    try:
        with transaction.atomic():
            _, created = ReminderSent.objects.get_or_create(certification=certification, days_before=threshold)
            if not created:
                return False
            OutboxMessage.objects.create(
                key=f"certification:{certification.pk}:reminder:{threshold}",
                topic=TOPIC,
                payload={
                    "user": certification.user.get_username(),
                    "email": certification.user.email,
                    "stage": certification.stage_code,
                    "field": certification.field.name,
                    "valid_until": certification.valid_until.isoformat(),
                    "days_left": days_left,
                    "threshold": threshold,
                },
            )
    except IntegrityError:  # another run wrote it first
        return False
    return True
