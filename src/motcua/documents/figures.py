"""Digitization and reuse figures for the indicators (Decision 766/QĐ-TTg: digitization and reuse rates)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Sum

from motcua.agencies.models import ReceivingPoint

from .models import Document, DocumentOrigin, DocumentUse, UseKind


@dataclass(frozen=True)
class DigitizationFigures:
    """What was digitized and reused in a period ``[since, until)``, at one point or everywhere."""

    since: dt.datetime
    until: dt.datetime
    documents: int
    pages: int
    reuses: int
    reuses_by_kind: dict[str, int] = field(default_factory=dict)
    dossiers_reusing: int = 0


def digitization_figures(
    *, since: dt.datetime, until: dt.datetime, point: ReceivingPoint | None = None
) -> DigitizationFigures:
    """Documents scanned into the data store (and their pages), and reuses of stored documents, by type."""
    documents: QuerySet[Document] = Document.objects.filter(
        origin=DocumentOrigin.SCAN, created_at__gte=since, created_at__lt=until
    )
    reuses: QuerySet[DocumentUse] = DocumentUse.objects.filter(
        kind=UseKind.REUSED, used_at__gte=since, used_at__lt=until
    )
    if point is not None:
        documents = documents.filter(receiving_point=point)
        reuses = reuses.filter(dossier__receiving_point=point)
    scanned = documents.aggregate(count=Count("pk"), pages=Sum("pages"))
    by_kind = {row["document__kind"]: row["n"] for row in reuses.values("document__kind").annotate(n=Count("pk"))}
    return DigitizationFigures(
        since=since,
        until=until,
        documents=scanned["count"] or 0,
        pages=scanned["pages"] or 0,
        reuses=sum(by_kind.values()),
        reuses_by_kind=dict(sorted(by_kind.items())),
        dossiers_reusing=reuses.values("dossier").distinct().count(),
    )
