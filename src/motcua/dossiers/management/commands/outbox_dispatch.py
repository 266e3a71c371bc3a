"""``manage.py outbox_dispatch [--batch N]``: deliver the outbox once, for cron (Celery beat runs the same job)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from motcua.dossiers.models import OutboxMessage
from motcua.dossiers.tasks import outbox_dispatch_task


class Command(BaseCommand):
    help = "Deliver undelivered outbox messages to their handlers; print how many went out and how many wait."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=100, help="Messages claimed per transaction.")

    def handle(self, *args, batch=100, **options):
        delivered = outbox_dispatch_task(batch=batch)
        waiting = OutboxMessage.objects.filter(dispatched_at__isnull=True).count()
        self.stdout.write(f"delivered={delivered} waiting={waiting}")
