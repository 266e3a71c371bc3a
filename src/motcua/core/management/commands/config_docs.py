from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.conf.env import render_markdown

DOC_PATH = Path(settings.BASE_DIR) / "docs" / "configuration.md"


class Command(BaseCommand):
    help = "Print, write (--write) or check (--check) docs/configuration.md, generated from the settings."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--write", action="store_true", help="Write docs/configuration.md.")
        group.add_argument("--check", action="store_true", help="Fail when docs/configuration.md is stale.")

    def handle(self, *args, write: bool, check: bool, **options):
        text = render_markdown()
        if write:
            DOC_PATH.write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {DOC_PATH}")
        elif check:
            if not DOC_PATH.exists() or DOC_PATH.read_text(encoding="utf-8") != text:
                raise CommandError("docs/configuration.md is stale: run `make config-docs`.")
        else:
            self.stdout.write(text)
