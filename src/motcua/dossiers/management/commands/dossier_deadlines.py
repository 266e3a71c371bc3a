"""``manage.py dossier_deadlines [--at ISO]``: the deadline watch, for cron (Celery beat runs the same job)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from motcua.core.errors import ApplicationError
from motcua.dossiers.control import dossier_deadlines_flag
from motcua.workdays.parsing import parse_instant


class Command(BaseCommand):
    help = "Flag open dossiers newly due soon or overdue, and steps newly overdue; print the counts. Safe to rerun."

    def add_arguments(self, parser):
        parser.add_argument("--at", help="Check as of this instant (ISO 8601 or dd/mm/yyyy HH:MM, local time).")

    def handle(self, *args, at=None, **options):
        try:
            instant = parse_instant(at, tz=timezone.get_current_timezone()) if at else None
        except ApplicationError as exc:
            raise CommandError(exc.bilingual()) from exc
        counts = dossier_deadlines_flag(at=instant)
        self.stdout.write(
            f"due_soon={counts['due_soon']} overdue={counts['overdue']} "
            f"step_overdue={counts['step_overdue']} checked={counts['checked']}"
        )
