from __future__ import annotations

import os
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


def paper_path(instance: SubmissionPaper, filename: str) -> str:
    """Under the submission's own folder, named at random: the name typed by the citizen is only shown."""
    extension = os.path.splitext(filename)[1].lower()[:6] or ".pdf"
    return f"submissions/{instance.submission.reference}/{uuid.uuid4().hex}{extension}"


class SubmissionPaper(models.Model):
    """One paper of a submission: a file the citizen uploaded, or a document of their own data store reused. A paper
    of the procedure's checklist (``component``), or one more paper asked for by a supplement request (``label``)."""

    submission = models.ForeignKey("submissions.OnlineSubmission", on_delete=models.CASCADE, related_name="papers")
    component = models.ForeignKey(
        "procedures.Component", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    label = models.CharField(_("paper"), max_length=500)
    file = models.FileField(_("uploaded file"), upload_to=paper_path, blank=True, max_length=200)
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A paper of a national filing: the file stays on the national portal; only its name (and link) is kept.
    remote = models.BooleanField(_("kept on the national portal"), default=False)
    link = models.URLField(_("link on the national portal"), max_length=1000, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    kind = models.CharField(_("file type"), max_length=10, blank=True)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ("component__order", "added_at", "pk")
        verbose_name = _("paper of an online submission")
        verbose_name_plural = _("papers of online submissions")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(remote=False, document__isnull=False) & models.Q(file=""))
                | (models.Q(remote=False, document__isnull=True) & ~models.Q(file=""))
                | models.Q(remote=True, document__isnull=True, file=""),
                name="submission_paper_file_or_document",
            ),
            models.UniqueConstraint(
                fields=("submission", "component"),
                condition=models.Q(component__isnull=False),
                name="submission_paper_once_per_component",
            ),
            models.CheckConstraint(
                condition=models.Q(remote=True) | models.Q(link=""), name="submission_paper_link_remote"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def reused(self) -> bool:
        return self.document_id is not None
