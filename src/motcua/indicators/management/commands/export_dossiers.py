"""Write one row per dossier — the facts the indicators count — to CSV or Parquet (docs/indicators.md, "Export")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import ApplicationError
from motcua.indicators.export import dossiers_export
from motcua.indicators.periods import period_parse
from motcua.indicators.scopes import scope_parse

USAGE_ERROR = 2


class Command(BaseCommand):
    help = "Export one row per dossier (the indicators' facts) to FILE.parquet or FILE.csv, streaming in chunks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="FILE.parquet or FILE.csv")
        parser.add_argument("--period", help="only dossiers received in this period (YYYY-MM, YYYY-Qn, … YYYY)")
        parser.add_argument("--scope", default="country", help="point:CODE, agency:CODE, commune:CODE, province:CODE")
        parser.add_argument("--chunk-size", type=int, default=None, help="rows per chunk (one Parquet row group)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            scope = scope_parse(options["scope"])
            period = period_parse(options["period"]) if options["period"] else None
            exported = dossiers_export(
                path=Path(options["file"]),
                where=scope.dossiers,
                period=period,
                chunk_size=options["chunk_size"] or settings.INDICATOR_EXPORT_CHUNK,
                progress=lambda n: self.stderr.write(f"\r{n} dossiers written", ending=""),
            )
        except ApplicationError as exc:
            raise CommandError(exc.bilingual(), returncode=USAGE_ERROR) from exc
        except OSError as exc:
            raise CommandError(
                f"Không ghi được tệp / Cannot write the file: {exc.strerror}", returncode=USAGE_ERROR
            ) from exc
        self.stderr.write("")
        self.stdout.write(f"{exported.rows} dossiers → {exported.path}")
