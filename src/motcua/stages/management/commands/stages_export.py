"""``manage.py stages_export FILE [--version N]``: write a version of the stage catalogue as an .xlsx workbook."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from motcua.core.errors import ApplicationError
from motcua.stages.exchange import catalogue_export_xlsx
from motcua.stages.selectors import catalogue_current, catalogue_version_get


class Command(BaseCommand):
    help = "Write a version of the stage catalogue (default: the published one) as an .xlsx workbook."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version is Django's own option (print Django's version); here it names the catalogue version.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xlsx file to write.")
        parser.add_argument("--version", type=int, dest="number", help="The catalogue version's number.")

    def handle(self, *args, file: str, number: int | None, **options):
        try:
            version = catalogue_version_get(number=number) if number else catalogue_current()
        except ApplicationError as error:
            raise CommandError(error.bilingual()) from None
        Path(file).write_bytes(catalogue_export_xlsx(version))
        self.stdout.write(f"v{version.number} → {file}")
