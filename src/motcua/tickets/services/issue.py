"""Issuing a ticket: at the kiosk, on a phone, or when an appointment is checked in."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from motcua.agencies.models import ReceivingPoint
from motcua.core.localtime import local_date

from .. import errors
from ..models import (
    Appointment,
    Priority,
    QueueDevice,
    QueueService,
    Ticket,
    TicketChannel,
    TicketEvent,
    TicketEventKind,
)
from .numbering import ticket_label, ticket_sequence_next
from .routing import ticket_rank


def ticket_issue(
    *,
    point: ReceivingPoint,
    service: QueueService,
    channel: TicketChannel | str,
    priority: str = "",
    device: QueueDevice | None = None,
    appointment: Appointment | None = None,
    at: datetime | None = None,
) -> Ticket:
    """A new ticket for ``service`` at ``point``, numbered after every ticket of the day at the centre. Needs
    nothing from the displays or the counters: the kiosk keeps issuing whatever else is down."""
    at = at or timezone.now()
    if service.point_id != point.pk or not service.is_active:
        raise errors.service_unavailable()
    if not point.is_active:
        raise errors.centre_closed()
    if priority not in Priority.values:
        raise errors.priority_unknown(value=str(priority)[:40])
    day = local_date(at)
    with transaction.atomic():
        sequence = ticket_sequence_next(point_id=point.pk, day=day)
        ticket = Ticket.objects.create(
            point=point,
            service=service,
            field_id=service.field_id,
            day=day,
            sequence=sequence,
            label=ticket_label(letter=service.letter, sequence=sequence),
            channel=channel,
            priority=priority,
            issued_at=at,
            rank_at=ticket_rank(issued_at=at, priority=priority, appointment=appointment),
            device=device,
        )
        TicketEvent.objects.create(
            ticket=ticket,
            point=point,
            kind=TicketEventKind.ISSUED,
            at=at,
            detail={
                "channel": str(channel),
                "priority": priority,
                "appointment": appointment.code if appointment else "",
            },
        )
    return ticket
