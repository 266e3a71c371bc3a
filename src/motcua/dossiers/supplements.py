"""A supplement request as the counter, the slips and the public lookup read it (docs/domain.md, "The counter
and the public lookup"): what the applicant must hand in, why, who asked and when; and the papers recorded
when the supplement came back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .lifecycle import Action, Status
from .models import Dossier, DossierComponent, DossierEvent


@dataclass(frozen=True)
class SupplementRequest:
    seq: int
    items: tuple[str, ...]
    reason: str
    requested_at: datetime
    asked_by: str  # the unit that asked: the agency during processing, the receiving point at reception
    at_reception: bool


def supplement_request_latest(*, dossier: Dossier) -> SupplementRequest | None:
    """The dossier's latest supplement request, answered or not; None when none was ever made."""
    event = (
        DossierEvent.objects.filter(dossier=dossier, action=Action.REQUEST_SUPPLEMENT)
        .select_related("agency")
        .order_by("-seq")
        .first()
    )
    if event is None:
        return None
    items = event.payload.get("items") if isinstance(event.payload, dict) else None
    at_reception = event.from_status == Status.RECEIVED
    if event.agency is not None:
        asked_by = event.agency.name
    else:  # at reception the receiving point asks; during processing the agency leading the dossier
        asked_by = dossier.receiving_point.name if at_reception else dossier.lead_agency.name
    return SupplementRequest(
        seq=event.seq,
        items=tuple(str(item) for item in items or () if str(item).strip()),
        reason=event.note,
        requested_at=event.at,
        asked_by=asked_by,
        at_reception=at_reception,
    )


def supplement_request_open(*, dossier: Dossier) -> SupplementRequest | None:
    """The request the applicant has still to answer: only while the dossier waits for the supplement."""
    if dossier.status != Status.SUPPLEMENT_REQUESTED:
        return None
    return supplement_request_latest(dossier=dossier)


def supplement_papers(*, dossier: Dossier, seq: int) -> list[DossierComponent]:
    """The papers handed in with the supplement recorded as history event ``seq``."""
    return list(DossierComponent.objects.filter(dossier=dossier, supplement_seq=seq).order_by("id"))


def supplement_received_latest(*, dossier: Dossier) -> DossierEvent | None:
    """The history event of the latest supplement recorded, with who recorded it."""
    return (
        DossierEvent.objects.filter(dossier=dossier, action=Action.RECEIVE_SUPPLEMENT)
        .select_related("actor", "agency")
        .order_by("-seq")
        .first()
    )
