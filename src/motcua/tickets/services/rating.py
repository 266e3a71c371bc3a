"""The visitor's rating of the service: once per ticket, after it was served, on the counter's pad (for
``QUEUE_RATING_MINUTES``) or on the ticket's QR page (until the day ends). Linked to the ticket, the counter, the
clerk and the first dossier served on it."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.agencies.models import Counter
from motcua.core.localtime import local_date

from .. import errors
from ..models import CounterRating, RatingScore, RatingSource, Ticket, TicketEvent, TicketEventKind, TicketStatus
from ..models.rating import RATING_REASONS


def rating_reasons_valid(reasons: list[str]) -> list[str]:
    chosen = []
    for reason in reasons:
        if reason not in RATING_REASONS:
            raise errors.rating_reason_unknown(value=str(reason)[:40])
        if reason not in chosen:
            chosen.append(reason)
    return chosen


def rating_open_for_pad(*, counter: Counter, at: datetime | None = None) -> Ticket | None:
    """The ticket a counter's pad offers to rate: the last served there in the last ``QUEUE_RATING_MINUTES``,
    not yet rated."""
    at = at or timezone.now()
    return (
        Ticket.objects.filter(
            counter=counter,
            status=TicketStatus.DONE,
            finished_at__gte=at - timedelta(minutes=settings.QUEUE_RATING_MINUTES),
            rating__isnull=True,
        )
        .order_by("-finished_at")
        .first()
    )


def rating_give(
    *,
    ticket: Ticket,
    score: str,
    source: RatingSource | str,
    reasons: list[str] | None = None,
    comment: str = "",
    at: datetime | None = None,
) -> CounterRating:
    at = at or timezone.now()
    if score not in RatingScore.values:
        raise errors.rating_score_unknown(value=str(score)[:40])
    chosen = rating_reasons_valid(list(reasons or []))
    if ticket.status != TicketStatus.DONE or ticket.finished_at is None:
        raise errors.rating_not_open(label=ticket.label)
    if source == RatingSource.PAD and at - ticket.finished_at > timedelta(minutes=settings.QUEUE_RATING_MINUTES):
        raise errors.rating_not_open(label=ticket.label)
    if source == RatingSource.PHONE and local_date(at) != ticket.day:
        raise errors.rating_not_open(label=ticket.label)
    link = ticket.dossier_links.order_by("at").first()
    try:
        with transaction.atomic():
            rating = CounterRating.objects.create(
                ticket=ticket,
                point_id=ticket.point_id,
                counter_id=ticket.counter_id,
                clerk_id=ticket.clerk_id,
                dossier_id=link.dossier_id if link else None,
                score=score,
                reasons=chosen,
                comment=(comment or "").strip()[:500],
                source=source,
                created_at=at,
            )
            TicketEvent.objects.create(
                ticket=ticket, point_id=ticket.point_id, kind=TicketEventKind.RATED, at=at, detail={"score": score}
            )
    except IntegrityError:
        raise errors.rating_given(label=ticket.label) from None
    return rating
