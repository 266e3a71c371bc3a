"""Vietnamese text helpers."""

from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics, for accent-insensitive search.

    ``đ`` has no Unicode decomposition, so it is mapped by hand. The same function folds what is
    stored and what is searched for, so the search behaves alike on SQLite and PostgreSQL.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


# --- Vietnamese alphabetical order -----------------------------------------------------------------------------

#: The letters in Vietnamese dictionary order (docs/architecture.md, "Vietnamese alphabetical order"); a space
#: and the digits sort first. Letters outside it (f, j, w, z, foreign accents) keep their Latin place.
_ALPHABET = " 0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {letter: index + 1 for index, letter in enumerate(_ALPHABET)}
# A breve, a circumflex or a horn makes another letter: ă, â, ê, ô, ơ, ư.
_QUALITY = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
#: Tones, second in order after the letters: none, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SORT_KEY_CHARS = 200


@functools.cache
def _char_key(char: str) -> tuple[str, str]:
    """One (lower-case, composed) character's place: its letter's rank as two digits, and its tone as one."""
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[:1], decomposed[1:]
    letter = next((_QUALITY[(base, mark)] for mark in marks if (base, mark) in _QUALITY), base)
    tone = next((_TONES[mark] for mark in marks if mark in _TONES), 0)
    rank = _RANK.get(letter) or _RANK.get(fold(letter)[:1] or " ", 1)
    return f"{rank:02d}", str(tone)


def vietnamese_sort_key(text: str) -> str:
    """A key that sorts ``text`` in Vietnamese alphabetical order, on every database alike.

    Letters first (a < ă < â < b … d < đ … o < ô < ơ … u < ư …), case and tones ignored; then the tones, so
    "Ca" < "Cà" < "Cá" only break ties. The key uses only ``0-9`` in fixed-width pairs, which every collation
    (SQLite's binary, PostgreSQL's C or ICU) orders the same way. Only the first 200 characters count.
    """
    composed = unicodedata.normalize("NFC", _SPACES.sub(" ", text.strip().lower()))[:_SORT_KEY_CHARS]
    primary, tones = [], []
    for word in composed.split(" "):
        keys = [_char_key(char) for char in word if unicodedata.category(char) != "Mn"]
        primary.append("".join(rank for rank, _ in keys))
        # One tone per syllable, wherever it is written ("Ủy" and "Uỷ" are the same word).
        tones.append(max((tone for _, tone in keys), default="0"))
    # "00" sorts below every letter: a name that is the start of another comes first.
    return _char_key(" ")[0].join(primary) + "00" + "".join(tones)
