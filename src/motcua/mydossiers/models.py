"""What a citizen asks of the one-stop from My dossiers, pending until a clerk acts (docs/my-dossiers.md): the
papers of a supplement sent online, and a request to stop processing."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("waiting for the one-stop")
    DONE = "done", _("carried out")
    DECLINED = "declined", _("declined")


def supplement_file_path(instance: CitizenSupplementFile, filename: str) -> str:
    """Under the dossier's private folder, like its scans; a random name so that nothing is overwritten."""
    return f"dossiers/{instance.supplement.dossier.code}/cong-dan/{uuid.uuid4().hex}"


class _CitizenRequest(models.Model):
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="+")
    account = models.ForeignKey(
        "citizens.CitizenAccount", on_delete=models.PROTECT, related_name="+", verbose_name=_("sent by")
    )
    status = models.CharField(_("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    answer = models.TextField(_("answer of the one-stop"), blank=True)

    class Meta:
        abstract = True
        ordering = ("-created_at", "-id")


class CitizenSupplement(_CitizenRequest):
    """Papers the applicant sent online to answer the supplement request ``request_seq`` (a history event)."""

    request_seq = models.PositiveIntegerField(_("answers the request"))
    note = models.TextField(_("note"), blank=True)

    class Meta(_CitizenRequest.Meta):
        verbose_name = _("supplement sent online")
        verbose_name_plural = _("supplements sent online")
        constraints = [
            models.UniqueConstraint(
                fields=("dossier", "request_seq"),
                condition=models.Q(status="pending"),
                name="citizen_supplement_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} #{self.request_seq} ({self.status})"


class CitizenSupplementFile(models.Model):
    supplement = models.ForeignKey(CitizenSupplement, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=supplement_file_path)
    name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=10)
    pages = models.PositiveIntegerField(_("pages"))
    size = models.PositiveBigIntegerField(_("size in bytes"))

    class Meta:
        ordering = ("id",)
        verbose_name = _("file of a supplement sent online")
        verbose_name_plural = _("files of supplements sent online")

    def __str__(self) -> str:
        return self.name


class StopRequest(_CitizenRequest):
    """The applicant's request to stop processing (withdraw the dossier), with their reason."""

    reason = models.TextField(_("reason"))

    class Meta(_CitizenRequest.Meta):
        verbose_name = _("request to stop processing")
        verbose_name_plural = _("requests to stop processing")
        constraints = [
            models.UniqueConstraint(
                fields=("dossier",), condition=models.Q(status="pending"), name="stop_request_one_pending"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} ({self.status})"
