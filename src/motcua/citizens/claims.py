"""From the claims an identity provider vouched for to an :class:`~motcua.citizens.services.Identity`.

Which claim holds what is configured (``CITIZEN_OIDC_CLAIM_*``, docs/citizens.md "Claims"): the national
provider's claim names are not published. The number decides the kind of account: 12 digits is a citizen's
personal identification number, 10 or 13 digits a business's tax code (``motcua.core.identity``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from motcua.core.identity import CITIZEN_ID, is_id_number

from . import errors
from .models import AccountKind
from .services import Identity


def identity_from_claims(claims: dict[str, Any], *, issuer: str, subject: str) -> Identity:
    """The person the claims describe; refused (``sign_in_no_id_number``) without a valid number."""
    number = _text(claims.get(settings.CITIZEN_OIDC_CLAIM_ID_NUMBER), 255)
    if not is_id_number(number):
        raise errors.sign_in_no_id_number()
    return Identity(
        issuer=issuer,
        subject=subject,
        owner_number=number,
        kind=AccountKind.CITIZEN if CITIZEN_ID.match(number) else AccountKind.ORGANIZATION,
        full_name=_text(claims.get(settings.CITIZEN_OIDC_CLAIM_NAME), 255) or number,
        birth_date=_date(claims.get(settings.CITIZEN_OIDC_CLAIM_BIRTH_DATE)),
        phone=_text(claims.get(settings.CITIZEN_OIDC_CLAIM_PHONE), 20),
        email=_email(claims.get(settings.CITIZEN_OIDC_CLAIM_EMAIL)),
        address=_address(claims.get(settings.CITIZEN_OIDC_CLAIM_ADDRESS)),
    )


def _text(value: Any, length: int) -> str:
    """A claim as one line of text, or empty when it is not text (a number claim sent as an integer counts)."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    text = " ".join(str(value).replace("\x00", "").split())
    return text[:length]


def _date(value: Any) -> dt.date | None:
    text = _text(value, 10)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _email(value: Any) -> str:
    text = _text(value, 254)
    try:
        validate_email(text)
    except ValidationError:
        return ""
    return text


def _address(value: Any) -> str:
    if isinstance(value, dict):  # an OpenID Connect address object (OIDC Core 5.1.1)
        value = value.get("formatted", "")
    return _text(value, 255)
