"""``manage.py certification_reminders``: remind holders before expiry (idempotent; daily by cron or beat)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from motcua.certification.reminders import certification_reminders_send


class Command(BaseCommand):
    help = "Write the reminders due today (CERTIFICATION_REMINDER_DAYS before expiry), each once, to the outbox."

    def handle(self, *args, **options):
        self.stdout.write(f"{certification_reminders_send()} reminder(s)")
