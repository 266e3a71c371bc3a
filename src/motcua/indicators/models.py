"""Indicator definitions as data, versioned, and the figures kept for closed periods (docs/indicators.md).

A set is a draft until published; a published set and its indicators never change (the guard below refuses,
like a published procedure version): a changed definition is a new version. The figures computed for a closed
period are kept per set version: a recomputation with another version adds rows, never rewrites them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Group(models.TextChoices):
    """The six groups of Decision 766/QĐ-TTg, and Decision 468/QĐ-TTg's targets (not part of the 100 points)."""

    TRANSPARENCY = "transparency", _("transparency")
    PROGRESS = "progress", _("processing progress")
    ONLINE = "online", _("online service")
    PAYMENT = "payment", _("online payment")
    SATISFACTION = "satisfaction", _("satisfaction")
    DIGITIZATION = "digitization", _("digitization")
    D468 = "468", _("Decision 468 targets")


class Formula(models.TextChoices):
    RATIO = "ratio", _("numerator ÷ denominator")
    SHORTFALL = "shortfall", _("100% − numerator ÷ denominator")


class Source(models.TextChoices):
    DOSSIERS = "dossiers", _("the dossiers' facts")
    TICKETS = "tickets", _("the queue's tickets")


class CalendarUsed(models.TextChoices):
    WORKING = "working", _("working days and office hours")
    CLOCK = "clock", _("clock time")
    NONE = "none", _("no time measured")


def _guard_published(indicator_set: IndicatorSet | None) -> None:
    if indicator_set is not None and indicator_set.published_at is not None:
        from .errors import indicator_set_published  # errors import nothing of ours; kept local like procedures

        raise indicator_set_published()


class IndicatorSet(models.Model):
    name = models.CharField(_("name"), max_length=40, help_text=_("e.g. 766: the index of Decision 766/QĐ-TTg."))
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=255)
    source_note = models.TextField(_("source"), blank=True)
    unverified = models.BooleanField(_("unverified"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ("name", "-version")
        verbose_name = _("indicator set")
        verbose_name_plural = _("indicator sets")
        constraints = [models.UniqueConstraint(fields=("name", "version"), name="indicator_set_unique_version")]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    def save(self, *args, **kwargs):
        # Guard, not workflow: publication goes through services.indicator_set_publish.
        if self.pk:
            _guard_published(IndicatorSet.objects.filter(pk=self.pk).first())
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _guard_published(self)
        return super().delete(*args, **kwargs)


class Indicator(models.Model):
    indicator_set = models.ForeignKey(
        IndicatorSet, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("indicator set")
    )
    code = models.CharField(_("code"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"))
    group = models.CharField(_("group"), max_length=20, choices=Group.choices)
    label_vi = models.CharField(_("label (Vietnamese)"), max_length=255)
    label_en = models.CharField(_("label (English)"), max_length=255)
    source = models.CharField(_("counted from"), max_length=10, choices=Source.choices, default=Source.DOSSIERS)
    formula = models.CharField(_("formula"), max_length=10, choices=Formula.choices, default=Formula.RATIO)
    numerator = models.CharField(
        _("numerator"), max_length=120, help_text=_("Named fact filters of the registry, joined by +.")
    )
    denominator = models.CharField(_("denominator"), max_length=60, help_text=_("A named fact filter."))
    threshold = models.DecimalField(
        _("threshold"),
        max_digits=5,
        decimal_places=4,
        help_text=_("Full points at or above this rate, proportional below (1 = strictly proportional)."),
    )
    weight = models.DecimalField(_("points"), max_digits=5, decimal_places=2)
    calendar = models.CharField(_("calendar"), max_length=10, choices=CalendarUsed.choices)
    unverified = models.BooleanField(_("unverified"), default=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ("indicator_set", "order")
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=("indicator_set", "code"), name="indicator_unique_code"),
            models.CheckConstraint(
                condition=models.Q(threshold__gt=0, threshold__lte=1), name="indicator_threshold_a_rate"
            ),
            models.CheckConstraint(condition=models.Q(weight__gte=0), name="indicator_weight_not_negative"),
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs):
        _guard_published(IndicatorSet.objects.filter(pk=self.indicator_set_id).first())
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _guard_published(self.indicator_set)
        return super().delete(*args, **kwargs)

    @property
    def numerator_names(self) -> list[str]:
        return [name.strip() for name in self.numerator.split("+") if name.strip()]


class IndicatorFigure(models.Model):
    """One indicator's figure for a scope and a closed period, as computed with one set version. Kept."""

    indicator_set = models.ForeignKey(IndicatorSet, on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="figures")
    scope = models.CharField(_("scope"), max_length=80)
    period = models.CharField(_("period"), max_length=10)
    numerator = models.PositiveBigIntegerField(_("numerator"))
    denominator = models.PositiveBigIntegerField(_("denominator"))
    rate = models.DecimalField(_("rate"), max_digits=7, decimal_places=6, null=True, blank=True)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        ordering = ("scope", "period", "indicator")
        verbose_name = _("indicator figure")
        verbose_name_plural = _("indicator figures")
        constraints = [
            models.UniqueConstraint(fields=("indicator", "scope", "period"), name="indicator_figure_once"),
        ]
        indexes = [models.Index(fields=("scope", "period"), name="indicator_figure_scope_period")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.scope} {self.period}"
