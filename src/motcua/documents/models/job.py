from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RUNNING = "running", _("in progress")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")
    CANCELLED = "cancelled", _("cancelled")


def job_input_path(instance: JobInput, filename: str) -> str:
    return f"digitization/{instance.job.uid}/{instance.order:03d}-{filename}"


class DigitizationJob(models.Model):
    """Scanned files on their way to signed PDF/A documents; one row the pipeline advances step by step."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    step = models.CharField(_("current step"), max_length=30, blank=True)
    pages_total = models.PositiveIntegerField(_("pages"), default=0)
    pages_done = models.PositiveIntegerField(_("pages done"), default=0)
    owner_id_number = models.CharField(_("owner's ID number or tax code"), max_length=13)
    kind = models.CharField(_("document type"), max_length=120, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    split_at_separators = models.BooleanField(_("split at separator sheets"), default=False)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, null=True, blank=True, related_name="digitization_jobs"
    )
    component = models.ForeignKey(
        "dossiers.DossierComponent", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    receiving_point = models.ForeignKey("agencies.ReceivingPoint", on_delete=models.PROTECT, null=True, blank=True)
    documents = models.ManyToManyField("documents.Document", blank=True, related_name="jobs")
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error_code = models.CharField(_("error"), max_length=60, blank=True)
    error_message = models.TextField(_("error message"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("digitization job")
        verbose_name_plural = _("digitization jobs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pages_done__lte=models.F("pages_total")), name="job_pages_done_le_total"
            )
        ]

    def __str__(self) -> str:
        return str(self.uid)


class JobInput(models.Model):
    """One file given to a job, kept until the job ends (then removed: no orphan files)."""

    job = models.ForeignKey(DigitizationJob, on_delete=models.CASCADE, related_name="inputs")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=255)
    file = models.FileField(upload_to=job_input_path)
    size = models.PositiveBigIntegerField()

    class Meta:
        ordering = ("job", "order")
        constraints = [models.UniqueConstraint(fields=("job", "order"), name="job_input_order")]

    def __str__(self) -> str:
        return self.name
