"""The fee lines that applied to a dossier, as chosen at reception (docs/domain.md, "Fees and postage")."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierFee(models.Model):
    """One line of the procedure's fees that applies to this dossier, copied as it stood: the slip, the
    receipt and the reconciliation say which line applied even if the catalogue changes later."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="fees")
    fee = models.ForeignKey(
        "procedures.Fee", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("fee line")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=10)
    description = models.CharField(_("description"), max_length=500)
    unit_amount = models.PositiveBigIntegerField(_("amount per unit (VND)"))
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    per_unit = models.CharField(_("charged per"), max_length=50, blank=True)
    amount = models.PositiveBigIntegerField(_("amount charged (VND)"))
    exemption_reason = models.CharField(
        _("exemption"), max_length=255, blank=True, help_text=_("Why the applicant pays nothing for this line.")
    )

    class Meta:
        ordering = ("dossier", "order")
        verbose_name = _("fee charged")
        verbose_name_plural = _("fees charged")
        constraints = [
            models.UniqueConstraint(fields=("dossier", "order"), name="dossier_fee_unique_order"),
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="dossier_fee_quantity_positive"),
            # What is charged is the line times the units, or nothing for an exempt applicant.
            models.CheckConstraint(
                condition=(
                    models.Q(exemption_reason="", amount=models.F("unit_amount") * models.F("quantity"))
                    | (~models.Q(exemption_reason="") & models.Q(amount=0))
                ),
                name="dossier_fee_amount_is_units_or_exempt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount} VND"
