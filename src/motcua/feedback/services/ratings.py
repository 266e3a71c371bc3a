"""Rating the handling of a dossier (docs/feedback.md, "Ratings").

One rating per dossier, given once the result is returned and within ``FEEDBACK_RATING_OPEN_DAYS`` of the return;
the applicant may change it within ``FEEDBACK_RATING_CHANGE_DAYS`` of giving it, after which it is final. The same
answer sent twice (a double click) changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from motcua.audit.services import audit_event_append
from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services.locks import dossier_lock

from .. import errors
from ..models import RATING_REASONS, DossierRating, RatingSource, Score

COMMENT_MAX = 1000


def rating_open_check(*, dossier: Dossier, now: datetime) -> None:
    """Raise unless the dossier may be rated now: returned, and not longer ago than the open days."""
    if dossier.status != Status.RETURNED or dossier.returned_at is None:
        raise errors.rating_not_returned()
    days = settings.FEEDBACK_RATING_OPEN_DAYS
    if now > dossier.returned_at + timedelta(days=days):
        raise errors.rating_closed(days=days)


def rating_may_change(*, rating: DossierRating, now: datetime) -> bool:
    return now <= rating.rated_at + timedelta(days=settings.FEEDBACK_RATING_CHANGE_DAYS)


def rating_check(*, dossier: Dossier, now: datetime) -> DossierRating | None:
    """Check, without writing, that a rating may be given or changed now; the existing rating, if any."""
    rating_open_check(dossier=dossier, now=now)
    existing = DossierRating.objects.filter(dossier=dossier).first()
    if existing is not None and not rating_may_change(rating=existing, now=now):
        raise errors.rating_final()
    return existing


def _clean(*, score: str, reasons: list[str], comment: str) -> tuple[str, list[str], str]:
    if score not in Score.values:
        raise errors.rating_score_unknown()
    if any(reason not in RATING_REASONS for reason in reasons) or len(reasons) > len(RATING_REASONS):
        raise errors.rating_reason_unknown()
    comment = comment.strip()
    if len(comment) > COMMENT_MAX:
        raise errors.text_too_long(field="comment", most=COMMENT_MAX)
    return score, [code for code in RATING_REASONS if code in reasons], comment


def _returned_by(dossier: Dossier) -> Any:
    event = DossierEvent.objects.filter(dossier=dossier, action=Action.RETURN_RESULT).select_related("actor").last()
    return event.actor if event is not None else None


@transaction.atomic
def dossier_rate(
    *,
    dossier: Dossier,
    score: str,
    reasons: list[str],
    comment: str,
    source: RatingSource | str,
    now: datetime | None = None,
) -> DossierRating:
    """Record (or change, while it may be changed) the rating of ``dossier``'s handling, under its row lock."""
    now = now or timezone.now()
    score, reasons, comment = _clean(score=score, reasons=reasons, comment=comment)
    dossier = dossier_lock(dossier_id=dossier.pk)
    existing = rating_check(dossier=dossier, now=now)
    if existing is not None:
        if (existing.score, existing.reasons, existing.comment) == (score, reasons, comment):
            return existing  # the same answer again: a double click
        existing.score, existing.reasons, existing.comment = score, reasons, comment
        existing.changed_at, existing.changes = now, existing.changes + 1
        existing.save(update_fields=["score", "reasons", "comment", "changed_at", "changes"])
        rating, action = existing, "feedback.rating_change"
    else:
        rating = DossierRating.objects.create(
            dossier=dossier,
            lead_agency_id=dossier.lead_agency_id,
            receiving_point_id=dossier.receiving_point_id,
            received_by_id=dossier.received_by_id,
            returned_by=_returned_by(dossier),
            score=score,
            reasons=reasons,
            comment=comment,
            source=RatingSource(source),
            rated_at=now,
        )
        action = "feedback.rating_give"
    audit_event_append(
        action=action,
        object_type="dossiers.dossier",
        object_id=dossier.code,
        payload={"score": score, "reasons": reasons, "source": str(source)},
    )
    return rating
