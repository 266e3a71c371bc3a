from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrackingCounter(models.Model):
    """The last serial issued for one tracking-number prefix, taken with ``UPDATE … RETURNING``."""

    prefix = models.CharField(_("prefix"), max_length=2, unique=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("tracking number counter")
        verbose_name_plural = _("tracking number counters")

    def __str__(self) -> str:
        return f"{self.prefix}: {self.last}"
