"""``manage.py import_procedures FILE``: import a catalogue workbook (.xlsx) or a .zip of CSV files."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from motcua.core.errors import ApplicationError
from motcua.procedures.exchange import ImportRejected, procedures_import_file

LABELS = (
    ("procedures", "thủ tục trong tệp / procedures in the file"),
    ("procedures_created", "thủ tục mới / procedures created"),
    ("versions_created", "phiên bản mới / versions created"),
    ("versions_published", "phiên bản được công bố / versions published"),
    ("drafts_saved", "bản nháp được cập nhật / drafts updated"),
    ("unchanged", "không thay đổi / unchanged"),
    ("reclassified", "đổi lĩnh vực / moved to another field"),
    ("fields_created", "lĩnh vực mới / fields created"),
)


class Command(BaseCommand):
    help = (
        "Import procedures from an .xlsx workbook or a .zip of CSV files. All or nothing: on any error, every "
        "error is printed as 'sheet/row/column: vi / en' and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xlsx workbook or .zip of CSV files.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report; write nothing.")
        parser.add_argument(
            "--no-publish", action="store_true", help="Leave new and changed content as drafts instead of publishing."
        )

    def handle(self, *args, file: str, dry_run: bool, no_publish: bool, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Không đọc được tệp / Cannot read the file {path}: {error.strerror}") from None
        try:
            summary = procedures_import_file(data=data, source=path.name, dry_run=dry_run, publish=not no_publish)
        except ImportRejected as rejected:
            for line in rejected.lines():
                self.stderr.write(line)
            raise CommandError(rejected.bilingual()) from None
        except ApplicationError as error:
            raise CommandError(error.bilingual()) from None
        if dry_run:
            self.stdout.write("Kiểm tra thử, không ghi dữ liệu / Dry run, nothing written")
        counts = summary.counts()
        for key, label in LABELS:
            self.stdout.write(f"  {label}: {counts[key]}")
        for code, outcome in summary.outcomes.items():
            if outcome != "unchanged":
                self.stdout.write(f"  {code}: {outcome}")
