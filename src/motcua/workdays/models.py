from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .calendar import DEFAULT_FIRST_YEAR, DEFAULT_LAST_YEAR


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("day off (holiday, Tết, swapped day)")
    WORKING = "working", _("working day (e.g. make-up Saturday)")


class DayOverride(models.Model):
    """A correction to the base calendar for one date, as the government announces each year.

    The base is the ``holidays`` package's Vietnam calendar plus Saturdays and Sundays off; an override
    turns a date into a day off or into a working day. Change rows through the admin or
    :mod:`motcua.workdays.services`, which audit the change; a bulk ``QuerySet.update`` bypasses the
    calendar cache's invalidation (it touches neither ``updated_at`` nor the signals).
    """

    date = models.DateField(_("date"), unique=True, help_text=_("The calendar date this correction applies to."))
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=DayKind.choices,
        help_text=_("Day off: no working time that day. Working day: normal office hours, even on a weekend."),
    )
    name = models.CharField(
        _("reason"),
        max_length=200,
        help_text=_("What the day is, e.g. “Tết Nguyên Đán” or “Làm bù cho thứ Sáu 02/05/2025”."),
    )
    legal_basis = models.CharField(
        _("announced by"),
        max_length=255,
        help_text=_(
            "The document that announced it (number, date, issuer), so the schedule can be checked. "
            "Required: every holiday names its source."
        ),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ("date",)
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=DayKind.values), name="workdays_dayoverride_kind_valid"),
            models.CheckConstraint(condition=~Q(name=""), name="workdays_dayoverride_name_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()} – {self.name}"

    def clean(self) -> None:
        if self.date and not DEFAULT_FIRST_YEAR <= self.date.year <= DEFAULT_LAST_YEAR:
            raise ValidationError(
                {
                    "date": _("The working-day calendar covers the years %(first)s to %(last)s.")
                    % {"first": DEFAULT_FIRST_YEAR, "last": DEFAULT_LAST_YEAR}
                }
            )
