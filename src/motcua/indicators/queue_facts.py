"""The facts of the queue's tickets that Decision 468's wait target counts (docs/queue.md, docs/indicators.md).

The same definitions as the queue's own figures (``tickets.figures.compute``): a ticket is called when it was
called at least once; its wait is from its issue to its first call; the target is ``QUEUE_WAIT_TARGET_MINUTES``.
A period's tickets are those issued on its days (``Ticket.day``)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q

TICKET_FILTERS = ("called", "called_within_target")


def ticket_filter(name: str) -> Q:
    called = Q(called_at__isnull=False)
    if name == "called":
        return called
    target = timedelta(minutes=settings.QUEUE_WAIT_TARGET_MINUTES)
    return called & Q(called_at__lte=F("issued_at") + target)
