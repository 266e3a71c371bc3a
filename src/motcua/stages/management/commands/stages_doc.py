from pathlib import Path

from django.conf import settings

from motcua.core.management.generated import GeneratedDocumentCommand
from motcua.stages.doc import stages_markdown


class Command(GeneratedDocumentCommand):
    help = "Print, write (--write) or check (--check) docs/stages.md, generated from the published stage catalogue."
    path = Path(settings.BASE_DIR) / "docs" / "stages.md"
    regenerate_hint = "manage.py stages_doc --write"

    def render(self) -> str:
        return stages_markdown()
