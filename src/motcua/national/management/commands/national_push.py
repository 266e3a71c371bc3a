"""Send the deliveries to the national portal that are due (cron's way; the Celery task ``national.push`` does
the same). Takes the outbox first, so every status change already written has its delivery."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.core.errors import ApplicationError
from motcua.dossiers.outbox import outbox_dispatch
from motcua.national.services import delivery_push_due
from motcua.workdays.parsing import parse_instant


class Command(BaseCommand):
    help = "Send the dossier status changes due to the National Public Service Portal."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", help="the present, ISO 8601 (for a rehearsal); default: the clock")
        parser.add_argument("--limit", type=int, default=500, help="deliveries sent at most in one run")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            now = parse_instant(options["now"], tz=timezone.get_current_timezone()) if options["now"] else None
            outbox_dispatch()
            report = delivery_push_due(now=now, limit=max(1, min(options["limit"], 100_000)))
        except ApplicationError as exc:
            raise CommandError(exc.bilingual()) from exc
        self.stdout.write(f"accepted {report.accepted}, rejected {report.rejected}, failed {report.failed}")
