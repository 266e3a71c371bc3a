"""``manage.py training_import FILE [--bank NAME]``: questions from a GIFT or Moodle XML file into banks."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from motcua.core.errors import ApplicationError
from motcua.stages.models import StageCode
from motcua.training.errors import TrainingImportRejected
from motcua.training.exchange import questions_import_file


class Command(BaseCommand):
    help = (
        "Import questions from a GIFT (.gift, .txt) or Moodle XML (.xml) file. Each $CATEGORY goes into the bank of "
        "that name (created when missing) unless --bank puts them all in one. All or nothing: on any error, every "
        "error is printed as 'line: vi / en' and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .gift, .txt or .xml file.")
        parser.add_argument("--bank", default="", help="Put every question in this bank (created when missing).")
        parser.add_argument("--stage", default="", choices=["", *StageCode.values], help="Stage of new banks.")

    def handle(self, *args, file: str, bank: str, stage: str, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Không đọc được tệp / Cannot read the file {path}: {error.strerror}") from None
        try:
            result = questions_import_file(name=path.name, data=data, bank_name=bank, stage_code=stage)
        except TrainingImportRejected as rejected:
            for line in rejected.lines():
                self.stderr.write(line)
            raise CommandError(rejected.bilingual()) from None
        except ApplicationError as error:
            raise CommandError(error.bilingual()) from None
        self.stdout.write(f"Đã nhập / Imported {result.questions} câu hỏi / questions: {', '.join(result.banks)}")
