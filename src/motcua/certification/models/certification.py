"""A certification: one user may do one stage of the catalogue for one field of procedures, until a date.

Renewal makes a new row (``renewed_from`` the one it renews), so the history of a clerk's certificates stays whole;
revocation keeps the row, with who revoked it, when and why (docs/training.md, "Certification and the gate").
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.stages.models import StageCode


def verification_token_new() -> str:
    """A public token for the verification page: 32 random bytes (256 bits), URL-safe, never derived from an id."""
    return secrets.token_urlsafe(32)


class CertificationBasis(models.TextChoices):
    EXAM = "exam", _("exam passed")
    PRACTICAL = "practical", _("practical assessment signed off")
    COMMAND = "command", _("administrator's decision")


class Certification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certifications", verbose_name=_("holder")
    )
    stage_code = models.CharField(_("stage"), max_length=40, choices=StageCode.choices)
    field = models.ForeignKey(
        "procedures.Field", on_delete=models.PROTECT, related_name="certifications", verbose_name=_("field")
    )
    issued_at = models.DateTimeField(_("issued at"))
    valid_until = models.DateField(_("valid until"), help_text=_("The last day the certification is valid."))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    basis = models.CharField(_("basis"), max_length=20, choices=CertificationBasis.choices)
    # The exam attempt's id, the practical session's id, or empty for an administrator's decision.
    basis_ref = models.CharField(_("basis reference"), max_length=60, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoke_reason = models.TextField(_("reason for revocation"), blank=True)
    renewed_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
        verbose_name=_("renews"),
    )
    token = models.CharField(_("verification token"), max_length=64, unique=True, default=verification_token_new)

    class Meta:
        ordering = ("user", "stage_code", "-issued_at")
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        indexes = [models.Index(fields=("user", "stage_code", "field"), name="certification_holder_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True, revoke_reason="")
                | models.Q(revoked_at__isnull=False) & ~models.Q(revoke_reason=""),
                name="certification_revoked_with_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(basis="command") | ~models.Q(basis_ref=""),
                name="certification_assessment_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.stage_code} · {self.field_id}"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


class ReminderSent(models.Model):
    """A reminder before expiry, sent once per certification and threshold (``CERTIFICATION_REMINDER_DAYS``)."""

    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("certification")
    )
    days_before = models.PositiveSmallIntegerField(_("days before expiry"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=("certification", "days_before"), name="certification_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.certification_id} −{self.days_before}"
