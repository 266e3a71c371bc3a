"""What the visitor reads about a ticket and a queue, in plain words: the same on the printed ticket, the phone's
ticket page and the centre's page. Reads only; nothing here writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import ReceivingPoint
from motcua.core.localtime import LOCAL_TIME_ZONE, local_date
from motcua.dossiers.slips.context import qr_data_uri

from ..models import CounterRating, QueueService, ServiceKind, Ticket, TicketStatus
from ..services import ticket_estimate

STATUS_WORDS = {
    TicketStatus.WAITING: _("Waiting for your turn"),
    TicketStatus.CALLED: _("It is your turn"),
    TicketStatus.DONE: _("Served. Thank you for coming."),
    TicketStatus.NO_SHOW: _("You were called but did not come. Please ask at the information desk."),
    TicketStatus.CANCELLED: _("You cancelled this ticket."),
    TicketStatus.EXPIRED: _("This ticket was not served before closing time."),
}


def local_stamp(at: datetime) -> str:
    """dd/mm/yyyy HH:MM in Vietnam's time, whatever the language."""
    return at.astimezone(LOCAL_TIME_ZONE).strftime("%d/%m/%Y %H:%M")


def service_name(service: QueueService) -> str:
    """The button's name in the language of the page: the English one when there is one, else the Vietnamese."""
    if translation.get_language() == "en" and service.name_en:
        return service.name_en
    return service.name


def ticket_qr(url: str) -> str:
    return qr_data_uri(url)


@dataclass(frozen=True)
class TicketView:
    ticket: Ticket
    service: str
    status: str
    issued: str
    ahead: int
    minutes: int
    counter: int | None
    open: bool
    rated: bool
    rating_open: bool


def ticket_view(ticket: Ticket, *, at: datetime | None = None) -> TicketView:
    estimate = ticket_estimate(ticket)
    done = ticket.status == TicketStatus.DONE
    rated = done and CounterRating.objects.filter(ticket=ticket).exists()
    return TicketView(
        ticket=ticket,
        service=service_name(ticket.service),
        status=str(STATUS_WORDS.get(TicketStatus(ticket.status), "")),
        issued=local_stamp(ticket.issued_at),
        ahead=estimate.ahead,
        minutes=estimate.minutes,
        counter=ticket.counter.number if ticket.status == TicketStatus.CALLED and ticket.counter else None,
        open=ticket.status in (TicketStatus.WAITING, TicketStatus.CALLED),
        rated=rated,
        rating_open=done and not rated and local_date(at or timezone.now()) == ticket.day,
    )


@dataclass(frozen=True)
class ServiceRow:
    service: QueueService
    name: str
    waiting: int
    minutes: int


def service_groups(services: list[QueueService]) -> list[tuple[str, list[QueueService]]]:
    """The kiosk's buttons grouped by kind of visit (submit, collect, guidance), each group in its order."""
    groups = []
    for kind in ServiceKind:
        members = sorted((s for s in services if s.kind == kind), key=lambda s: (s.order, s.letter))
        if members:
            groups.append((str(kind.label), members))
    return groups


def service_rows(
    point: ReceivingPoint, services: list[QueueService], *, at: datetime | None = None
) -> list[ServiceRow]:
    """Each service with the visitors a ticket taken now would have ahead of it, and its wait: an unsaved ticket
    taken now, estimated like a real one (so the page and the printed ticket never disagree)."""
    at = at or timezone.now()
    day = local_date(at)
    rows = []
    for _label, members in service_groups(services):
        for service in members:
            probe = Ticket(
                point=point,
                service=service,
                field_id=service.field_id,
                day=day,
                rank_at=at,
                status=TicketStatus.WAITING,
            )
            estimate = ticket_estimate(probe)
            rows.append(
                ServiceRow(
                    service=service, name=service_name(service), waiting=estimate.ahead, minutes=estimate.minutes
                )
            )
    return rows
