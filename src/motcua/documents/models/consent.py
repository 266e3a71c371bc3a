"""A data-store owner's consent to a receiving point (or to every centre) reusing their documents (issue 14)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.identity import ID_NUMBER_PATTERN


class DataStoreConsent(models.Model):
    """The owner's current answer for one receiving point, or for all centres (``receiving_point`` empty).

    One row per owner and point, changed in place; every grant and withdrawal is also in the audit log. Read by
    the counter's reuse lookup when ``DATA_STORE_REUSE_NEEDS_CONSENT`` is on, and shown to the clerk in both
    modes when withdrawn (docs/my-dossiers.md, "Consent").
    """

    owner_id_number = models.CharField(_("owner's ID number or tax code"), max_length=13, db_index=True)
    receiving_point = models.ForeignKey(
        "agencies.ReceivingPoint",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("receiving point"),
        help_text=_("Empty: every one-stop centre."),
    )
    granted = models.BooleanField(_("consent given"))
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        ordering = ("owner_id_number", "receiving_point_id")
        verbose_name = _("consent to reuse documents")
        verbose_name_plural = _("consents to reuse documents")
        constraints = [
            models.UniqueConstraint(
                fields=("owner_id_number", "receiving_point"),
                condition=models.Q(receiving_point__isnull=False),
                name="data_store_consent_one_per_point",
            ),
            models.UniqueConstraint(
                fields=("owner_id_number",),
                condition=models.Q(receiving_point__isnull=True),
                name="data_store_consent_one_for_all",
            ),
            models.CheckConstraint(
                condition=models.Q(owner_id_number__regex=ID_NUMBER_PATTERN), name="data_store_consent_owner_format"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner_id_number} → {self.receiving_point_id or '*'}: {self.granted}"
