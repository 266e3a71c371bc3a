"""A queue ticket: one visit, from the kiosk (or a phone, or an appointment's check-in) to the end of its service.

The wait of Decision 468 is measured from ``issued_at`` to ``called_at`` (the first call); the service from
``called_at`` to ``finished_at``. ``rank_at`` orders the queue: the issue time, brought forward for priority
visitors and appointments (``services.routing``), so one index answers "who is next" and nobody starves.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def ticket_token_new() -> str:
    """The secret of a ticket's QR page: 24 random bytes; a ticket's number or id never opens it."""
    return secrets.token_urlsafe(24)


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    CALLED = "called", _("called")
    DONE = "done", _("served")
    NO_SHOW = "no_show", _("did not come when called")
    CANCELLED = "cancelled", _("cancelled by the visitor")
    EXPIRED = "expired", _("not served by closing time")


OPEN_STATUSES = (TicketStatus.WAITING, TicketStatus.CALLED)


class TicketChannel(models.TextChoices):
    KIOSK = "kiosk", _("kiosk")
    PHONE = "phone", _("phone")
    APPOINTMENT = "appointment", _("appointment")
    COUNTER = "counter", _("issued by a clerk")


class Priority(models.TextChoices):
    NONE = "", _("none")
    ELDERLY = "elderly", _("elderly person")
    DISABLED = "disabled", _("person with a disability")
    PREGNANT = "pregnant", _("pregnant woman")
    VETERAN = "veteran", _("person with meritorious service")


class Ticket(models.Model):
    point = models.ForeignKey(
        "agencies.ReceivingPoint", on_delete=models.PROTECT, related_name="tickets", verbose_name=_("centre")
    )
    service = models.ForeignKey(
        "tickets.QueueService", on_delete=models.PROTECT, related_name="tickets", verbose_name=_("service")
    )
    field = models.ForeignKey(
        "procedures.Field",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("field"),
        help_text=_("The field whose counters serve it now (the service's, or the one it was transferred to)."),
    )
    day = models.DateField(_("day"))
    sequence = models.PositiveIntegerField(_("sequence of the day"))
    label = models.CharField(_("number"), max_length=12)
    channel = models.CharField(_("taken at"), max_length=12, choices=TicketChannel.choices)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=TicketStatus.choices, default=TicketStatus.WAITING)
    token = models.CharField(_("token"), max_length=40, unique=True, default=ticket_token_new, editable=False)
    issued_at = models.DateTimeField(_("issued at"))
    rank_at = models.DateTimeField(_("place in the queue"))
    called_at = models.DateTimeField(_("first called at"), null=True, blank=True)
    last_called_at = models.DateTimeField(_("last called at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    counter = models.ForeignKey(
        "agencies.Counter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=_("counter"),
        help_text=_("The counter that called it last."),
    )
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="served_tickets",
        verbose_name=_("clerk"),
    )
    target_counter = models.ForeignKey(
        "agencies.Counter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("transferred to counter"),
    )
    calls = models.PositiveSmallIntegerField(_("calls"), default=0)
    transfers = models.PositiveSmallIntegerField(_("transfers"), default=0)
    device = models.ForeignKey(
        "tickets.QueueDevice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=_("kiosk"),
    )

    class Meta:
        # No related model in the ordering: a ``select_for_update`` would otherwise join and lock the centre's row.
        ordering = ("day", "sequence")
        verbose_name = _("queue ticket")
        verbose_name_plural = _("queue tickets")
        constraints = [
            models.UniqueConstraint(fields=("point", "day", "sequence"), name="ticket_unique_sequence"),
            models.UniqueConstraint(fields=("point", "day", "label"), name="ticket_unique_label"),
            models.CheckConstraint(
                condition=~models.Q(status="called") | models.Q(called_at__isnull=False, counter__isnull=False),
                name="ticket_called_has_counter",
            ),
        ]
        indexes = [
            models.Index(fields=("point", "status", "rank_at"), name="ticket_queue_idx"),
            models.Index(fields=("point", "issued_at"), name="ticket_issued_idx"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def wait_seconds(self) -> float | None:
        if self.called_at is None:
            return None
        return (self.called_at - self.issued_at).total_seconds()

    @property
    def service_seconds(self) -> float | None:
        if self.called_at is None or self.finished_at is None or self.status != TicketStatus.DONE:
            return None
        return (self.finished_at - self.called_at).total_seconds()


class TicketDayCounter(models.Model):
    """The last sequence issued at a centre on a day: one row, incremented in one statement (``numbering``)."""

    point = models.ForeignKey("agencies.ReceivingPoint", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("point", "day"), name="ticket_day_counter_unique")]

    def __str__(self) -> str:
        return f"{self.point_id} {self.day}: {self.last}"


class TicketEventKind(models.TextChoices):
    ISSUED = "issued", _("issued")
    CALLED = "called", _("called")
    RECALLED = "recalled", _("called again")
    NO_SHOW = "no_show", _("did not come")
    REQUEUED = "requeued", _("back in the queue")
    TRANSFERRED = "transferred", _("transferred")
    DONE = "done", _("served")
    CANCELLED = "cancelled", _("cancelled")
    EXPIRED = "expired", _("expired")
    LINKED = "linked", _("dossier linked")
    RATED = "rated", _("rated")


class TicketEvent(models.Model):
    """What happened to a ticket, in order: the displays read the calls from here, the figures the rest."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events", verbose_name=_("ticket"))
    point = models.ForeignKey("agencies.ReceivingPoint", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=TicketEventKind.choices)
    at = models.DateTimeField(_("at"))
    counter = models.ForeignKey("agencies.Counter", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ("id",)
        verbose_name = _("ticket event")
        verbose_name_plural = _("ticket events")
        indexes = [models.Index(fields=("point", "kind", "id"), name="ticket_event_point_idx")]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.kind}"


class TicketDossier(models.Model):
    """A dossier received, or a result returned, while the clerk served this ticket."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="dossier_links")
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="ticket_links")
    action = models.CharField(_("action"), max_length=30)
    at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ("at",)
        verbose_name = _("dossier served on a ticket")
        verbose_name_plural = _("dossiers served on tickets")
        constraints = [
            models.UniqueConstraint(fields=("ticket", "dossier", "action"), name="ticket_dossier_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} → {self.dossier_id}"
