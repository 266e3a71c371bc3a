"""Reads of the national exchange: what a record is built from, and what the staff pages list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from motcua.dossiers.models import Dossier, DossierComponent, DossierEvent
from motcua.dossiers.selectors import dossier_list_for_user

from .models import Delivery, DeliveryStatus, IncomingFiling


@dataclass(frozen=True)
class PaperFlags:
    digitized: bool
    reused: bool


def dossier_events_until(*, dossier: Dossier, seq: int) -> list[DossierEvent]:
    """The history of ``dossier`` up to and including entry ``seq``, oldest first."""
    return list(DossierEvent.objects.filter(dossier=dossier, seq__lte=seq).order_by("seq"))


def dossier_paper_flags(*, dossier: Dossier) -> PaperFlags:
    papers = DossierComponent.objects.filter(dossier=dossier)
    return PaperFlags(digitized=papers.filter(digitized=True).exists(), reused=papers.filter(reused=True).exists())


def delivery_blocked(*, delivery: Delivery) -> bool:
    """An earlier status of the same dossier is not accepted yet: this one must wait (in order, per dossier)."""
    return (
        Delivery.objects.filter(dossier_id=delivery.dossier_id, seq__lt=delivery.seq)
        .exclude(status=DeliveryStatus.ACCEPTED)
        .exists()
    )


def delivery_list_due(*, now: datetime) -> QuerySet[Delivery]:
    """Pending deliveries whose time has come and that no earlier unaccepted status of their dossier holds back."""
    earlier_open = Delivery.objects.filter(dossier_id=OuterRef("dossier_id"), seq__lt=OuterRef("seq")).exclude(
        status=DeliveryStatus.ACCEPTED
    )
    return (
        Delivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
        .exclude(Exists(earlier_open))
        .order_by("next_attempt_at", "dossier_id", "seq")
    )


def _scoped(*, user: Any) -> QuerySet[Delivery]:
    """Deliveries of the dossiers ``user`` may see (all of them for the administrator)."""
    return Delivery.objects.select_related("dossier").filter(dossier__in=dossier_list_for_user(user=user).values("pk"))


def delivery_list_open(*, user: Any, state: str = "") -> QuerySet[Delivery]:
    """Deliveries not accepted yet, in the user's scope: rejected first, then the ones that keep failing."""
    open_ = _scoped(user=user).exclude(status=DeliveryStatus.ACCEPTED)
    if state:
        open_ = open_.filter(status=state)
    return open_.order_by("-status", "-attempts", "dossier_id", "seq")


def delivery_get_open(*, user: Any, pk: int) -> Delivery | None:
    return _scoped(user=user).filter(pk=pk).exclude(status=DeliveryStatus.ACCEPTED).first()


def delivery_counts(*, user: Any) -> dict[str, int]:
    scoped = _scoped(user=user)
    return {
        "rejected": scoped.filter(status=DeliveryStatus.REJECTED).count(),
        "failing": scoped.filter(Q(status=DeliveryStatus.PENDING) & Q(attempts__gt=0)).count(),
        "pending": scoped.filter(status=DeliveryStatus.PENDING, attempts=0).count(),
    }


def filing_list(*, state: str = "") -> QuerySet[IncomingFiling]:
    filings = IncomingFiling.objects.select_related("dossier")
    return filings.filter(status=state) if state else filings
