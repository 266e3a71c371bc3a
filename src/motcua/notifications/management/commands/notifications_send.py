"""Send the notifications that are due (queued, their next attempt reached): for cron, or by hand after a
provider came back. Safe beside Celery beat: each row is sent under its lock, once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.notifications.services import notifications_send_due


class Command(BaseCommand):
    help = "Send the notifications that are due (retrying those whose provider was down)."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = notifications_send_due()
        summary = ", ".join(f"{status or 'gone'}: {count}" for status, count in sorted(counts.items())) or "nothing due"
        self.stdout.write(summary)
