"""``manage.py training_export --format gift|xml FILE [--bank NAME]``: question banks to a GIFT or Moodle XML file."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from motcua.core.errors import ApplicationError
from motcua.training import errors
from motcua.training.exchange import questions_export
from motcua.training.models import QuestionBank


class Command(BaseCommand):
    help = "Export question banks (all, or --bank NAME, repeatable) as GIFT or Moodle XML, one category per bank."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The file to write ('-' for standard output).")
        parser.add_argument("--format", required=True, choices=["gift", "xml"])
        parser.add_argument("--bank", action="append", default=[], help="A bank's name; every bank when omitted.")

    def handle(self, *args, file: str, format: str, bank: list[str], **options):
        banks = list(QuestionBank.objects.filter(name__in=bank)) if bank else list(QuestionBank.objects.all())
        try:
            for name in set(bank) - {found.name for found in banks}:
                raise errors.bank_not_found(name=name)
        except ApplicationError as error:
            raise CommandError(error.bilingual()) from None
        content = questions_export(banks=banks, file_format=format)
        if file == "-":
            self.stdout.write(content.decode(), ending="")
            return
        Path(file).write_bytes(content)
        self.stderr.write(f"{Path(file).name}: {len(banks)} ngân hàng / banks")
