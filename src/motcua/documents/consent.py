"""Consent to reuse a data-store owner's documents at a receiving point, or at every centre (issue 14).

By default the law lets a one-stop reuse a valid document it already holds instead of asking for it again
(docs/my-dossiers.md, "Consent": Decree 45/2020/NĐ-CP, art. 11; Decree 107/2021/NĐ-CP), so consent is not needed
and the counter offers every matching document. With ``DATA_STORE_REUSE_NEEDS_CONSENT`` on, the counter offers
only the documents of an owner who consented for the point. In both modes a withdrawn consent is shown to the clerk.

The owner's answer for a point is the row for that point when there is one, else the row for all centres, else
none (no answer given).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from motcua.agencies.models import ReceivingPoint
from motcua.audit.services import audit_event_append

from .models import DataStoreConsent


def reuse_needs_consent() -> bool:
    return bool(getattr(settings, "DATA_STORE_REUSE_NEEDS_CONSENT", False))


def _consent_audited(*, row: DataStoreConsent, actor: Any) -> None:
    """The audit line of a grant or a withdrawal: who, whose documents, for which point (``*``: all centres)."""
    audit_event_append(
        action="documents.consent_granted" if row.granted else "documents.consent_withdrawn",
        actor=actor,
        object_type="documents.datastoreconsent",
        object_id=row.owner_id_number,
        payload={"point": row.receiving_point.code if row.receiving_point else "*", "granted": row.granted},
    )


@transaction.atomic
def data_store_consent_set(
    *, owner_id_number: str, point: ReceivingPoint | None, granted: bool, actor: Any
) -> DataStoreConsent:
    """Grant or withdraw the owner's consent for ``point`` (None: every centre). Audited when it changes."""
    existing = (
        DataStoreConsent.objects.select_for_update()
        .filter(owner_id_number=owner_id_number, receiving_point=point)
        .first()
    )
    if existing is not None and existing.granted == granted:
        return existing
    row = existing or DataStoreConsent(owner_id_number=owner_id_number, receiving_point=point)
    row.granted, row.changed_at = granted, timezone.now()
    row.save()
    _consent_audited(row=row, actor=actor)
    return row


def data_store_consents(*, owner_id_number: str) -> QuerySet[DataStoreConsent]:
    """The owner's answers, the one for all centres first."""
    return (
        DataStoreConsent.objects.filter(owner_id_number=owner_id_number)
        .select_related("receiving_point")
        .order_by(F("receiving_point").asc(nulls_first=True), "receiving_point__name")
    )


@dataclass(frozen=True)
class ConsentAnswer:
    granted: bool  # the owner consented for (one of) the points
    withdrawn: bool  # the owner withdrew the consent for (one of) the points


def data_store_consent_answer(*, owner_id_number: str, points: Iterable[ReceivingPoint]) -> ConsentAnswer:
    """The owner's answer for any of ``points`` (a clerk's points): granted if consented for one of them,
    withdrawn if withdrawn for one of them (both may hold for a clerk of several points)."""
    point_ids = [point.pk for point in points]
    rows = list(
        DataStoreConsent.objects.filter(
            Q(receiving_point__isnull=True) | Q(receiving_point_id__in=point_ids), owner_id_number=owner_id_number
        )
    )
    everywhere = next((row.granted for row in rows if row.receiving_point_id is None), None)
    by_point = {row.receiving_point_id: row.granted for row in rows if row.receiving_point_id is not None}
    answers = [by_point.get(pk, everywhere) for pk in point_ids]
    return ConsentAnswer(granted=any(a is True for a in answers), withdrawn=any(a is False for a in answers))
