"""``manage.py stages_import FILE``: read a stage catalogue workbook into a new draft version."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from motcua.core.errors import ApplicationError
from motcua.stages.errors import StagesImportRejected
from motcua.stages.exchange import catalogue_import_xlsx


class Command(BaseCommand):
    help = (
        "Import a stage catalogue workbook (.xlsx) as a new draft version. All or nothing: on any error, every "
        "error is printed as 'sheet/row/column: vi / en' and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xlsx workbook.")
        parser.add_argument("--note", default="", help="A note kept on the draft.")

    def handle(self, *args, file: str, note: str, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Không đọc được tệp / Cannot read the file {path}: {error.strerror}") from None
        try:
            draft = catalogue_import_xlsx(data, note=note or f"imported from {path.name}")
        except StagesImportRejected as rejected:
            for line in rejected.lines():
                self.stderr.write(line)
            raise CommandError(rejected.bilingual()) from None
        except ApplicationError as error:
            raise CommandError(error.bilingual()) from None
        self.stdout.write(f"Bản nháp / Draft v{draft.number}: {draft.stages.count()} stages")
