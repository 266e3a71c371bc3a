"""Fetch the dossiers filed online on the national portal into motcua (``IncomingFiling`` rows, once each), where
the online inbox will take them (docs/national-portal.md, "Pull")."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.core.errors import ApplicationError
from motcua.national.pull import filing_pull


class Command(BaseCommand):
    help = "Fetch the dossiers filed on the National Public Service Portal."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            created = filing_pull()
        except ApplicationError as exc:
            raise CommandError(exc.bilingual()) from exc
        self.stdout.write(f"{created} new filing(s)")
