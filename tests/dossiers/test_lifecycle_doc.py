from pathlib import Path

from motcua.dossiers.lifecycle import TRANSITIONS
from motcua.dossiers.lifecycle_doc import lifecycle_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "lifecycle.md"


def test_the_lifecycle_document_is_generated_from_the_table_and_current():
    text = lifecycle_markdown()
    assert DOC.read_text(encoding="utf-8") == text, "run `manage.py lifecycle_doc --write`"
    for action in TRANSITIONS:
        assert f"| `{action.value}`" in text
