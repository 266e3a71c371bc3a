"""Finding API tokens, and the user a presented token stands for."""

from __future__ import annotations

import hmac
from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet

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


def api_token_find(*, raw: str, at: datetime) -> ApiToken | None:
    """The usable token ``raw`` stands for (its user active), or None for an unknown, malformed, revoked or
    expired one. The hashes are compared in constant time. Reads only."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > MAX_TOKEN_LENGTH:
        return None
    digest = token_digest(raw)
    candidates = ApiToken.objects.filter(prefix=raw[:LOOKUP_LENGTH]).select_related("user")
    token = next((c for c in candidates if hmac.compare_digest(c.token_hash, digest)), None)
    if token is None or not token.is_usable(at) or not token.user.is_active:
        return None
    return token
