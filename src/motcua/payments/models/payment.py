"""One attempt to pay a dossier's fees and postage online (docs/payments.md, "States").

A payment is one trip to the gateway: a new attempt is a new payment with a new reference, as the Vietnamese
gateways require a fresh merchant reference per order (VNPay's ``vnp_TxnRef``). What it pays is copied as it
stood (``lines``), so a later change of the dossier's fees cannot change what was asked for.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentStatus(models.TextChoices):
    CREATED = "created", _("created")
    PENDING = "pending", _("waiting for the gateway")
    PAID = "paid", _("paid")
    FAILED = "failed", _("failed")
    CANCELLED = "cancelled", _("cancelled")
    EXPIRED = "expired", _("expired")


FINAL_STATUSES = (PaymentStatus.PAID, PaymentStatus.FAILED, PaymentStatus.CANCELLED, PaymentStatus.EXPIRED)


class Payment(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="payments", verbose_name=_("dossier")
    )
    reference = models.CharField(
        _("our reference"), max_length=40, unique=True, help_text=_("Random and unguessable; sent to the gateway.")
    )
    provider = models.CharField(_("gateway"), max_length=30)
    transaction_no = models.CharField(_("gateway's transaction number"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.CREATED)
    lines = models.JSONField(_("what is paid"), default=list, help_text=_("Kind, description and amount of each line."))
    fees_amount = models.PositiveBigIntegerField(_("fees (VND)"), default=0)
    postage_amount = models.PositiveBigIntegerField(_("postage (VND)"), default=0)
    amount_requested = models.PositiveBigIntegerField(_("amount requested (VND)"))
    amount_confirmed = models.PositiveBigIntegerField(_("amount confirmed by the gateway (VND)"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("sent to the gateway at"), null=True, blank=True)
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("online payment")
        verbose_name_plural = _("online payments")
        indexes = [models.Index(fields=("status", "created_at"), name="payment_status_created")]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_requested__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(amount_requested=models.F("fees_amount") + models.F("postage_amount")),
                name="payment_amount_is_fees_and_postage",
            ),
            # Paid means the gateway confirmed the amount asked for, under its transaction number.
            models.CheckConstraint(
                condition=~models.Q(status="paid")
                | (models.Q(amount_confirmed=models.F("amount_requested")) & ~models.Q(transaction_no="")),
                name="payment_paid_is_confirmed",
            ),
            # A gateway transaction pays one payment, never two (a replayed notification cannot pay another).
            models.UniqueConstraint(
                fields=("provider", "transaction_no"),
                condition=~models.Q(transaction_no=""),
                name="payment_transaction_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.amount_requested} VND {self.status}"

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES
