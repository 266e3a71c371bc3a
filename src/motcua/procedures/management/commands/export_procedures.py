"""``manage.py export_procedures FILE``: write the published catalogue as .xlsx or as a .zip of CSV files."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from motcua.procedures.exchange import procedures_export_tables, tables_to_csv_zip, tables_to_xlsx

FORMAT_BY_SUFFIX = {".xlsx": "xlsx", ".zip": "csv", ".csv": "csv"}


class Command(BaseCommand):
    help = (
        "Export the current published version of every procedure. The extension chooses the format: .xlsx for a "
        "workbook, .zip (or .csv, written as .zip) for four UTF-8 CSV files."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write: catalogue.xlsx or catalogue.zip.")
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Write the built-in demo catalogue (no database needed) instead of the published catalogue.",
        )

    def handle(self, *args, file: str, demo: bool, **options):
        path = Path(file)
        fmt = FORMAT_BY_SUFFIX.get(path.suffix.lower())
        if fmt is None:
            raise CommandError(
                f"Không rõ định dạng của {path.name}: dùng .xlsx hoặc .zip / "
                f"Unknown format for {path.name}: use .xlsx or .zip"
            )
        if path.suffix.lower() == ".csv":
            path = path.with_suffix(".zip")  # four CSV files travel together in one archive
        if demo:
            from motcua.procedures.demo import demo_tables

            tables = demo_tables()
        else:
            tables = procedures_export_tables()
        data = tables_to_xlsx(tables) if fmt == "xlsx" else tables_to_csv_zip(tables)
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Không ghi được tệp / Cannot write the file {path}: {error.strerror}") from None
        count = len(tables["procedures"].rows)
        self.stdout.write(f"Đã ghi {count} thủ tục vào / Wrote {count} procedures to {path}")
