from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .dossier import dossier_file_path


class DossierComponent(models.Model):
    """A paper received, checked against the procedure's checklist."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="components")
    component = models.ForeignKey(
        "procedures.Component", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("checklist item")
    )
    name = models.CharField(_("name"), max_length=500)
    form = models.CharField(_("original or copy"), max_length=20)
    count = models.PositiveSmallIntegerField(_("count"), default=1)
    document_ref = models.CharField(_("stored document"), max_length=255, blank=True)
    reused = models.BooleanField(_("reused from the data store"), default=False)
    digitized = models.BooleanField(_("digitized"), default=False)
    file = models.FileField(_("scanned file"), upload_to=dossier_file_path, blank=True)
    # The history event (seq) of the supplement this paper was handed in with; empty: it came with the dossier.
    supplement_seq = models.PositiveIntegerField(_("handed in with the supplement (event no.)"), null=True, blank=True)

    class Meta:
        ordering = ("dossier", "id")
        verbose_name = _("dossier component")
        verbose_name_plural = _("dossier components")
        constraints = [models.CheckConstraint(condition=models.Q(count__gte=1), name="dossier_component_count")]

    def __str__(self) -> str:
        return self.name


class StepStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    ACTIVE = "active", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class DossierStep(models.Model):
    """A step of the internal process for this dossier, at one agency, with its own deadline."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(_("role"), max_length=30)
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("agency")
    )
    parallel_group = models.PositiveSmallIntegerField(_("parallel group"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=StepStatus.choices, default=StepStatus.PENDING)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("assignee")
    )
    duration_hours = models.DecimalField(_("budget (working hours)"), max_digits=7, decimal_places=2)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completed by"),
        help_text=_("Who completed the step; only a holder of the step's role may."),
    )

    class Meta:
        ordering = ("dossier", "order")
        verbose_name = _("processing step")
        verbose_name_plural = _("processing steps")
        constraints = [
            models.UniqueConstraint(fields=("dossier", "order"), name="dossier_step_unique_order"),
            models.CheckConstraint(
                condition=~models.Q(status="done") | models.Q(finished_at__isnull=False),
                name="dossier_step_done_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"
