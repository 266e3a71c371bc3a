"""Signed links to a dossier's payment page (docs/payments.md, "Access").

There are no citizen accounts yet, so the page opens by a link the centre sends (SMS, e-mail, the receipt): the
dossier code signed with the site's secret and a timestamp, valid ``PAYMENT_LINK_MAX_AGE_DAYS``. It cannot be
made for another dossier, nor guessed.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "motcua.payments.link"


def payment_link_token(*, code: str) -> str:
    return signing.dumps(code, salt=SALT)


def payment_link_path(*, code: str) -> str:
    return f"{reverse('payments:pay', args=[code])}?t={payment_link_token(code=code)}"


def payment_link_valid(*, code: str, token: str) -> bool:
    try:
        signed = signing.loads(token, salt=SALT, max_age=settings.PAYMENT_LINK_MAX_AGE_DAYS * 86400)
    except signing.BadSignature:
        return False
    return signed == code
