"""Names of administrative units as people write them: keys for matching, unit prefixes, one-line addresses."""

from __future__ import annotations

import re
import unicodedata

from motcua.core.text import fold

_NOT_WORD = re.compile(r"[^a-z0-9]+")

# Folded unit words a name may start with, longest first so "thi xa" wins over "xa". The short forms
# are the usual abbreviations ("TP.", "TX.", "TT.", "P.", "Q."); single letters that begin real names
# ("A Lưới", "U Minh") are deliberately absent.
UNIT_PREFIXES = (
    "thanh pho",
    "thi tran",
    "thi xa",
    "dac khu",
    "tinh",
    "huyen",
    "quan",
    "phuong",
    "xa",
    "tp",
    "tx",
    "tt",
    "p",
    "q",
)
COMMUNE_WORDS = ("thi tran", "phuong", "xa", "dac khu")
COMMUNE_PREFIXES = (*COMMUNE_WORDS, "tt", "p")

# Names still in common use for a province of the old map, folded, keyed to its code.
PROVINCE_ALIASES = {
    "hcm": "79",
    "tphcm": "79",
    "sai gon": "79",
    "thua thien hue": "46",
    "brvt": "77",
    "hn": "01",
}


def name_key(text: str) -> str:
    """Fold ``text`` and reduce punctuation to single spaces: "Bà Rịa - Vũng Tàu" → "ba ria vung tau"."""
    return _NOT_WORD.sub(" ", fold(text)).strip()


def strip_unit_prefix(key: str, prefixes: tuple[str, ...] = UNIT_PREFIXES) -> str:
    """Drop one leading unit word from a folded key ("huyen dan phuong" → "dan phuong"), if a name remains."""
    for prefix in prefixes:
        if key.startswith(prefix + " ") and len(key) > len(prefix) + 1:
            return key[len(prefix) + 1 :]
    return key


def name_keys(name: str) -> tuple[str, str]:
    """The full folded key of a stored name and the same without its unit word."""
    key = name_key(name)
    return key, strip_unit_prefix(key)


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def tone_key(name: str) -> str:
    """Accent-preserving key that ignores where the tone mark sits and the unit word.

    "Xã Hoà Bình" and "Thị trấn Hòa Bình" give the same key, but "Ân Nghĩa" and "An Nghĩa", which
    ``fold`` would merge, stay apart. Each syllable is written as its letters, then its tone mark.
    """
    syllables = []
    for word in re.sub(r"[^\w]+", " ", name.lower()).split():
        decomposed = unicodedata.normalize("NFD", word)
        letters = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
        tones = "".join(ch for ch in decomposed if ch in _TONE_MARKS)
        syllables.append(unicodedata.normalize("NFC", letters) + tones)
    # The unit word is found on the folded form, then as many syllables are dropped.
    folded = name_key(name)
    prefix = next((p for p in COMMUNE_WORDS if folded.startswith(p + " ")), "")
    if prefix and len(syllables) > len(prefix.split()):
        syllables = syllables[len(prefix.split()) :]
    return " ".join(syllables)


def address_split(text: str) -> tuple[str, str, str]:
    """Split a one-line address into (province, district, commune), reading from the right.

    The last comma-separated part is the province. Of the parts before it, the last two are taken as
    commune then district; a single remaining part is a commune when it starts with a commune word
    ("Xã", "Phường", "Thị trấn"), otherwise a district. Street details further left are ignored.
    """
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts:
        return "", "", ""
    province, rest = parts[-1], parts[:-1][-2:]
    if len(rest) == 2:
        return province, rest[1], rest[0]
    if len(rest) == 1:
        is_commune = strip_unit_prefix(name_key(rest[0]), COMMUNE_PREFIXES) != name_key(rest[0])
        return (province, "", rest[0]) if is_commune else (province, rest[0], "")
    return province, "", ""
