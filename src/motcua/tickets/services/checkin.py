"""Checking an appointment in at the kiosk: its code gives a ticket whose place is the slot's
(``routing.ticket_rank``); a second check-in gives back the same ticket; too late, a walk-in's place."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from motcua.agencies.models import ReceivingPoint
from motcua.core.localtime import LOCAL_TIME_ZONE, local_date

from .. import errors
from ..models import Appointment, AppointmentStatus, QueueDevice, Ticket, TicketChannel
from ..models.appointment import appointment_code_clean
from .issue import ticket_issue


def appointment_check_in(
    *, point: ReceivingPoint, code: str, device: QueueDevice | None = None, at: datetime | None = None
) -> Ticket:
    at = at or timezone.now()
    code = appointment_code_clean(code)
    with transaction.atomic():
        appointment = (
            Appointment.objects.select_for_update().select_related("service").filter(point=point, code=code).first()
        )
        if appointment is None:
            raise errors.appointment_not_found()
        if appointment.status == AppointmentStatus.CHECKED_IN and appointment.ticket_id:
            return Ticket.objects.get(pk=appointment.ticket_id)
        if appointment.status != AppointmentStatus.BOOKED:
            raise errors.appointment_closed(status=str(AppointmentStatus(appointment.status).label))
        if local_date(appointment.slot_start) != local_date(at):
            local = appointment.slot_start.astimezone(LOCAL_TIME_ZONE)
            raise errors.appointment_not_today(when=date_format(local, "d/m/Y H:i"))
        if at < appointment.slot_start - timedelta(minutes=settings.QUEUE_APPOINTMENT_EARLY_MINUTES):
            raise errors.appointment_too_early(minutes=settings.QUEUE_APPOINTMENT_EARLY_MINUTES)
        ticket = ticket_issue(
            point=point,
            service=appointment.service,
            channel=TicketChannel.APPOINTMENT,
            device=device,
            appointment=appointment,
            at=at,
        )
        appointment.status = AppointmentStatus.CHECKED_IN
        appointment.checked_in_at = at
        appointment.ticket = ticket
        appointment.save(update_fields=["status", "checked_in_at", "ticket"])
        return ticket
