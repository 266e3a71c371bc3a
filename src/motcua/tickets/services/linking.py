"""A dossier received, or a result returned, while a clerk serves a ticket: the ticket records the dossier, and
the dossier's page shows how long its applicant waited (docs/queue.md, "Linking").

Called from the dossier event's ``post_save`` (``receivers``), inside the transaction that wrote the event: the
link is made with the reception or not at all.
"""

from __future__ import annotations

from datetime import datetime

from motcua.core.localtime import local_date

from ..models import Ticket, TicketDossier, TicketEvent, TicketEventKind, TicketStatus

# The dossier events a visitor at the counter causes.
LINKED_ACTIONS = frozenset({"receive", "refuse", "receive_supplement", "return_result"})


def ticket_serving(*, user, at: datetime) -> Ticket | None:
    """The ticket ``user`` is serving now: called to the counter they have open."""
    return (
        Ticket.objects.filter(
            clerk=user,
            status=TicketStatus.CALLED,
            day=local_date(at),
            counter__shifts__user=user,
            counter__shifts__closed_at__isnull=True,
        )
        .order_by("-last_called_at")
        .first()
    )


def ticket_link_dossier(*, dossier, action: str, user, at: datetime) -> TicketDossier | None:
    if action not in LINKED_ACTIONS or user is None:
        return None
    ticket = ticket_serving(user=user, at=at)
    if ticket is None:
        return None
    link, created = TicketDossier.objects.get_or_create(
        ticket=ticket, dossier=dossier, action=action, defaults={"at": at}
    )
    if created:
        TicketEvent.objects.create(
            ticket=ticket,
            point_id=ticket.point_id,
            kind=TicketEventKind.LINKED,
            at=at,
            counter_id=ticket.counter_id,
            user=user,
            detail={"dossier": dossier.code, "action": action},
        )
    return link


def dossier_waits(*, dossier) -> list[Ticket]:
    """The tickets on which ``dossier`` was served, oldest first, with the wait each had."""
    return list(
        Ticket.objects.filter(dossier_links__dossier=dossier)
        .select_related("counter", "clerk", "service")
        .distinct()
        .order_by("issued_at")
    )
