"""An appointment: a citizen's booked time slot for a service at a centre, checked in at the kiosk with its code."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

# No 0/O, 1/I/L: a code read out over the phone or typed on a kiosk is not mistaken.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8


def appointment_code_new() -> str:
    """8 characters of a 31-letter alphabet: about 8.5 × 10^11 codes, drawn at random, never from an id."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def appointment_code_clean(code: str | None) -> str:
    """A code as typed (lower case, spaces, dashes) → as stored: letters and digits, upper case, at most 12."""
    return "".join(ch for ch in (code or "").upper() if ch.isascii() and ch.isalnum())[:12]


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("booked")
    CHECKED_IN = "checked_in", _("checked in")
    CANCELLED = "cancelled", _("cancelled")
    MISSED = "missed", _("missed")


class Appointment(models.Model):
    point = models.ForeignKey(
        "agencies.ReceivingPoint", on_delete=models.PROTECT, related_name="appointments", verbose_name=_("centre")
    )
    service = models.ForeignKey(
        "tickets.QueueService", on_delete=models.PROTECT, related_name="bookings", verbose_name=_("service")
    )
    slot_start = models.DateTimeField(_("slot starts"))
    slot_minutes = models.PositiveSmallIntegerField(_("slot length in minutes"))
    code = models.CharField(_("code"), max_length=12, unique=True, default=appointment_code_new, editable=False)
    name = models.CharField(_("name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=5, default="vi")
    status = models.CharField(
        _("status"), max_length=12, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED
    )
    created_at = models.DateTimeField(_("booked at"))
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    ticket = models.OneToOneField(
        "tickets.Ticket",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointment",
        verbose_name=_("ticket"),
    )

    class Meta:
        ordering = ("slot_start", "id")
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        indexes = [models.Index(fields=("point", "service", "slot_start", "status"), name="appointment_slot_idx")]

    def __str__(self) -> str:
        return self.code
