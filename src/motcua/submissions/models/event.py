from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..lifecycle import SubmissionAction, SubmissionStatus


class SubmissionEvent(models.Model):
    """One step of a submission's history, append-only. A supplement request or a refusal keeps what its slip (02,
    03) prints in ``payload``: the slip is printed again from it, the same every time."""

    submission = models.ForeignKey("submissions.OnlineSubmission", on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveIntegerField(_("number"))
    action = models.CharField(_("action"), max_length=24, choices=SubmissionAction.choices)
    from_status = models.CharField(_("from"), max_length=24, choices=SubmissionStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=24, choices=SubmissionStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    payload = models.JSONField(_("details"), default=dict, blank=True)
    at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ("submission", "seq")
        verbose_name = _("event of an online submission")
        verbose_name_plural = _("events of online submissions")
        constraints = [models.UniqueConstraint(fields=("submission", "seq"), name="submission_event_seq")]

    def __str__(self) -> str:
        return f"{self.submission} #{self.seq} {self.action}"

    @property
    def slip_kind(self) -> str:
        slips: dict[str, str] = {SubmissionAction.REQUEST_SUPPLEMENT: "02", SubmissionAction.REFUSE: "03"}
        return slips.get(self.action, "")
