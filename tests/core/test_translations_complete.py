"""No English word left in a Vietnamese page: every message the code and the templates use is in a catalogue.

``test_translations.py`` checks that what the catalogues hold is translated; this checks that they hold everything:
``makemessages`` runs over a throwaway copy of the source tree (the project's catalogues are never touched) and each
message it finds (with its context) must be in one of the project's Vietnamese catalogues, which Django merges at
run time. A string added to the code without ``scripts/i18n.sh`` fails here.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

SRC = Path(__file__).resolve().parents[2] / "src" / "motcua"
CATALOGUES = sorted(SRC.glob("**/locale/vi/LC_MESSAGES/django.po"))
SOURCES = ("*.py", "*.html", "*.txt")


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(lines: list[str]) -> str:
    text = "".join(line.strip()[1:-1] for line in lines)
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


def messages(po_file: Path) -> set[tuple[str, str]]:
    """The (context, msgid) of every live entry of a catalogue (obsolete ``#~`` entries left out)."""
    found: set[tuple[str, str]] = set()
    entry: dict[str, list[str]] = {}
    field = ""

    def flush() -> None:
        msgid = _unquote(entry.get("msgid", []))
        if msgid:
            found.add((_unquote(entry.get("msgctxt", [])), msgid))

    for line in po_file.read_text(encoding="utf-8").splitlines():
        if line.startswith('"') and field:
            entry[field].append(line)
            continue
        if not line.strip() or line.startswith("#"):
            field = ""
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgctxt" or (keyword == "msgid" and "msgid" in entry):
            flush()
            entry = {}
        field = keyword
        entry[field] = [rest]
    flush()
    return found


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[tuple[str, str]]:
    """What ``makemessages`` finds in a copy of the source tree (Python, templates, text), one catalogue for all."""
    root = tmp_path_factory.mktemp("messages")
    tree = root / "motcua"
    shutil.copytree(SRC, tree, ignore=shutil.ignore_patterns("locale", "migrations", "static", "__pycache__"))
    (root / "locale").mkdir()
    before = os.getcwd()
    os.chdir(root)
    try:
        with override_settings(LOCALE_PATHS=[]):  # write into the copy's locale/, never the project's
            call_command("makemessages", locale=["vi"], extensions=["html", "txt", "py"], verbosity=0)
    finally:
        os.chdir(before)
    return messages(root / "locale" / "vi" / "LC_MESSAGES" / "django.po")


def test_the_parser_reads_contexts_and_plurals(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n\n#: a.py:1\nmsgctxt "menu"\nmsgid "Home"\nmsgstr "Trang chủ"\n\n'
        'msgid "%(n)s step"\nmsgid_plural "%(n)s steps"\nmsgstr[0] "%(n)s bước"\n\n'
        'msgid "Long "\n"text"\nmsgstr ""\n\n#~ msgid "Old"\n#~ msgstr "Cũ"\n',
        encoding="utf-8",
    )
    assert messages(po) == {("menu", "Home"), ("", "%(n)s step"), ("", "Long text")}


def test_every_message_in_the_code_is_in_a_vietnamese_catalogue(extracted):
    known = set().union(*(messages(po) for po in CATALOGUES))
    missing = sorted(extracted - known)
    assert len(extracted) > 500  # the extraction did run over the tree
    shown = [f"{ctx}|{msgid}" if ctx else msgid for ctx, msgid in missing[:15]]
    assert not missing, f"{len(missing)} message(s) in the code but in no catalogue (scripts/i18n.sh APP): {shown}"


GETTEXT_IN_FSTRING = re.compile(r"""\bf(["'])[^"'\n]*\{\s*(_|gettext|gettext_lazy|pgettext|ngettext)\(""")


def test_no_message_hides_inside_an_f_string():
    """``makemessages`` (xgettext) does not look inside f-strings: ``f"{_('if any')}"`` is never extracted, so the
    page shows English whatever the catalogue holds. Translate outside the f-string instead."""
    hidden = [
        f"{path.relative_to(SRC)}:{number}"
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if GETTEXT_IN_FSTRING.search(line)
    ]
    assert not hidden, hidden
