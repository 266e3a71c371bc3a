"""A simulation run of a scenario version: queued, run by a worker with its progress, cancellable, its result kept.

Imported by :mod:`motcua.planner.models` so Django sees it as a model of the planner app. The service is
:mod:`motcua.planner.runs`, the task :mod:`motcua.planner.tasks`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["RUN_ENDED", "RunStatus", "SimulationRun"]


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")
    FAILED = "failed", _("failed")


#: A run in one of these states is over: a task delivered again for it does nothing.
RUN_ENDED = (RunStatus.DONE, RunStatus.CANCELLED, RunStatus.FAILED)


class SimulationRun(models.Model):
    """Days at a commune centre simulated event by event with the arrivals and counters of a scenario version.

    ``parameters``: what the run was asked (``day`` as yyyy-mm-dd, ``days``, ``seed``, ``distribution``, ``cv``);
    ``result``: what it found (``runs.simulation_run_execute`` writes it; on a cancelled run the figures of the
    citizens finished so far). ``progress`` is the part simulated, 0 to 1, written every 2 %.
    """

    version = models.ForeignKey(
        "planner.ScenarioVersion", on_delete=models.CASCADE, related_name="simulation_runs", verbose_name=_("version")
    )
    commune = models.ForeignKey(
        "localities.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    receiving_point = models.ForeignKey(
        "agencies.ReceivingPoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("receiving point"),
        help_text=_("Empty: the commune centre as the plan sees it."),
    )
    parameters = models.JSONField(_("parameters"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.FloatField(_("progress"), default=0.0)
    cancel_requested = models.BooleanField(_("cancel requested"), default=False)
    result = models.JSONField(_("result"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error_code = models.CharField(_("error code"), max_length=80, blank=True)
    error_message = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("simulation run")
        verbose_name_plural = _("simulation runs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__gte=0) & models.Q(progress__lte=1), name="planner_run_progress_range"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[status.value for status in RunStatus]), name="planner_run_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} · {self.commune_id} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in RUN_ENDED
