"""What My dossiers shows: each dossier in plain words, what it needs from the citizen, and what they may do now
(docs/my-dossiers.md). Every dossier and document comes through ``citizens.selectors``; the words of a status and
the delivery's tracking are the public lookup's (``portal.lookup``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.citizens.models import CitizenAccount
from motcua.citizens.selectors import citizen_documents, citizen_dossiers
from motcua.core.localtime import local_date
from motcua.documents.models import Document, DocumentUse
from motcua.dossiers.checks import electronic_return_refusal, return_change_refusal
from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import Dossier, DossierEvent, ReturnMethod
from motcua.dossiers.selectors import dossier_new_receipt_due
from motcua.payments.selectors import DueLine, dossier_lines_due, dossiers_amount_due
from motcua.portal.lookup import READY, LookupAnswer, TrackingAnswer, TrackingStep, delivery_of, public_status
from motcua.postal.models import OrderKind, PostalOrder
from motcua.tickets.models import Appointment, AppointmentStatus

from .models import CitizenSupplement, RequestStatus, StopRequest
from .services import stop_request_refusal

# The slips the applicant holds (Circular 03/2025, Annex I), with the history events that issue them; the control
# sheet (06) and the register (07) are the one-stop's own papers, never the applicant's.
SLIPS_HELD: dict[str, tuple[str, ...]] = {
    "01": (),
    "02": (Action.REQUEST_SUPPLEMENT,),
    "03": (Action.REFUSE,),
    "04": (Action.EXTEND,),
    "05": (Action.STOP, Action.WITHDRAW),
    "supplement_received": (Action.RECEIVE_SUPPLEMENT,),
}
SLIP_NAMES: dict[str, Promise] = {
    "01": _("Receipt and appointment (form 01)"),
    "02": _("Supplement request (form 02)"),
    "03": _("Refusal to receive (form 03)"),
    "04": _("Apology and new appointment (form 04)"),
    "05": _("Notice of stopped processing (form 05)"),
    "supplement_received": _("Acknowledgement of the supplement"),
}


def status_text(dossier: Dossier) -> Promise | str:
    return public_status(dossier)


@dataclass(frozen=True)
class DossierCard:
    code: str
    procedure: str
    status_text: Promise | str
    appointment_at: datetime
    received_at: datetime
    supplement_requested: bool
    fee_due: int
    result_ready: bool


def dossier_cards(*, account: CitizenAccount) -> list[DossierCard]:
    dossiers = list(citizen_dossiers(account).select_related("procedure_version__procedure").order_by("-received_at"))
    due = dossiers_amount_due(dossiers=dossiers)
    return [
        DossierCard(
            code=d.code,
            procedure=d.procedure_version.name or d.procedure_version.procedure.name,
            status_text=status_text(d),
            appointment_at=d.appointment_at,
            received_at=d.received_at,
            supplement_requested=d.status == Status.SUPPLEMENT_REQUESTED,
            fee_due=due[d.pk],
            result_ready=d.status in READY and d.status != Status.RETURNED,
        )
        for d in dossiers
    ]


def slips_held(dossier: Dossier) -> list[str]:
    """The slips of ``dossier`` its applicant may download now: those whose event happened. The receipt (01) is
    not offered while a new one is owed (the counter issues it: ``dossier_new_receipt_due``) nor after a refusal."""
    done = set(DossierEvent.objects.filter(dossier=dossier).values_list("action", flat=True))
    kinds = []
    for kind, actions in SLIPS_HELD.items():
        if kind == "01":
            if dossier.status != Status.REFUSED and not dossier_new_receipt_due(dossier=dossier):
                kinds.append(kind)
        elif done & set(actions):
            kinds.append(kind)
    return kinds


def timeline(dossier: Dossier) -> list[TrackingStep]:
    """The dossier's history in plain words, oldest first: each change of state in the lookup's words."""
    steps = []
    for event in DossierEvent.objects.filter(dossier=dossier).order_by("seq"):
        if event.seq == 1 or event.to_status != event.from_status:
            steps.append(TrackingStep(event.at, public_status(dossier, event.to_status)))
    return steps


def linked_appointments(*, account: CitizenAccount, dossier: Dossier) -> QuerySet[Appointment]:
    """The queue appointment on which the dossier was handed in (its ticket served it)."""
    return Appointment.objects.filter(ticket__dossier_links__dossier=dossier).select_related("point").distinct()


def upcoming_appointments(*, account: CitizenAccount) -> QuerySet[Appointment]:
    """Queue appointments still to come, booked with the phone number the identity provider vouched for."""
    digits = re.sub(r"\D", "", account.phone)
    if len(digits) < 9:
        return Appointment.objects.none()
    return Appointment.objects.filter(
        phone__endswith=digits[-9:], status=AppointmentStatus.BOOKED, slot_start__gte=timezone.now()
    ).select_related("point", "service")


def pickup_orders(*, account: CitizenAccount) -> QuerySet[PostalOrder]:
    """Home pickups booked for the citizen's papers (the portal's booking), newest first."""
    return (
        PostalOrder.objects.filter(kind=OrderKind.PICKUP, contact_id_number=account.owner_number)
        .select_related("procedure_version__procedure")
        .order_by("-created_at")[:10]
    )


@dataclass
class DossierView:
    """Everything the dossier's page shows and offers."""

    dossier: Dossier
    answer: LookupAnswer
    status_text: Promise | str
    steps: list[TrackingStep]
    delivery: TrackingAnswer | None
    slips: list[tuple[str, Promise]]
    due: list[DueLine]
    appointments: list[Appointment]
    supplements: list[CitizenSupplement]
    stop_requests: list[StopRequest]
    may_supplement: bool
    may_stop: bool
    may_change_return: bool
    electronic_result: bool
    result_file: bool
    extra: dict[str, Any] = field(default_factory=dict)


