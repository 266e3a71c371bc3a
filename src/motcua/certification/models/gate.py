"""What the gate reads besides certifications: a supervisor's temporary waiver, and the gaps ``warn`` records."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.stages.models import StageCode


class Waiver(models.Model):
    """A supervisor lets one member of staff act without the certification, for a stage (and a field, or every
    field), from ``starts`` to ``ends`` inclusive, for a reason. Granting it is audited."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certification_waivers", verbose_name=_("user")
    )
    stage_code = models.CharField(_("stage"), max_length=40, choices=StageCode.choices)
    field = models.ForeignKey(
        "procedures.Field",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("field"),
        help_text=_("Empty: every field."),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("granted by")
    )
    reason = models.TextField(_("reason"))
    starts = models.DateField(_("from"))
    ends = models.DateField(_("until"))
    created_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        ordering = ("-ends",)
        verbose_name = _("waiver")
        verbose_name_plural = _("waivers")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends__gte=models.F("starts")), name="certification_waiver_span"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="certification_waiver_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.stage_code} · {self.starts:%d/%m/%Y}–{self.ends:%d/%m/%Y}"


class GateGap(models.Model):
    """An action taken under ``TRAINING_GATE=warn`` by someone without the certification: once per user, stage,
    field and day (the first action of the day, with its dossier)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    stage_code = models.CharField(_("stage"), max_length=40, choices=StageCode.choices)
    field = models.ForeignKey("procedures.Field", on_delete=models.CASCADE, related_name="+", verbose_name=_("field"))
    action = models.CharField(_("action"), max_length=40)
    dossier_code = models.CharField(_("dossier code"), max_length=60, blank=True)
    day = models.DateField(_("day"))
    at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ("-at",)
        verbose_name = _("certification gap")
        verbose_name_plural = _("certification gaps")
        constraints = [
            models.UniqueConstraint(fields=("user", "stage_code", "field", "day"), name="certification_gap_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.stage_code} · {self.day:%d/%m/%Y}"
