"""Scenarios of the model project: named sets of inputs, versioned, and their computed results."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import errors


class ScenarioStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PROPOSED = "proposed", _("proposed")
    ARCHIVED = "archived", _("archived")


class Scenario(models.Model):
    """A named plan of one province, or of the whole country when ``province`` is empty."""

    name = models.CharField(_("name"), max_length=200)
    province = models.ForeignKey(
        "localities.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
        help_text=_("Empty: the whole country."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
        null=True,
        blank=True,
    )
    status = models.CharField(_("status"), max_length=20, choices=ScenarioStatus.choices, default=ScenarioStatus.DRAFT)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("copied from"),
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ("province_id", "name")
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        constraints = [
            models.UniqueConstraint(fields=["province", "name"], name="planner_scenario_name_per_province"),
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(province__isnull=True), name="planner_scenario_name_country"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ScenarioVersion(models.Model):
    """One immutable set of inputs of a scenario (JSON of :class:`motcua.planner.inputs.ScenarioInputs`).

    ``provenance`` says where each number that differs from the defaults came from, by its dotted key
    ("edited by …", "measured at … from … to …"); a key it does not name is the default with its source.
    """

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("number"))
    inputs = models.JSONField(_("inputs"))
    provenance = models.JSONField(_("where changed numbers come from"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ("scenario", "-number")
        verbose_name = _("scenario version")
        verbose_name_plural = _("scenario versions")
        constraints = [
            models.UniqueConstraint(fields=["scenario", "number"], name="planner_version_number_unique"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="planner_version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.scenario} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise errors.scenario_version_immutable()
        super().save(*args, **kwargs)


class ScenarioResult(models.Model):
    """A computed plan's summary, kept per version, scope and engine revision (versions never change, so a
    result stays true until the engine changes; ``ENGINE`` in ``motcua.planner.results`` is bumped then)."""

    version = models.ForeignKey(ScenarioVersion, on_delete=models.CASCADE, related_name="results")
    scope = models.CharField(_("scope"), max_length=2, blank=True, help_text=_("Province code; empty: country."))
    engine = models.CharField(_("engine revision"), max_length=20)
    summary = models.JSONField(_("summary"))
    computed_at = models.DateTimeField(_("computed at"), auto_now_add=True)
    seconds = models.FloatField(_("seconds to compute"), default=0)

    class Meta:
        verbose_name = _("scenario result")
        verbose_name_plural = _("scenario results")
        constraints = [
            models.UniqueConstraint(fields=["version", "scope", "engine"], name="planner_result_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.scope or 'VN'} ({self.engine})"


from .run_models import RUN_ENDED, RunStatus, SimulationRun  # noqa: E402, F401 - simulation runs (runs.py)
