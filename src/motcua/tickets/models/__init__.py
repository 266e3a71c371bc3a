"""The queue at a centre's door: services offered, devices, counters staffed, tickets, appointments, ratings."""

from .appointment import Appointment, AppointmentStatus
from .rating import CounterRating, RatingScore, RatingSource
from .service import CounterShift, DeviceKind, QueueDevice, QueueService, ServiceKind
from .ticket import (
    Priority,
    Ticket,
    TicketChannel,
    TicketDayCounter,
    TicketDossier,
    TicketEvent,
    TicketEventKind,
    TicketStatus,
)

__all__ = [
    "Appointment",
    "AppointmentStatus",
    "CounterRating",
    "CounterShift",
    "DeviceKind",
    "Priority",
    "QueueDevice",
    "QueueService",
    "RatingScore",
    "RatingSource",
    "ServiceKind",
    "Ticket",
    "TicketChannel",
    "TicketDayCounter",
    "TicketDossier",
    "TicketEvent",
    "TicketEventKind",
    "TicketStatus",
]
