"""What the local provider does: check a person's password, hand out a code, exchange it once for tokens."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import jwt
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from motcua.core.identity import is_id_number

from . import errors, registration
from .keys import ALGORITHM, public_jwk, signing_key
from .models import LocalAuthorizationCode, LocalIdentity

_ACCESS_TOKEN_SALT = "motcua.citizens.idp.access-token"  # noqa: S105 - a salt, not a secret
_FAILURES_SECONDS = 15 * 60


@dataclass(frozen=True)
class AuthorizationRequest:
    """What the client asked for at ``authorize``, checked."""

    client_id: str
    redirect_uri: str
    state: str
    nonce: str
    scope: str
    code_challenge: str


def identity_authenticate(*, number: str, password: str) -> LocalIdentity:
    """The identity with this number and password; refused alike when either is wrong."""
    if not is_id_number(number):
        raise errors.idp_number_invalid()
    failures_key = f"citizens-idp-failures:{number}"
    if int(cache.get(failures_key, 0)) >= settings.CITIZEN_LOCAL_IDP_FAILURE_LIMIT:
        raise errors.idp_too_many_attempts()
    identity = LocalIdentity.objects.filter(number=number, is_active=True).first()
    if identity is None or not identity.check_password(password):
        if identity is None:
            make_password(password)  # as long as a wrong password takes, so the answers do not tell them apart
        cache.add(failures_key, 0, _FAILURES_SECONDS)
        cache.incr(failures_key)
        raise errors.idp_credentials_wrong()
    cache.delete(failures_key)
    return identity


def code_issue(*, identity: LocalIdentity, request: AuthorizationRequest) -> str:
    """A new authorization code for ``identity``, bound to the client, its address, nonce and PKCE challenge."""
    code = secrets.token_urlsafe(32)
    LocalAuthorizationCode.objects.create(
        code_hash=_hash(code),
        identity=identity,
        client_id=request.client_id,
        redirect_uri=request.redirect_uri,
        nonce=request.nonce,
        code_challenge=request.code_challenge,
        scope=request.scope,
        expires_at=timezone.now() + timedelta(seconds=settings.CITIZEN_LOCAL_IDP_CODE_SECONDS),
    )
    return code


def code_exchange(
    *, code: str, client_id: str, client_secret: str, redirect_uri: str, code_verifier: str = ""
) -> dict[str, Any]:
    """The token response for ``code``: the code is marked used first, in one UPDATE of its own (not rolled back by
    a refusal: of two concurrent exchanges only one wins), then every binding is checked; a code presented with
    the wrong address or verifier is burnt, as a stolen one would be."""
    if client_id != registration.CLIENT_ID or not constant_time_compare(client_secret, registration.client_secret()):
        raise errors.invalid_client()
    code_hash = _hash(code)
    taken = LocalAuthorizationCode.objects.filter(code_hash=code_hash, used=False, expires_at__gt=timezone.now())
    if not code or taken.update(used=True) != 1:
        raise errors.invalid_grant()
    grant = LocalAuthorizationCode.objects.select_related("identity").get(code_hash=code_hash)
    if grant.client_id != client_id or grant.redirect_uri != redirect_uri or not grant.identity.is_active:
        raise errors.invalid_grant()
    if grant.code_challenge and not constant_time_compare(_challenge(code_verifier), grant.code_challenge):
        raise errors.invalid_grant()
    return tokens_issue(identity=grant.identity, client_id=client_id, nonce=grant.nonce)


def tokens_issue(*, identity: LocalIdentity, client_id: str, nonce: str) -> dict[str, Any]:
    lifetime = settings.CITIZEN_LOCAL_IDP_TOKEN_SECONDS
    now = int(time.time())
    payload = {
        "iss": registration.issuer(),
        "sub": str(identity.subject),
        "aud": client_id,
        "iat": now,
        "exp": now + lifetime,
        "auth_time": now,
        **({"nonce": nonce} if nonce else {}),
        **identity_claims(identity),
    }
    key = signing_key()
    id_token = jwt.encode(payload, key, algorithm=ALGORITHM, headers={"kid": public_jwk(key)["kid"]})
    access_token = signing.dumps({"sub": str(identity.subject), "aud": client_id}, salt=_ACCESS_TOKEN_SALT)
    return {"access_token": access_token, "token_type": "Bearer", "expires_in": lifetime, "id_token": id_token}


def identity_claims(identity: LocalIdentity) -> dict[str, Any]:
    """The claims the provider vouches for, under the names of the default claim map (docs/citizens.md)."""
    claims: dict[str, Any] = {"id_number": identity.number, "name": identity.full_name, "account_kind": identity.kind}
    if identity.birth_date:
        claims["birthdate"] = identity.birth_date.isoformat()
    if identity.phone:
        claims["phone_number"] = identity.phone
    if identity.email:
        claims["email"] = identity.email
    if identity.address:
        claims["address"] = {"formatted": identity.address}
    return claims


def userinfo(*, access_token: str) -> dict[str, Any]:
    """The claims of the identity an access token was issued for."""
    try:
        data = signing.loads(access_token, salt=_ACCESS_TOKEN_SALT, max_age=settings.CITIZEN_LOCAL_IDP_TOKEN_SECONDS)
    except signing.BadSignature as refused:
        raise errors.invalid_token() from refused
    identity = LocalIdentity.objects.filter(subject=data.get("sub"), is_active=True).first()
    if identity is None:
        raise errors.invalid_token()
    return {"sub": str(identity.subject), **identity_claims(identity)}


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _challenge(verifier: str) -> str:
    """The S256 challenge of a PKCE verifier (RFC 7636, section 4.2)."""
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
