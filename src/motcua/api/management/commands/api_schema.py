"""``manage.py api_schema``: print, write (--write) or check (--check) docs/api/openapi.json."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from motcua.api.openapi import OPENAPI_PATH, openapi_document


class Command(BaseCommand):
    help = "Print, write (--write) or check (--check) docs/api/openapi.json, generated from the API."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--write", action="store_true", help="Write docs/api/openapi.json.")
        group.add_argument("--check", action="store_true", help="Fail when docs/api/openapi.json is stale.")

    def handle(self, *args, write: bool, check: bool, **options):
        text = openapi_document()
        if write:
            OPENAPI_PATH.parent.mkdir(parents=True, exist_ok=True)
            OPENAPI_PATH.write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {OPENAPI_PATH}")
        elif check:
            if not OPENAPI_PATH.exists() or OPENAPI_PATH.read_text(encoding="utf-8") != text:
                raise CommandError("docs/api/openapi.json is stale: run `make api-schema`.")
        else:
            self.stdout.write(text, ending="")
