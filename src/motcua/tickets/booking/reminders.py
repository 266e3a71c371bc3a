"""The e-mails of an appointment: its confirmation when booked, and a reminder the day before.

Both go through the transactional outbox (:mod:`motcua.dossiers.outbox`), so a message exists exactly when the
booking does: ``appointment_book`` writes ``email.appointment_confirmed`` in its own transaction, and the daily
job (``appointment_reminders_queue``, run by Celery beat or ``manage.py appointment_reminders``) writes
``email.appointment_reminder`` for tomorrow's appointments and sets their ``reminded_at``, so a second run the
same day writes nothing. No e-mail address, no message. Until the portal's notifications exist (issue 13, item
4), e-mail is the only channel.

:class:`AppointmentMail` sends them with Django's ``send_mail``, in the language the visitor booked in. The
outbox delivers at least once, so before sending, the handler records the message's key as a row
``sent:<key>`` of the outbox itself (already dispatched, so never delivered; unique, so a second delivery
finds it and sends nothing). The record and the send share the dispatch's savepoint: a failed send records
nothing and is retried.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from motcua.core.localtime import LOCAL_TIME_ZONE, local_date, local_day_bounds
from motcua.dossiers.models import OutboxMessage
from motcua.dossiers.outbox import OutboxHandler, outbox_handlers

from ..models import Appointment, AppointmentStatus

CONFIRMED_TOPIC = "email.appointment_confirmed"
REMINDER_TOPIC = "email.appointment_reminder"
SENT_TOPIC = "email.sent"


def _message(appointment: Appointment, *, topic: str, suffix: str) -> None:
    OutboxMessage.objects.create(
        key=f"appointment:{appointment.code}:{suffix}",
        topic=topic,
        payload={"code": appointment.code, "email": appointment.email, "language": appointment.language},
    )


def appointment_confirmation_queue(appointment: Appointment) -> bool:
    """Write the confirmation message of a new booking (in the booking's transaction); False without e-mail."""
    if not appointment.email:
        return False
    _message(appointment, topic=CONFIRMED_TOPIC, suffix="confirmed")
    return True


def appointment_reminders_queue(*, at: datetime | None = None) -> int:
    """Write a reminder for each appointment of tomorrow still booked, with an e-mail address, not yet reminded.
    Returns how many were written."""
    at = at or timezone.now()
    start, end = local_day_bounds(local_date(at) + timedelta(days=1))
    due = Appointment.objects.filter(
        status=AppointmentStatus.BOOKED, slot_start__gte=start, slot_start__lt=end, reminded_at__isnull=True
    ).exclude(email="")
    written = 0
    for pk in due.values_list("pk", flat=True):
        try:
            with transaction.atomic():
                appointment = Appointment.objects.select_for_update().get(pk=pk)
                if appointment.reminded_at is not None or appointment.status != AppointmentStatus.BOOKED:
                    continue  # another run got there first
                appointment.reminded_at = at
                appointment.save(update_fields=["reminded_at"])
                _message(appointment, topic=REMINDER_TOPIC, suffix="reminder")
        except IntegrityError:  # the message exists already: a run that crashed after writing it
            continue
        written += 1
    return written


def appointment_mail(appointment: Appointment, *, reminder: bool) -> tuple[str, str]:
    """The subject and plain-text body, in the appointment's language."""
    point = appointment.point
    service = appointment.service
    with translation.override(appointment.language or "vi"):
        when = date_format(appointment.slot_start.astimezone(LOCAL_TIME_ZONE), "d/m/Y H:i")
        service_name = service.name_en if appointment.language == "en" and service.name_en else service.name
        path = reverse("tickets:booking_confirmation", args=[appointment.code])
        if reminder:
            subject = _("Reminder: your appointment %(when)s at %(centre)s") % {"when": when, "centre": point.name}
        else:
            subject = _("Appointment booked: %(when)s at %(centre)s") % {"when": when, "centre": point.name}
        lines = [
            _("Hello %(name)s,") % {"name": appointment.name},
            "",
            _("Your appointment is tomorrow.") if reminder else _("Your appointment is booked."),
            "",
            _("Code: %(code)s") % {"code": appointment.code},
            _("Time: %(when)s") % {"when": when},
            _("Service: %(service)s") % {"service": service_name},
            _("Centre: %(centre)s") % {"centre": point.name},
            _("Address: %(address)s") % {"address": point.address},
            "",
            _("Bring this code to the kiosk to take a priority number."),
            _("To see or cancel the appointment: %(url)s") % {"url": settings.PUBLIC_BASE_URL.rstrip("/") + path},
        ]
    return subject, "\n".join(lines) + "\n"


@outbox_handlers.register("email.appointment_*")
class AppointmentMail(OutboxHandler):
    """Sends the confirmation and the reminder, once per message key (module docstring)."""

    def handle(self, message: OutboxMessage) -> None:
        code = str(message.payload.get("code", ""))
        appointment = Appointment.objects.select_related("point", "service").filter(code=code).first()
        if appointment is None or not appointment.email:
            return
        reminder = message.topic == REMINDER_TOPIC
        if reminder and appointment.status != AppointmentStatus.BOOKED:
            return  # cancelled or already checked in: nothing to remind
        _, created = OutboxMessage.objects.get_or_create(
            key=f"sent:{message.key}"[:120],
            defaults={"topic": SENT_TOPIC, "payload": {"to": appointment.email}, "dispatched_at": timezone.now()},
        )
        if not created:
            return  # sent by an earlier delivery of this message
        subject, body = appointment_mail(appointment, reminder=reminder)
        send_mail(subject, body, None, [appointment.email])
