"""One base for the commands that print, write or check a document generated from code.

The configuration reference, the lifecycle table and the OpenAPI document are generated, committed and
checked for drift the same way; a subclass names the file, how to render it and how to regenerate it.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class GeneratedDocumentCommand(BaseCommand):
    path: Path
    regenerate_hint: str

    def render(self) -> str:
        raise NotImplementedError

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--write", action="store_true", help=f"Write {self.path.name}.")
        group.add_argument("--check", action="store_true", help=f"Fail when {self.path.name} is stale.")

    def handle(self, *args, write: bool, check: bool, **options):
        text = self.render()
        if write:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {self.path}")
        elif check:
            if not self.path.exists() or self.path.read_text(encoding="utf-8") != text:
                raise CommandError(f"{self.path.name} is stale: run `{self.regenerate_hint}`.")
        else:
            self.stdout.write(text, ending="")
