"""The spoken call: "Mời công dân có số thứ tự A 0 1 2 đến quầy số 3", built here once for both voices.

The display speaks with the browser's ``speechSynthesis`` when it has a Vietnamese voice, else plays the WAV this
module makes with espeak-ng (installed from the Makefile's apt list; no network at run time). Both read the same
sentence, returned in the display's feed, so a centre hears the same words whichever voice speaks.

The ticket's number is spelled sign by sign (letters by their Vietnamese names, digits as words): "A012" read as a
number would be "a mười hai", which a visitor holding "A012" does not recognise. The counter's number is read as
a number ("quầy số mười hai"), as people say it.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.cache import cache

from . import errors

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
# The names of the letters as a Vietnamese speaker spells them (the alphabet taught in school, with the foreign
# letters F, J, W, Z as they are usually said).
LETTERS = {
    "A": "a", "Ă": "á", "Â": "ớ", "B": "bê", "C": "xê", "D": "dê", "Đ": "đê", "E": "e", "Ê": "ê", "F": "ép",
    "G": "giê", "H": "hát", "I": "i", "J": "gi", "K": "ca", "L": "e lờ", "M": "em mờ", "N": "en nờ", "O": "o",
    "Ô": "ô", "Ơ": "ơ", "P": "pê", "Q": "quy", "R": "e rờ", "S": "ét xì", "T": "tê", "U": "u", "Ư": "ư", "V": "vê",
    "W": "vê kép", "X": "ích xì", "Y": "i dài", "Z": "dét",
}  # fmt: skip

ESPEAK_TIMEOUT_SECONDS = 10
WAV_CACHE_SECONDS = 7 * 24 * 3600
WAV_CACHE_PREFIX = "tickets:call-wav:"


def label_spoken(label: str) -> str:
    """``A012`` → "a không một hai": each sign by its name; anything else (a dash) is left out."""
    words = []
    for sign in label.upper():
        if sign.isdigit() and sign.isascii():
            words.append(DIGITS[int(sign)])
        elif sign in LETTERS:
            words.append(LETTERS[sign])
    return " ".join(words)


def number_spoken(number: int) -> str:
    """0–999 in Vietnamese words, as a counter's number is said: 3 "ba", 15 "mười lăm", 21 "hai mươi mốt",
    105 "một trăm linh năm". Larger numbers are spelled digit by digit."""
    if number < 0 or number > 999:
        return label_spoken(str(abs(number)))
    if number < 10:
        return DIGITS[number]
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words = [DIGITS[hundreds], "trăm"] if hundreds else []
    if tens == 0:
        if units:
            words += ["linh", DIGITS[units]]
        return " ".join(words)
    words.append("mười" if tens == 1 else f"{DIGITS[tens]} mươi")
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return " ".join(words)


def call_sentence(*, label: str, counter_number: int) -> str:
    """The words of a call, for both voices."""
    return f"Mời công dân có số thứ tự {label_spoken(label)}, đến quầy số {number_spoken(counter_number)}."


def speech_available() -> bool:
    return shutil.which("espeak-ng") is not None


def call_wav(sentence: str) -> bytes:
    """The sentence spoken by espeak-ng's Vietnamese voice, as WAV bytes; cached by the sentence (a centre says
    the same few hundred calls every day). Raises ``speech_unavailable`` when espeak-ng is missing or fails."""
    key = WAV_CACHE_PREFIX + hashlib.sha256(sentence.encode()).hexdigest()
    cached = cache.get(key)
    if isinstance(cached, bytes):
        return cached
    program = shutil.which("espeak-ng")
    if program is None:
        raise errors.speech_unavailable()
    with tempfile.TemporaryDirectory(prefix="motcua-call-") as folder:
        out = Path(folder) / "call.wav"
        try:
            subprocess.run(  # noqa: S603 - a fixed program and a list of arguments, never a shell
                [program, "-v", "vi", "-s", "140", "-w", str(out), "--", sentence],
                check=True,
                capture_output=True,
                timeout=ESPEAK_TIMEOUT_SECONDS,
            )
            wav = out.read_bytes()
        except (OSError, subprocess.SubprocessError):
            raise errors.speech_unavailable() from None
    if not wav.startswith(b"RIFF"):
        raise errors.speech_unavailable()
    cache.set(key, wav, WAV_CACHE_SECONDS)
    return wav
