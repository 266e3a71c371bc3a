from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CollectionKind(models.TextChoices):
    POSTAGE = "postage", _("postage")
    FEES = "fees", _("administrative fees")


class Collection(models.Model):
    """Money a postman took from a citizen for an order: postage, or the agency's fees to be remitted."""

    order = models.ForeignKey("postal.PostalOrder", on_delete=models.PROTECT, related_name="collections")
    kind = models.CharField(_("what"), max_length=10, choices=CollectionKind.choices)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    postman = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("owed to"),
        help_text=_("For administrative fees: the agency they are remitted to."),
    )
    collected_at = models.DateTimeField(_("collected at"), db_index=True)
    receipt_number = models.CharField(_("receipt number"), max_length=40, blank=True)

    class Meta:
        ordering = ("collected_at", "pk")
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        constraints = [
            models.UniqueConstraint(fields=("order", "kind"), name="collection_once_per_order_and_kind"),
            models.CheckConstraint(
                condition=~models.Q(kind="fees") | models.Q(agency__isnull=False), name="collection_fees_have_agency"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order} {self.kind} {self.amount}"


class Remittance(models.Model):
    """Fees passed from the post office to an agency for one day (a transfer or a cash hand-over)."""

    receiving_point = models.ForeignKey("agencies.ReceivingPoint", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("for the day"))
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    reference = models.CharField(_("transfer reference"), max_length=100, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("day", "pk")
        verbose_name = _("remittance to an agency")
        verbose_name_plural = _("remittances to agencies")

    def __str__(self) -> str:
        return f"{self.day} {self.agency} {self.amount}"
