"""Finding API tokens, and the user a presented token stands for."""

from __future__ import annotations

import hmac
from datetime import timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from motcua.accounts.models import User

from .models import LOOKUP_LENGTH, TOKEN_PREFIX, ApiToken, token_digest

# last_used_at is for people ("is this token still in use?"): a write per request would be wasted.
LAST_USED_RESOLUTION = timedelta(minutes=1)
# token_urlsafe(32) gives 43 characters; anything much longer is not ours and is not hashed.
MAX_TOKEN_LENGTH = 100


def api_token_list(*, user: Any, prefix: str | None = None) -> QuerySet[ApiToken]:
    """The user's tokens, newest first; with ``prefix``, those whose stored prefix starts with it (or with a
    whole token's first characters)."""
    tokens = ApiToken.objects.filter(user=user).select_related("user")
    if prefix is not None:
        tokens = tokens.filter(prefix__startswith=prefix[:LOOKUP_LENGTH])
    return tokens


def api_token_authenticate(*, raw: str) -> User | None:
    """The active user a token belongs to, or None for an unknown, malformed, revoked or expired token.

    The hashes are compared in constant time. As a side effect, ``last_used_at`` is refreshed, at most
    once per :data:`LAST_USED_RESOLUTION`.
    """
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > MAX_TOKEN_LENGTH:
        return None
    digest = token_digest(raw)
    candidates = ApiToken.objects.filter(prefix=raw[:LOOKUP_LENGTH]).select_related("user")
    token = next((c for c in candidates if hmac.compare_digest(c.token_hash, digest)), None)
    now = timezone.now()
    if token is None or not token.is_usable(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
