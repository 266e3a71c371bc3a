from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.dossiers.lifecycle_doc import lifecycle_markdown

DOC_PATH = Path(settings.BASE_DIR) / "docs" / "lifecycle.md"


class Command(BaseCommand):
    help = "Print, write (--write) or check (--check) docs/lifecycle.md, generated from the lifecycle table."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--write", action="store_true")
        group.add_argument("--check", action="store_true")

    def handle(self, *args, write: bool, check: bool, **options):
        text = lifecycle_markdown()
        if write:
            DOC_PATH.write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {DOC_PATH}")
        elif check:
            if not DOC_PATH.exists() or DOC_PATH.read_text(encoding="utf-8") != text:
                raise CommandError("docs/lifecycle.md is stale: run `manage.py lifecycle_doc --write`.")
        else:
            self.stdout.write(text)
