"""What the exchange with the National Public Service Portal keeps (docs/national-portal.md).

A :class:`Delivery` is one dossier status change on its way to the portal: one row per outbox message (its key is
unique here, so a message delivered twice by the outbox makes no second row), with its own idempotency key that
travels in the request (the portal keeps each status once however often it is sent). An
:class:`IncomingFiling` is a dossier filed on the national portal, waiting for the online inbox.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    ACCEPTED = "accepted", _("accepted by the portal")
    REJECTED = "rejected", _("rejected by the portal")


class Delivery(models.Model):
    message_key = models.CharField(_("outbox message"), max_length=120, unique=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="national_deliveries", verbose_name=_("dossier")
    )
    seq = models.PositiveIntegerField(_("history entry"))
    action = models.CharField(_("action"), max_length=40)
    national_status = models.PositiveSmallIntegerField(_("national status"))
    record = models.JSONField(_("record sent"), default=dict)
    idempotency_key = models.CharField(_("idempotency key"), max_length=64, unique=True)
    status = models.CharField(
        _("state"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), db_index=True)
    last_error = models.TextField(_("the portal's reason"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        ordering = ("dossier_id", "seq")
        verbose_name = _("delivery to the national portal")
        verbose_name_plural = _("deliveries to the national portal")
        constraints = [
            models.UniqueConstraint(fields=("dossier", "seq"), name="national_delivery_one_per_event"),
            models.CheckConstraint(
                condition=models.Q(national_status__gte=1, national_status__lte=10),
                name="national_delivery_status_code",
            ),
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True) | models.Q(status="accepted"),
                name="national_delivery_accepted_at_only_when_accepted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.message_key} → {self.national_status}"


class FilingStatus(models.TextChoices):
    NEW = "new", _("new")
    TAKEN = "taken", _("taken into the inbox")
    REJECTED = "rejected", _("rejected")


class IncomingFiling(models.Model):
    """A dossier filed online on the national portal, as the portal sent it (``record``), until the online inbox of
    motcua takes it (docs/national-portal.md, "Pull")."""

    national_code = models.CharField(_("national dossier code"), max_length=60, unique=True)
    procedure_code = models.CharField(_("procedure code"), max_length=60, blank=True)
    applicant_name = models.CharField(_("applicant"), max_length=255, blank=True)
    record = models.JSONField(_("record received"), default=dict)
    filed_at = models.DateTimeField(_("filed at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    status = models.CharField(
        _("state"), max_length=10, choices=FilingStatus.choices, default=FilingStatus.NEW, db_index=True
    )
    # Why it waits (new) or was rejected, in both languages; empty once the inbox took it.
    reason = models.TextField(_("reason"), blank=True)
    dossier = models.OneToOneField(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="national_filing",
        verbose_name=_("dossier"),
    )

    class Meta:
        ordering = ("-received_at", "-id")
        verbose_name = _("dossier filed on the national portal")
        verbose_name_plural = _("dossiers filed on the national portal")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dossier__isnull=True) | models.Q(status="taken"),
                name="national_filing_dossier_only_when_taken",
            ),
        ]

    def __str__(self) -> str:
        return self.national_code
