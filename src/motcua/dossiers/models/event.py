from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: Payload keys other parts read (docs/domain.md, "Deadlines and verdicts"). On a ``receive_supplement``
#: or ``meet_obligation`` event: the appointment moved and the applicant's receipt no longer shows it.
NEW_RECEIPT_DUE = "new_receipt_due"
#: On an ``extend`` event: the apology came less than one working day before the due time, or after it.
LATE_NOTICE = "late_notice"


class DossierEvent(models.Model):
    """One entry of a dossier's history: append-only, numbered per dossier."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField(_("number"))
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("by")
    )
    action = models.CharField(_("action"), max_length=40)
    from_status = models.CharField(_("from"), max_length=30, blank=True)
    to_status = models.CharField(_("to"), max_length=30)
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("unit")
    )
    note = models.TextField(_("note"), blank=True)
    payload = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ("dossier", "seq")
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier history")
        constraints = [models.UniqueConstraint(fields=("dossier", "seq"), name="dossier_event_unique_seq")]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.seq} {self.action}"
