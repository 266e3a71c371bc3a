"""Personal API tokens: staff scripts and integrations authenticate with ``Authorization: Bearer <token>``."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A recognisable prefix lets secret scanners and people tell a motcua token from other secrets.
TOKEN_PREFIX = "mc_"  # noqa: S105 - a public marker, not a secret
# The first characters of a token, stored in clear to find its row; the rest is only ever stored hashed.
LOOKUP_LENGTH = 8


def token_digest(raw: str) -> str:
    """SHA-256 of the whole token, hex. Tokens carry 256 random bits, so a fast unsalted hash is enough."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """A personal token of one user. The token itself is shown once at creation and never stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. the script or system that uses it.")
    )
    prefix = models.CharField(_("prefix"), max_length=LOOKUP_LENGTH, db_index=True)
    token_hash = models.CharField(_("SHA-256 hash of the token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=models.F("created_at")),
                name="api_token_expires_after_creation",
            ),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | models.Q(revoked_at__gte=models.F("created_at")),
                name="api_token_revoked_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, at: datetime | None = None) -> bool:
        """Neither revoked nor expired (the user's own state is checked on authentication)."""
        at = at or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > at)


class IdempotencyRecord(models.Model):
    """The response to a POST sent with an ``Idempotency-Key``: a retry by the same user gets it again, and the
    action is not taken twice. Kept for :data:`motcua.api.idempotency.RETENTION` (24 hours)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    key = models.CharField(_("idempotency key"), max_length=255)
    method = models.CharField(_("method"), max_length=10)
    path = models.CharField(_("path"), max_length=500)
    fingerprint = models.CharField(_("SHA-256 of the request body"), max_length=64)
    status = models.PositiveSmallIntegerField(_("response status"))
    body = models.TextField(_("response body"))
    headers = models.JSONField(_("response headers"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("idempotent response")
        verbose_name_plural = _("idempotent responses")
        constraints = [models.UniqueConstraint(fields=("user", "key"), name="idempotency_record_unique_key")]

    def __str__(self) -> str:
        return f"{self.method} {self.path} [{self.key}]"
