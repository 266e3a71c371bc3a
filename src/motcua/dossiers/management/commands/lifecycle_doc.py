from pathlib import Path

from django.conf import settings

from motcua.core.management.generated import GeneratedDocumentCommand
from motcua.dossiers.lifecycle_doc import lifecycle_markdown


class Command(GeneratedDocumentCommand):
    help = "Print, write (--write) or check (--check) docs/lifecycle.md, generated from the lifecycle table."
    path = Path(settings.BASE_DIR) / "docs" / "lifecycle.md"
    regenerate_hint = "manage.py lifecycle_doc --write"

    def render(self) -> str:
        return lifecycle_markdown()
