"""Every message of the workdays app has a Vietnamese translation, and errors read in both languages."""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import pytest

import motcua.workdays
from motcua.workdays import errors

from .support import needs_vietnamese

PO = Path(motcua.workdays.__file__).parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def _entries() -> list[tuple[str, list[str], list[str]]]:
    """(msgid, msgstrs, flags) of each entry, read with a small parser of the PO syntax."""
    entries, msgid, msgstrs, flags, current = [], None, [], [], None
    for line in [*PO.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if msgid is not None:
                entries.append((msgid, msgstrs, flags))
            msgid, msgstrs, flags, current = None, [], [], None
        elif line.startswith("#,"):
            flags = [flag.strip() for flag in line[2:].split(",")]
        elif line.startswith("msgid "):
            msgid, current = ast.literal_eval(line[6:]), "id"
        elif line.startswith("msgid_plural "):
            current = "plural"
        elif line.startswith("msgstr"):
            msgstrs.append(ast.literal_eval(line.split(" ", 1)[1]))
            current = "str"
        elif line.startswith('"'):
            if current == "id":
                msgid += ast.literal_eval(line)
            elif current == "str":
                msgstrs[-1] += ast.literal_eval(line)
    return entries


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = [entry for entry in _entries() if entry[0]]  # skip the header

    assert len(entries) > 40
    for msgid, msgstrs, flags in entries:
        assert "fuzzy" not in flags, msgid
        assert msgstrs and all(text.strip() for text in msgstrs), msgid


def test_the_catalogue_compiles_with_format_checks(tmp_path):
    if shutil.which("msgfmt") is None:
        pytest.skip("gettext's msgfmt is not installed")
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(PO)], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr


@needs_vietnamese
def test_an_error_renders_in_vietnamese_and_english():
    error = errors.invalid_instant(value="32/01/2025")

    assert error.messages() == {
        "vi": "“32/01/2025” không phải ngày giờ: hãy viết theo ISO 8601 (2025-04-26T09:30) hoặc dd/mm/yyyy HH:MM.",
        "en": "“32/01/2025” is not a date and time: write ISO 8601 (2025-04-26T09:30) or dd/mm/yyyy HH:MM.",
    }
