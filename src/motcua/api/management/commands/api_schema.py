"""``manage.py api_schema``: print, write (--write) or check (--check) docs/api/openapi.json."""

from motcua.api.openapi import OPENAPI_PATH, openapi_document
from motcua.core.management.generated import GeneratedDocumentCommand


class Command(GeneratedDocumentCommand):
    help = "Print, write (--write) or check (--check) docs/api/openapi.json, generated from the API."
    path = OPENAPI_PATH
    regenerate_hint = "make api-schema"

    def render(self) -> str:
        return openapi_document()
