"""Vietnamese is the default language: every message of the project must have a Vietnamese translation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "motcua"
PO_FILES = sorted(SRC.glob("**/locale/vi/LC_MESSAGES/django.po"))
ENTRY = re.compile(r'(#, fuzzy\n)?(?:#.*\n)*(?:msgctxt .*\n)?msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', re.MULTILINE)
PLURAL = re.compile(r'msgid_plural ((?:".*"\n)+)msgstr\[0\] ((?:".*"\n)+)', re.MULTILINE)


def _text(block: str) -> str:
    return "".join(line.strip()[1:-1] for line in block.strip().splitlines())


def test_there_are_vietnamese_catalogues_for_the_apps_with_strings():
    apps = {path.parts[-5] for path in PO_FILES}
    assert {"agencies", "procedures", "workdays", "localities", "portal"} <= apps, apps


@pytest.mark.parametrize("po_file", PO_FILES, ids=lambda p: p.parts[-5])
def test_every_message_is_translated_and_none_is_fuzzy(po_file):
    content = po_file.read_text(encoding="utf-8")
    untranslated, fuzzy = [], []
    for match in ENTRY.finditer(content):
        msgid, msgstr = _text(match.group(2)), _text(match.group(3))
        if not msgid:
            continue  # the header
        if match.group(1):
            fuzzy.append(msgid)
        if not msgstr:
            untranslated.append(msgid)
    for match in PLURAL.finditer(content):
        if not _text(match.group(2)):
            untranslated.append(_text(match.group(1)))
    assert not untranslated, f"{po_file}: untranslated {untranslated[:10]}"
    assert not fuzzy, f"{po_file}: fuzzy {fuzzy[:10]}"


@pytest.mark.parametrize("po_file", PO_FILES, ids=lambda p: p.parts[-5])
def test_placeholders_survive_translation(po_file):
    content = po_file.read_text(encoding="utf-8")
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    for match in ENTRY.finditer(content):
        msgid, msgstr = _text(match.group(2)), _text(match.group(3))
        if msgid and msgstr:
            assert sorted(placeholder.findall(msgid)) == sorted(placeholder.findall(msgstr)), (po_file, msgid)
