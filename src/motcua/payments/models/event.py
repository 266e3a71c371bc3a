"""The append-only log of everything a gateway told us about a payment (docs/payments.md, "The log").

Every notification, return and query answer is written here with its raw parameters and our verdict, also
when it changed nothing (a forged signature, a replay, a wrong amount): the log is what a dispute is settled
from. Rows are never updated.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    START = "start", _("sent to the gateway")
    IPN = "ipn", _("gateway notification")
    RETURN = "return", _("applicant's return")
    QUERY = "query", _("status query")


class Verdict(models.TextChoices):
    STARTED = "started", _("sent to the gateway")
    APPLIED = "applied", _("applied")
    ALREADY = "already", _("already applied")
    SHOWN = "shown", _("shown to the applicant")
    NO_OUTCOME = "no_outcome", _("no outcome yet")
    BAD_SIGNATURE = "bad_signature", _("signature invalid")
    MALFORMED = "malformed", _("malformed")
    UNKNOWN_REFERENCE = "unknown_reference", _("unknown reference")
    WRONG_AMOUNT = "wrong_amount", _("amount differs")
    REPLAY = "replay", _("transaction already used")
    OUT_OF_ORDER = "out_of_order", _("contradicts a final state")


class PaymentEvent(models.Model):
    payment = models.ForeignKey(
        "payments.Payment", on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    reference = models.CharField(_("reference given"), max_length=100, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    params = models.JSONField(_("parameters received"), default=dict)
    note = models.CharField(_("note"), max_length=300, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("id",)
        verbose_name = _("payment event")
        verbose_name_plural = _("payment events")

    def __str__(self) -> str:
        return f"{self.reference} {self.source} {self.verdict}"

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise ValueError("payment events are append-only")
        super().save(*args, **kwargs)
