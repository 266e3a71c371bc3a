"""Named audit events of the API app (token life cycle), on the shared audit chain."""

from __future__ import annotations

from typing import Any

from motcua.audit.services import audit_event_append


def api_token_created(token: Any, actor: Any) -> None:
    audit_event_append(
        action="api.token_created",
        actor=actor,
        object_type=token._meta.label_lower,
        object_id=str(token.pk),
        payload={
            "user": token.user.username,
            "name": token.name,
            "prefix": token.prefix,
            "expires_at": token.expires_at.isoformat() if token.expires_at else None,
        },
    )


def api_token_revoked(token: Any, actor: Any) -> None:
    audit_event_append(
        action="api.token_revoked",
        actor=actor,
        object_type=token._meta.label_lower,
        object_id=str(token.pk),
        payload={"user": token.user.username, "name": token.name, "prefix": token.prefix},
    )
