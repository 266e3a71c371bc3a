"""Issuing and revoking personal API tokens."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.citizens.selectors import citizen_account

from . import errors, events
from .models import LOOKUP_LENGTH, TOKEN_PREFIX, ApiToken, token_digest
from .selectors import LAST_USED_RESOLUTION, api_token_find


@transaction.atomic
def api_token_create(
    *, user: Any, name: str, expires_at: datetime | None = None, actor: Any = None
) -> tuple[ApiToken, str]:
    """A new token for ``user``. Returns the row and the token itself, which is never stored: show it once."""
    name = name.strip()
    if not name:
        raise errors.token_name_required()
    if not user.is_active:
        raise errors.token_user_inactive(username=user.username)
    if citizen_account(user) is not None:
        raise errors.token_not_for_citizens()
    now = timezone.now()
    if expires_at is not None and expires_at <= now:
        raise errors.token_expiry_in_past()
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[:LOOKUP_LENGTH],
        token_hash=token_digest(raw),
        created_at=now,
        expires_at=expires_at,
    )
    events.api_token_created(token, actor)
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: Any = None) -> ApiToken:
    """Revoke a token from now on. Revoking a revoked token changes nothing and records nothing."""
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    events.api_token_revoked(token, actor)
    return token


def api_token_authenticate(*, raw: str) -> Any:
    """The active user a token belongs to, or None; records the token's last use, at most once per
    :data:`~motcua.api.selectors.LAST_USED_RESOLUTION` (a write per request would be wasted)."""
    now = timezone.now()
    token = api_token_find(raw=raw, at=now)
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
