from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("day off (holiday, Tết, swapped day)")
    WORKING = "working", _("working day (e.g. make-up Saturday)")


class DayOverride(models.Model):
    """A correction to the base calendar for one date, as the government announces each year.

    The base is the ``holidays`` package's Vietnam calendar plus Saturdays and Sundays off; an override
    turns a date into a day off or into a working day.
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("reason"), max_length=200)
    legal_basis = models.CharField(_("announced by"), max_length=255, blank=True)

    class Meta:
        ordering = ("date",)
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()} – {self.name}"
