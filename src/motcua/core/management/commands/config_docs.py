from pathlib import Path

from django.conf import settings

from motcua.conf.env import render_markdown
from motcua.core.management.generated import GeneratedDocumentCommand


class Command(GeneratedDocumentCommand):
    help = "Print, write (--write) or check (--check) docs/configuration.md, generated from the settings."
    path = Path(settings.BASE_DIR) / "docs" / "configuration.md"
    regenerate_hint = "make config-docs"

    def render(self) -> str:
        return render_markdown()
