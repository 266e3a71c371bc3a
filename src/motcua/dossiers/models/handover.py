from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HandOver(models.Model):
    """A batch of dossiers handed by a receiving point to an agency, with its printed hand-over list."""

    number = models.CharField(_("hand-over number"), max_length=60, unique=True)
    receiving_point = models.ForeignKey(
        "agencies.ReceivingPoint", on_delete=models.PROTECT, related_name="handovers", verbose_name=_("receiving point")
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="handovers", verbose_name=_("receiving agency")
    )
    handed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("handed over by")
    )
    handed_at = models.DateTimeField(_("handed over at"), db_index=True)
    dossiers = models.ManyToManyField("dossiers.Dossier", related_name="handovers", verbose_name=_("dossiers"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ("-handed_at",)
        verbose_name = _("hand-over")
        verbose_name_plural = _("hand-overs")

    def __str__(self) -> str:
        return self.number
