"""The simulated gateway's own store (docs/payments.md, "The simulated gateway").

Kept apart from :class:`~motcua.payments.models.Payment` on purpose: the simulator plays the bank, so its
``query`` answers from what *it* recorded, and a lost notification is repaired by the reconciliation exactly
as with a real gateway.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SimulatedTransactionStatus(models.TextChoices):
    OPEN = "open", _("open")
    PAID = "paid", _("paid")
    CANCELLED = "cancelled", _("cancelled")
    FAILED = "failed", _("failed")


class SimulatedTransaction(models.Model):
    reference = models.CharField(_("merchant reference"), max_length=40, unique=True)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    description = models.CharField(_("description"), max_length=255)
    return_url = models.CharField(_("return URL"), max_length=500)
    status = models.CharField(
        _("status"), max_length=10, choices=SimulatedTransactionStatus.choices, default=SimulatedTransactionStatus.OPEN
    )
    transaction_no = models.CharField(_("transaction number"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("simulated gateway transaction")
        verbose_name_plural = _("simulated gateway transactions")

    def __str__(self) -> str:
        return f"{self.reference} {self.status}"
