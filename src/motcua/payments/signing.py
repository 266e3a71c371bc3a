"""Signatures of gateway messages: HMAC-SHA512 over the sorted parameters (docs/payments.md, "Signatures").

The shape the Vietnamese gateways use (VNPay's ``vnp_SecureHash``): leave out the hash itself, sort the other
parameters by name, join them as a form-encoded query (``a=1&b=x+y``), and sign that text with the merchant's
secret; the receiver recomputes it and compares in constant time. Any parameter added, removed or changed
by the browser or a forger breaks the signature.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from urllib.parse import quote_plus

HASH_PARAM = "vnp_SecureHash"
# Never part of the signed text (VNPay sends the hash type with older API versions).
UNSIGNED = frozenset({HASH_PARAM, "vnp_SecureHashType"})


def signed_text(params: Mapping[str, str]) -> str:
    """The text the signature covers: every parameter but the hash, sorted by name, form-encoded."""
    pairs = sorted((k, v) for k, v in params.items() if k not in UNSIGNED and v != "")
    return "&".join(f"{quote_plus(k)}={quote_plus(v)}" for k, v in pairs)


def sign(params: Mapping[str, str], *, secret: str) -> str:
    return hmac.new(secret.encode(), signed_text(params).encode(), hashlib.sha512).hexdigest()


def with_signature(params: Mapping[str, str], *, secret: str) -> dict[str, str]:
    """The parameters with their hash added."""
    return {**params, HASH_PARAM: sign(params, secret=secret)}


def signature_valid(params: Mapping[str, str], *, secret: str) -> bool:
    given = params.get(HASH_PARAM, "")
    if not isinstance(given, str) or not given:
        return False
    return hmac.compare_digest(given.lower().encode(), sign(params, secret=secret).encode())
