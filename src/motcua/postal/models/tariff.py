from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Service(models.TextChoices):
    STANDARD = "standard", _("standard parcel")
    EXPRESS = "express", _("express (EMS)")


class Zone(models.TextChoices):
    IN_PROVINCE = "in_province", _("within the province")
    OUT_OF_PROVINCE = "out_of_province", _("to another province")


class Payer(models.TextChoices):
    APPLICANT = "applicant", _("the applicant")
    AGENCY = "agency", _("the agency")


class Tariff(models.Model):
    """Postage for one service and zone up to a weight; the lightest band that fits applies."""

    service = models.CharField(_("service"), max_length=10, choices=Service.choices)
    zone = models.CharField(_("zone"), max_length=20, choices=Zone.choices)
    max_weight_grams = models.PositiveIntegerField(_("up to (grams)"))
    price = models.PositiveBigIntegerField(_("postage (VND)"))
    payer = models.CharField(_("paid by"), max_length=10, choices=Payer.choices, default=Payer.APPLICANT)
    province = models.ForeignKey(
        "localities.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("province"),
        help_text=_("Empty: the national tariff; a province's own tariff comes first."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ("service", "zone", "max_weight_grams")
        verbose_name = _("postage tariff")
        verbose_name_plural = _("postage tariffs")
        constraints = [
            models.UniqueConstraint(
                fields=("service", "zone", "max_weight_grams", "province", "valid_from"), name="tariff_unique_band"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=models.F("valid_from")),
                name="tariff_valid_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_service_display()} · {self.get_zone_display()} · ≤{self.max_weight_grams} g"
