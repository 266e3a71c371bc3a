"""The local provider's RSA signing key: made once into a file under var/, read back afterwards, never served.

Only its public half leaves the machine, as the JWKS (``/dinh-danh-thu/jwks``). The key id is the key's RFC 7638
thumbprint, so a new key file is a new ``kid`` and relying parties that cached the old one look it up again.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings

ALGORITHM = "RS256"


def key_path() -> Path:
    configured = settings.CITIZEN_LOCAL_IDP_KEY_FILE
    return Path(configured) if configured else Path(settings.VAR_DIR) / "oidc" / "local-idp-key.pem"


def signing_key() -> rsa.RSAPrivateKey:
    """The provider's private key, made on first use."""
    return _load(str(key_path()))


@lru_cache(maxsize=4)
def _load(path: str) -> rsa.RSAPrivateKey:
    file = Path(path)
    if not file.exists():
        _create(file)
    key = serialization.load_pem_private_key(file.read_bytes(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    return key


def _create(file: Path) -> None:
    """Write a new key, readable by its owner only; when two processes race, the first file wins."""
    file.parent.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    descriptor, temporary = tempfile.mkstemp(dir=file.parent, prefix=".key-")
    try:
        os.fchmod(descriptor, 0o600)
        os.write(descriptor, pem)
        os.close(descriptor)
        os.link(temporary, file)
    except FileExistsError:
        pass
    finally:
        os.unlink(temporary)


def public_jwk(key: rsa.RSAPrivateKey | None = None) -> dict[str, Any]:
    """The public half of the key as a JWK, with its thumbprint as ``kid``."""
    numbers = (key or signing_key()).public_key().public_numbers()
    jwk = {"kty": "RSA", "e": _b64(numbers.e), "n": _b64(numbers.n)}
    thumbprint = hashlib.sha256(json.dumps(jwk, sort_keys=True, separators=(",", ":")).encode()).digest()
    return {**jwk, "kid": base64.urlsafe_b64encode(thumbprint).rstrip(b"=").decode(), "alg": ALGORITHM, "use": "sig"}


def _b64(number: int) -> str:
    return base64.urlsafe_b64encode(number.to_bytes((number.bit_length() + 7) // 8, "big")).rstrip(b"=").decode()
