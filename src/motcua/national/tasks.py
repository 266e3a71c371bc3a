"""Celery task of the national exchange: thin, JSON arguments only, safe to run twice (a delivery is sent under
its row lock and only while pending). Cron can run ``manage.py national_push`` instead."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from motcua.workdays.parsing import parse_instant

from .services import delivery_push_due


@shared_task(name="national.push", ignore_result=True)
def national_push_task(now: str | None = None) -> dict[str, int]:
    """Send the deliveries due at ``now`` (an ISO 8601 instant; default: the present)."""
    at = parse_instant(now, tz=timezone.get_current_timezone()) if now else None
    report = delivery_push_due(now=at)
    return {"accepted": report.accepted, "rejected": report.rejected, "failed": report.failed}
