"""The lookup secret printed on the receipt beside the QR code: with the dossier code it opens the public lookup.

A new secret is 12 characters drawn from 31 that cannot be mistaken for one another when read from paper or
typed on a phone (no 0/O, no 1/I/L): 12 × log2(31) ≈ 59 bits, well above the 50 a guess-resistant secret
needs when the lookup also stops answering after a few wrong tries per code and per address
(docs/access.md, "The public lookup"). Secrets issued before were 8 hexadecimal digits (32 bits); they are
kept as printed and still open the lookup.
"""

from __future__ import annotations

import re
import secrets

LOOKUP_SECRET_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # noqa: S105 - the alphabet, not a secret
LOOKUP_SECRET_LENGTH = 12


def lookup_secret_new() -> str:
    return "".join(secrets.choice(LOOKUP_SECRET_ALPHABET) for _ in range(LOOKUP_SECRET_LENGTH))


def lookup_secret_normalize(value: str) -> str:
    """The secret as typed, read the way it is stored: capitals, without the spaces or dashes a reader may add
    to group it."""
    return re.sub(r"[\s\-]", "", value).upper()
