#!/usr/bin/env python3
"""Fill Vietnamese translations into .po files from JSON dictionaries (English msgid → Vietnamese).

    scripts/fill_po.py src/motcua/desk/locale/vi/LC_MESSAGES/django.po var/i18n/*.json

Fills empty and fuzzy entries whose msgid is in a dictionary (contexts as ``"context\\u0004msgid"``),
drops the fuzzy flag, sets the header's charset and Vietnamese plural forms, and prints what is still
untranslated. Needs polib (`.venv/bin/pip install polib`); a developer tool, not used by the app or the tests.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib


def main(po_path: str, *dictionaries: str) -> int:
    table: dict[str, str] = {}
    for path in dictionaries:
        table.update(json.loads(Path(path).read_text(encoding="utf-8")))
    po = polib.pofile(po_path, wrapwidth=0)
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["Language"] = "vi"
    missing = []
    for entry in po:
        key = f"{entry.msgctxt}\u0004{entry.msgid}" if entry.msgctxt else entry.msgid
        fuzzy = "fuzzy" in entry.flags
        if entry.msgid_plural:
            if (not entry.msgstr_plural.get(0) or fuzzy) and key in table:
                entry.msgstr_plural = {0: table[key]}
        elif (not entry.msgstr or fuzzy) and key in table:
            entry.msgstr = table[key]
        elif fuzzy and key not in table:
            missing.append(entry.msgid)
            continue
        if fuzzy and (entry.msgstr or entry.msgstr_plural.get(0)):
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            entry.previous_msgid_plural = None
            entry.previous_msgctxt = None
        if not (entry.msgstr or entry.msgstr_plural.get(0)):
            missing.append(entry.msgid)
    po.save(po_path)
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
