"""``manage.py appointment_reminders``: queue tomorrow's appointment reminders (idempotent; daily by cron or beat)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from motcua.tickets.booking.reminders import appointment_reminders_queue
from motcua.tickets.booking.services import appointments_mark_missed


class Command(BaseCommand):
    help = (
        "Write a reminder e-mail to the outbox for each of tomorrow's appointments not reminded yet; with "
        "--mark-missed, also mark missed the appointments nobody checked in for."
    )

    def add_arguments(self, parser):
        parser.add_argument("--mark-missed", action="store_true", help="Also mark missed the past appointments.")

    def handle(self, *args, mark_missed: bool = False, **options):
        self.stdout.write(f"{appointment_reminders_queue()} reminder(s)")
        if mark_missed:
            self.stdout.write(f"{appointments_mark_missed()} missed")
