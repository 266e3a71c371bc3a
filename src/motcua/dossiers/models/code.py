from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierCodeCounter(models.Model):
    """The last sequence number issued by one unit on one day. Taken under a row lock: no gaps, no twins."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, verbose_name=_("issuing unit"))
    day = models.DateField(_("day"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("dossier code counter")
        verbose_name_plural = _("dossier code counters")
        constraints = [models.UniqueConstraint(fields=("agency", "day"), name="dossier_code_counter_unique_day")]

    def __str__(self) -> str:
        return f"{self.agency.code} {self.day:%d/%m/%Y}: {self.last}"
