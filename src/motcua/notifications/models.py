"""What the notifications app keeps: each notification with its delivery status, the preferences of each
contact, and what the simulated providers "sent" (docs/notifications.md).

A :class:`Notification` is one message to one recipient on one channel for one event of a dossier. Its
``key`` (the outbox message's key, the channel and the recipient) is unique, so an outbox message delivered
twice makes no second notification, and it is the idempotency key handed to the provider, so a send retried
after a crash reaches the citizen at most once where the provider deduplicates (the simulated ones do).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .contacts import mask


class ChannelKind(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("SMS")
    ZALO = "zalo", _("Zalo")


class EventKind(models.TextChoices):
    STATUS = "status", _("status change")
    SUPPLEMENT = "supplement", _("supplement requested")
    APPOINTMENT = "appointment", _("appointment changed")
    RESULT_READY = "result_ready", _("result ready")
    DELIVERY = "delivery", _("delivery attempt")
    # Messages to a person about something that is not (or not yet) a dossier's status: an online submission in
    # the one-stop inbox, a petition or complaint and its answer, an invitation to rate (``notifications_send_to``).
    SUBMISSION = "submission", _("online submission")
    COMPLAINT = "complaint", _("petition or complaint")
    RATING = "rating", _("rating invitation")


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    SKIPPED = "skipped", _("skipped")


class SkipReason(models.TextChoices):
    NO_ADDRESS = "no_address", _("no address on the dossier")
    OPTED_OUT = "opted_out", _("the recipient turned this channel off")


class Notification(models.Model):
    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        help_text=_("Empty for a message about an online submission not yet received, or a complaint."),
    )
    topic = models.CharField(_("outbox topic"), max_length=60)
    subject_ref = models.CharField(
        _("about"),
        max_length=80,
        blank=True,
        help_text=_("The submission or complaint a message without a dossier is about."),
    )
    event = models.CharField(_("event"), max_length=20, choices=EventKind.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=ChannelKind.choices)
    recipient = models.CharField(_("recipient"), max_length=254, blank=True)
    template = models.CharField(_("template"), max_length=120)
    language = models.CharField(_("language"), max_length=5, default="vi")
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.QUEUED
    )
    skip_reason = models.CharField(_("reason skipped"), max_length=20, choices=SkipReason.choices, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    provider = models.CharField(_("provider"), max_length=30, blank=True)
    provider_reference = models.CharField(_("provider reference"), max_length=100, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    retried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent again by"),
    )
    retried_at = models.DateTimeField(_("sent again at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="skipped") | ~models.Q(skip_reason=""), name="notification_skip_has_reason"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False), name="notification_sent_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.event} {self.channel} {self.status}"

    @property
    def recipient_masked(self) -> str:
        return mask(self.recipient)


class ContactPreference(models.Model):
    """The choices of one contact (a phone number or an e-mail address, normalised): the channels turned off
    and the language. Keyed by contact, not by person: no account is needed to say "no more SMS"."""

    contact = models.CharField(_("contact"), max_length=254, unique=True)
    email_off = models.BooleanField(_("no e-mail"), default=False)
    sms_off = models.BooleanField(_("no SMS"), default=False)
    zalo_off = models.BooleanField(_("no Zalo"), default=False)
    language = models.CharField(_("language"), max_length=5, default="vi")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return mask(self.contact)

    def allows(self, channel: str) -> bool:
        return not getattr(self, f"{channel}_off", False)


class SimulatedMessage(models.Model):
    """What a simulated provider "sent": one row per idempotency key, so a repeated send is visible as none."""

    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=ChannelKind.choices)
    to = models.CharField(_("to"), max_length=254)
    body = models.TextField(_("text"))
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("simulated message")
        verbose_name_plural = _("simulated messages")

    def __str__(self) -> str:
        return f"{self.channel} {self.reference}"