def dossier_view(*, account: CitizenAccount, dossier: Dossier) -> DossierView:
    supplements = list(CitizenSupplement.objects.filter(dossier=dossier).prefetch_related("files"))
    waiting = next((s for s in supplements if s.status == RequestStatus.PENDING), None)
    answer = LookupAnswer.of(dossier)
    returned_online = dossier.status == Status.RETURNED and dossier.return_method == ReturnMethod.ELECTRONIC
    return DossierView(
        dossier=dossier,
        answer=answer,
        status_text=status_text(dossier),
        steps=timeline(dossier),
        delivery=delivery_of(dossier),
        slips=[(kind, SLIP_NAMES[kind]) for kind in slips_held(dossier)],
        due=dossier_lines_due(dossier=dossier),
        appointments=list(linked_appointments(account=account, dossier=dossier)),
        supplements=supplements,
        stop_requests=list(StopRequest.objects.filter(dossier=dossier)),
        may_supplement=answer.supplement is not None
        and (waiting is None or waiting.request_seq != answer.supplement.seq),
        may_stop=stop_request_refusal(dossier=dossier) is None,
        may_change_return=return_change_refusal(dossier=dossier) is None,
        electronic_result=electronic_return_refusal(dossier=dossier) is None
        or (returned_online and bool(dossier.result_file)),
        result_file=bool(dossier.result_file),
    )


@dataclass(frozen=True)
class StoredDocument:
    document: Document
    used_in: list[str]  # codes of the citizen's own dossiers that used it
    valid: bool


def data_store(*, account: CitizenAccount) -> list[StoredDocument]:
    """The citizen's documents, each with the codes of their own dossiers that used it."""
    today = local_date()
    documents = list(citizen_documents(account))
    mine = citizen_dossiers(account).values("pk")
    uses: dict[int, list[str]] = {}
    for document_id, code in (
        DocumentUse.objects.filter(document__in=documents, dossier__in=mine)
        .order_by("used_at")
        .values_list("document_id", "dossier__code")
    ):
        if code not in uses.setdefault(document_id, []):
            uses[document_id].append(code)
    return [StoredDocument(d, uses.get(d.pk, []), d.valid_until is None or d.valid_until >= today) for d in documents]
