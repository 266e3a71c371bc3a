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
    FEEDBACK = "feedback", _("the petitions and complaints")
    PROCEDURES = "procedures", _("the procedure catalogue")


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


# --- rollups (docs/indicators.md, "Rollups") ----------------------------------------------------------------------


class DossierRollup(models.Model):
    """How many dossiers met each named fact filter (:data:`.facts.FACT_FILTERS`), per local day, receiving point
    and lead agency. A filter anchored on reception counts on the day of reception, one anchored on the end of
    processing on that day: summing the days of a period gives exactly what the direct count gives. Commune and
    province are the point's, kept on the row so every scope sums without a join. Maintained by :mod:`.rollups`."""

    day = models.DateField(_("day"))
    province_code = models.CharField(_("province"), max_length=10, default="")
    commune_code = models.CharField(_("commune"), max_length=10, default="")
    point_code = models.CharField(_("receiving point"), max_length=40, default="")
    agency_code = models.CharField(_("lead agency"), max_length=40, default="")
    n_received = models.BigIntegerField(default=0)
    n_online = models.BigIntegerField(default=0)
    n_postal = models.BigIntegerField(default=0)
    n_synced = models.BigIntegerField(default=0)
    n_digitized = models.BigIntegerField(default=0)
    n_reused = models.BigIntegerField(default=0)
    n_fee_bearing = models.BigIntegerField(default=0)
    n_fee_bearing_paid_online = models.BigIntegerField(default=0)
    n_finished = models.BigIntegerField(default=0)
    n_on_time = models.BigIntegerField(default=0)
    n_late = models.BigIntegerField(default=0)
    n_complaint_or_dislike = models.BigIntegerField(default=0)
    n_decided_with_document = models.BigIntegerField(default=0)
    n_electronic_result = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("dossier rollup")
        verbose_name_plural = _("dossier rollups")
        constraints = [
            models.UniqueConstraint(
                fields=("day", "province_code", "commune_code", "point_code", "agency_code"),
                name="dossier_rollup_grain",
            ),
        ]
        indexes = [
            models.Index(fields=("province_code", "day"), name="dossier_rollup_province_day"),
            models.Index(fields=("commune_code", "day"), name="dossier_rollup_commune_day"),
            models.Index(fields=("agency_code", "day"), name="dossier_rollup_agency_day"),
            models.Index(fields=("point_code", "day"), name="dossier_rollup_point_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.point_code} {self.agency_code}"


class DossierFactSnapshot(models.Model):
    """What one dossier last added to the rollups: its anchor days, its place and the filters it met. A change
    subtracts this and adds the dossier's new contribution. The flags are columns, not a list, so the rollups are
    summed from the snapshots in SQL (``GROUP BY``), never row by row in Python."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.CASCADE, primary_key=True, related_name="+", verbose_name=_("dossier")
    )
    received_day = models.DateField(_("received on"), null=True, blank=True)
    finished_day = models.DateField(_("processing ended on"), null=True, blank=True)
    province_code = models.CharField(_("province"), max_length=10, default="")
    commune_code = models.CharField(_("commune"), max_length=10, default="")
    point_code = models.CharField(_("receiving point"), max_length=40, default="")
    agency_code = models.CharField(_("lead agency"), max_length=40, default="")
    # One flag per named filter (the rollup's n_<name> column has f_<name> here): met, on an anchor day it has.
    f_received = models.BooleanField(default=False)
    f_online = models.BooleanField(default=False)
    f_postal = models.BooleanField(default=False)
    f_synced = models.BooleanField(default=False)
    f_digitized = models.BooleanField(default=False)
    f_reused = models.BooleanField(default=False)
    f_fee_bearing = models.BooleanField(default=False)
    f_fee_bearing_paid_online = models.BooleanField(default=False)
    f_finished = models.BooleanField(default=False)
    f_on_time = models.BooleanField(default=False)
    f_late = models.BooleanField(default=False)
    f_complaint_or_dislike = models.BooleanField(default=False)
    f_decided_with_document = models.BooleanField(default=False)
    f_electronic_result = models.BooleanField(default=False)
    folded_at = models.DateTimeField(_("folded at"), auto_now=True)

    class Meta:
        verbose_name = _("dossier fact snapshot")
        verbose_name_plural = _("dossier fact snapshots")

    def __str__(self) -> str:
        return str(self.dossier_id)


class RollupBuild(models.Model):
    """One run of ``manage.py indicators_rebuild``: where it resumes (the last dossier id done) and whether it
    finished. Until a build has finished, the rollups do not hold the history and the scores count directly."""

    from_day = models.DateField(_("from"), null=True, blank=True)
    last_dossier_id = models.BigIntegerField(_("last dossier done"), default=0)
    folded = models.BigIntegerField(_("dossiers folded"), default=0)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ("-started_at", "-pk")
        verbose_name = _("rollup build")
        verbose_name_plural = _("rollup builds")

    def __str__(self) -> str:
        return f"{self.from_day or 'all'} → {self.last_dossier_id}"


class RollupMark(models.Model):
    """A change of a dossier not yet folded into the rollups. Inserted inside the transaction that makes the
    change (so it commits or rolls back with it), deleted by the fold that takes the change in. A fold that failed
    after the commit leaves it, and the periodic sweep folds it: no change is lost to the rollups.

    One row per change, never updated: a plain ``INSERT`` without a unique key waits on no other transaction, so
    marking adds no lock to a clerk's transaction (an upsert on one row per dossier did, and deadlocked against
    the audit chain's head under load). A fold deletes the marks it read before folding; one inserted meanwhile
    stays for its own transaction's fold."""

    id = models.BigAutoField(primary_key=True)
    dossier_id = models.BigIntegerField(_("dossier"), db_index=True)
    marked_at = models.DateTimeField(_("marked at"), db_index=True)

    class Meta:
        verbose_name = _("change pending a fold")
        verbose_name_plural = _("changes pending a fold")

    def __str__(self) -> str:
        return f"{self.dossier_id} @ {self.marked_at:%Y-%m-%d %H:%M:%S}"
