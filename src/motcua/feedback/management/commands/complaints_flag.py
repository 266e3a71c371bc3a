"""Flag the petitions near or past a deadline (the same job as the Celery beat entry; idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.feedback.services import complaints_flag


class Command(BaseCommand):
    help = "Flag petitions and complaints whose next deadline is near or past (docs/feedback.md)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{complaints_flag()} flag(s) raised")
