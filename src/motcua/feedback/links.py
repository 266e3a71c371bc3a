"""Signed rating links (docs/feedback.md, "Three ways in").

The notification sent when a result is returned, and the public lookup once it has shown a returned dossier to
whoever typed its code and secret, give a link ``/danh-gia/<token>/``: the dossier's code signed with the site's
secret and a timestamp, valid ``FEEDBACK_RATING_OPEN_DAYS``. It cannot be made for another dossier, nor guessed.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "motcua.feedback.rating"
TOKEN_MAX_LENGTH = 300


def rating_token(*, code: str) -> str:
    return signing.dumps({"c": code}, salt=SALT, compress=True)


def rating_path(*, code: str) -> str:
    return reverse("feedback:rate", args=[rating_token(code=code)])


def rating_url(*, code: str) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + rating_path(code=code)


def rating_token_code(token: str) -> str | None:
    """The dossier code the token was signed for, or ``None`` when it is forged, damaged, expired or absurd."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    try:
        signed = signing.loads(token, salt=SALT, max_age=settings.FEEDBACK_RATING_OPEN_DAYS * 86400)
    except signing.BadSignature:
        return None
    code = signed.get("c") if isinstance(signed, dict) else None
    return code if isinstance(code, str) and 0 < len(code) <= 60 else None


def complaint_path(*, reference: str, with_account: bool) -> str:
    """Where the filer follows a petition: behind sign-in when filed from an account, else by its reference."""
    name = "feedback:my_complaint" if with_account else "feedback:guest_complaint"
    return reverse(name, args=[reference])


def complaint_url(*, reference: str, with_account: bool) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + complaint_path(reference=reference, with_account=with_account)
