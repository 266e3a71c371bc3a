"""Contacts: one normal form for a phone number and an e-mail address (preferences are keyed by it), the masked
form staff see in the delivery log, and the signed token of a preferences link."""

from __future__ import annotations

import re

from django.core import signing

PREFERENCES_SALT = "motcua.notifications.preferences"
TOKEN_MAX_LENGTH = 600


def contact_normalise(value: str) -> str:
    """``+84 912-345-678`` and ``0912345678`` are one phone; ``An@Example.VN`` is ``an@example.vn``."""
    text = (value or "").strip()
    if "@" in text:
        return text.lower()
    digits = re.sub(r"\D", "", text)
    if digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits


def mask(contact: str) -> str:
    """Enough to recognise, not enough to use: ``0912***678``, ``n***@example.vn``."""
    if not contact:
        return ""
    if "@" in contact:
        name, _, domain = contact.partition("@")
        return f"{name[:1]}***@{domain}"
    return f"{contact[:4]}***{contact[-3:]}" if len(contact) > 7 else "***"


def preference_token(contact: str) -> str:
    return signing.dumps(contact_normalise(contact), salt=PREFERENCES_SALT)


def preference_contact(token: str) -> str | None:
    """The contact a token was signed for, or None when it is forged, damaged or absurd."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    try:
        contact = signing.loads(token, salt=PREFERENCES_SALT)
    except (signing.BadSignature, ValueError, UnicodeError):
        return None
    return contact if isinstance(contact, str) and contact else None
