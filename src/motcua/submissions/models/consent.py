from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def consent_reference_new() -> str:
    return secrets.token_urlsafe(12)


class AssistConsent(models.Model):
    """A citizen's consent, given by a one-time code sent to their own account's phone or e-mail, that a postal
    clerk files online for them with their account: who, when, which clerk, where."""

    reference = models.CharField(max_length=20, unique=True, default=consent_reference_new, editable=False)
    owner = models.ForeignKey(
        "citizens.CitizenAccount", on_delete=models.PROTECT, related_name="assist_consents", verbose_name=_("citizen")
    )
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("clerk")
    )
    receiving_point = models.ForeignKey(
        "agencies.ReceivingPoint", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # HMAC-SHA256 of the code with the site's secret: the code itself is never stored here.
    code_digest = models.CharField(max_length=64)
    sent_to = models.CharField(_("code sent to"), max_length=120)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("code valid until"))
    attempts = models.PositiveSmallIntegerField(_("wrong codes typed"), default=0)
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("consent given at"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("consent to assisted filing")
        verbose_name_plural = _("consents to assisted filing")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(confirmed_at__isnull=True) | models.Q(locked_at__isnull=True),
                name="consent_confirmed_or_locked",
            )
        ]

    def __str__(self) -> str:
        return f"{self.owner} ← {self.clerk} ({self.created_at:%d/%m/%Y %H:%M})"
