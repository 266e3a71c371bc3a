"""What a centre's queue offers (services, one button each at the kiosk), its devices, and who staffs which counter."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def device_key_new() -> str:
    """The secret in a kiosk's, display's or pad's address: 32 random bytes, never derived from an id."""
    return secrets.token_urlsafe(32)


class ServiceKind(models.TextChoices):
    SUBMIT = "submit", _("submit a dossier")
    COLLECT = "collect", _("collect a result")
    GUIDANCE = "guidance", _("ask for guidance")


class QueueService(models.Model):
    """One button at a centre's kiosk: a kind of visit, for one field of procedures or for any."""

    point = models.ForeignKey(
        "agencies.ReceivingPoint", on_delete=models.CASCADE, related_name="queue_services", verbose_name=_("centre")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ServiceKind.choices)
    field = models.ForeignKey(
        "procedures.Field",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="queue_services",
        verbose_name=_("field"),
        help_text=_("Empty: any field; counters of every field serve it."),
    )
    letter = models.CharField(
        _("letter"), max_length=2, help_text=_("Shown before the ticket's number, e.g. A for A012.")
    )
    name = models.CharField(_("name"), max_length=150, help_text=_("In Vietnamese, as on the kiosk's button."))
    name_en = models.CharField(_("name in English"), max_length=150, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    service_minutes = models.PositiveSmallIntegerField(
        _("expected service minutes"),
        default=10,
        help_text=_("Used for the estimated wait until the day has served tickets of this service."),
    )
    appointments = models.BooleanField(_("bookable online"), default=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ("order", "letter")
        verbose_name = _("queue service")
        verbose_name_plural = _("queue services")
        constraints = [
            models.UniqueConstraint(fields=("point", "kind", "field"), name="queue_service_unique"),
            models.UniqueConstraint(
                fields=("point", "kind"), condition=models.Q(field__isnull=True), name="queue_service_unique_any_field"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.letter} – {self.name}"


class DeviceKind(models.TextChoices):
    KIOSK = "kiosk", _("ticket kiosk")
    DISPLAY = "display", _("display")
    PAD = "pad", _("rating pad")


class QueueDevice(models.Model):
    """A kiosk at the door, a TV display or a counter's rating pad: opened by its secret address, no sign-in."""

    point = models.ForeignKey(
        "agencies.ReceivingPoint", on_delete=models.CASCADE, related_name="queue_devices", verbose_name=_("centre")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=DeviceKind.choices)
    name = models.CharField(_("name"), max_length=100)
    key = models.CharField(_("key"), max_length=64, unique=True, default=device_key_new, editable=False)
    counter = models.ForeignKey(
        "agencies.Counter",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="queue_devices",
        verbose_name=_("counter"),
        help_text=_("A rating pad's counter."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)

    class Meta:
        ordering = ("point", "kind", "name")
        verbose_name = _("queue device")
        verbose_name_plural = _("queue devices")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="pad", counter__isnull=False) | ~models.Q(kind="pad"),
                name="queue_device_pad_has_counter",
            )
        ]

    def __str__(self) -> str:
        return f"{self.point} – {self.name}"

    def get_absolute_url(self) -> str:
        """The page the device opens, its secret key in the address."""
        return reverse(DEVICE_PAGES[DeviceKind(self.kind)], kwargs={"key": self.key})


DEVICE_PAGES = {
    DeviceKind.KIOSK: "tickets:kiosk",
    DeviceKind.DISPLAY: "tickets:display",
    DeviceKind.PAD: "tickets:pad",
}


class CounterShift(models.Model):
    """A clerk at a counter, from opening it to closing it: who calls, and which counters are open now."""

    counter = models.ForeignKey(
        "agencies.Counter", on_delete=models.CASCADE, related_name="shifts", verbose_name=_("counter")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="counter_shifts", verbose_name=_("clerk")
    )
    opened_at = models.DateTimeField(_("opened at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ("-opened_at",)  # no related model: see Ticket's ordering
        verbose_name = _("counter shift")
        verbose_name_plural = _("counter shifts")
        constraints = [
            models.UniqueConstraint(
                fields=("counter",),
                condition=models.Q(closed_at__isnull=True),
                name="counter_shift_one_open_per_counter",
            ),
            models.UniqueConstraint(
                fields=("user",), condition=models.Q(closed_at__isnull=True), name="counter_shift_one_open_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.counter} – {self.user}"
