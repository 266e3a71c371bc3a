"""The one-stop's decisions on a submitted submission: accept (a dossier is registered through the reception
service, in the same transaction), ask for a supplement (slip 02), or refuse (slip 03). Each under the
submission's row lock: of two clerks acting at once, one decides and the other is told it is decided."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.agencies.models import Agency, ReceivingPoint
from motcua.agencies.selectors import user_may_receive_at
from motcua.dossiers.lifecycle import Channel
from motcua.dossiers.models import ApplicantKind, Dossier, ReturnMethod
from motcua.dossiers.services.receive import Applicant, ReceivedComponent, Reception, dossier_receive
from motcua.dossiers.slips import SlipDraft
from motcua.national.models import FilingStatus
from motcua.procedures.models import ComponentForm

from .. import errors
from ..lifecycle import SubmissionAction, next_status
from ..models import OnlineSubmission, SubmissionEvent
from ..notify import submission_notify
from .filing import submission_applicant_data, submission_problems, submission_quote
from .history import submission_event_record, submission_locked
from .national import national_filing_settle


def decision_check(*, submission: OnlineSubmission, action: str, actor: Any) -> str:
    """The preconditions of a decision, and the status it leads to: the services call it under the lock, the
    inbox page without writing to offer only what would succeed."""
    point = submission.receiving_point
    if point is None or not user_may_receive_at(user=actor, point=point):
        raise errors.not_permitted()
    to = next_status(action, submission.status)
    if to is None:
        raise errors.not_waiting(status=submission.get_status_display())
    return to


def lead_agency_check(*, point: ReceivingPoint, agency_id: int | None) -> Agency:
    agency = point.serves.filter(pk=agency_id).first() if agency_id is not None else None
    if agency is None:
        raise errors.lead_agency_not_served()
    return agency


def _decide(submission: OnlineSubmission, *, action: str, actor: Any) -> tuple[OnlineSubmission, str, str]:
    submission = submission_locked(submission)
    to = decision_check(submission=submission, action=action, actor=actor)
    return submission, submission.status, to


def _applicant(submission: OnlineSubmission) -> Applicant:
    data = submission_applicant_data(submission)
    kind = ApplicantKind.ORGANIZATION if submission.is_organization else ApplicantKind.CITIZEN
    return Applicant(
        kind=kind,
        name=data["applicant_name"],
        id_number=submission.id_number,
        address=(data.get("applicant_address") or "").strip(),
        birth_date=data.get("applicant_birth_date") or None,
        phone=data.get("applicant_phone") or "",
        email=data.get("applicant_email") or "",
        commune_code=data.get("applicant_commune") or None,
        representative_name=data.get("representative_name") or "",
        representative_id_number=data.get("representative_id_number") or "",
        representative_phone=data.get("representative_phone") or "",
        authorization_document=data.get("authorization_document") or "",
    )


def _components(submission: OnlineSubmission) -> list[ReceivedComponent]:
    """The papers as the reception takes them: an upload is the paper's scan (kept digitized), a data-store document
    is reused, a national filing's paper stays on the national portal. Every paper arrived electronically."""
    received = []
    for paper in submission.papers.select_related("component", "document"):
        document = paper.document
        received.append(
            ReceivedComponent(
                name=paper.label[:500],
                form=ComponentForm.ELECTRONIC,
                count=1,
                component_id=paper.component_id,
                document_ref=str(document.uid) if document is not None else "",
                reused=document is not None,
                document=document,
                scan=paper.file.open("rb") if paper.file else None,
            )
        )
    return received


def _address(submission: OnlineSubmission) -> str:
    commune = submission.return_commune
    if commune is None:
        return submission.return_address
    return f"{submission.return_address}, {commune.name}, {commune.province.name}"


@transaction.atomic
def submission_accept(*, submission: OnlineSubmission, actor: Any, lead_agency_id: int | None) -> Dossier:
    """Register the dossier (``dossier_receive``, channel online) with the submission's data and papers, link it, and
    send the applicant their receipt (slip 01) electronically."""
    submission, from_status, to = _decide(submission, action=SubmissionAction.ACCEPT, actor=actor)
    point = submission.receiving_point
    assert point is not None  # decision_check
    lead_agency = lead_agency_check(point=point, agency_id=lead_agency_id)
    problems = submission_problems(submission)
    if problems:
        raise problems[0]
    quote = submission_quote(submission)
    method = ReturnMethod(submission.return_method)
    reception = Reception(
        procedure_version=submission.procedure_version,
        receiving_point=point,
        lead_agency=lead_agency,
        channel=Channel.ONLINE,
        applicant=_applicant(submission),
        components=_components(submission),
        return_method=method,
        return_address=_address(submission) if method == ReturnMethod.POST else "",
        return_commune_code=submission.return_commune_id or "" if method == ReturnMethod.POST else "",
        fees_paid=0,
        fee_lines={line.fee.pk: line.quantity for line in quote.lines},
        return_postage=submission.return_postage if method == ReturnMethod.POST else None,
        submission_key=submission.key,
    )
    dossier = dossier_receive(reception=reception, actor=actor)
    submission.status = to
    submission.dossier = dossier
    submission.decided_at = timezone.now()
    submission.save(update_fields=["status", "dossier", "decided_at", "updated_at"])
    submission_event_record(
        submission=submission,
        action=SubmissionAction.ACCEPT,
        from_status=from_status,
        actor=actor,
        payload={"dossier": dossier.code, "lead_agency": lead_agency.pk},
    )
    national_filing_settle(submission=submission, status=FilingStatus.TAKEN, dossier=dossier)
    submission_notify(submission=submission, what="accepted", dossier=dossier)
    return dossier


def _slip_payload(*, actor: Any, lead_agency: Agency, items: list[str], reasons: str) -> dict[str, Any]:
    return {
        "items": items,
        "reasons": reasons,
        "official": (actor.get_full_name() or str(actor))[:255],
        "lead_agency": lead_agency.pk,
        "at": timezone.now().isoformat(),
    }


def _lines(text: str) -> list[str]:
    return [line.strip()[:500] for line in text.splitlines() if line.strip()][:30]


@transaction.atomic
def submission_request_supplement(
    *, submission: OnlineSubmission, actor: Any, lead_agency_id: int | None, items: str, reason: str = ""
) -> SubmissionEvent:
    """Give the submission back to the applicant with what to complete (slip 02); they upload and submit again."""
    submission, from_status, to = _decide(submission, action=SubmissionAction.REQUEST_SUPPLEMENT, actor=actor)
    assert submission.receiving_point is not None
    lead_agency = lead_agency_check(point=submission.receiving_point, agency_id=lead_agency_id)
    wanted = _lines(items)
    if not wanted:
        raise errors.supplement_items_missing()
    submission.status = to
    submission.save(update_fields=["status", "updated_at"])
    event = submission_event_record(
        submission=submission,
        action=SubmissionAction.REQUEST_SUPPLEMENT,
        from_status=from_status,
        actor=actor,
        payload=_slip_payload(actor=actor, lead_agency=lead_agency, items=wanted, reasons=reason.strip()[:2000]),
    )
    submission_notify(submission=submission, what="supplement", event=event)
    return event


@transaction.atomic
def submission_refuse(
    *, submission: OnlineSubmission, actor: Any, lead_agency_id: int | None, reasons: str
) -> SubmissionEvent:
    """Refuse the submission with its reasons (slip 03). Nothing is registered."""
    submission, from_status, to = _decide(submission, action=SubmissionAction.REFUSE, actor=actor)
    assert submission.receiving_point is not None
    lead_agency = lead_agency_check(point=submission.receiving_point, agency_id=lead_agency_id)
    if not _lines(reasons):
        raise errors.refusal_reasons_missing()
    submission.status = to
    submission.decided_at = timezone.now()
    submission.save(update_fields=["status", "decided_at", "updated_at"])
    event = submission_event_record(
        submission=submission,
        action=SubmissionAction.REFUSE,
        from_status=from_status,
        actor=actor,
        payload=_slip_payload(actor=actor, lead_agency=lead_agency, items=[], reasons="\n".join(_lines(reasons))),
    )
    national_filing_settle(submission=submission, status=FilingStatus.REJECTED, reason=event.payload["reasons"])
    submission_notify(submission=submission, what="refused", event=event)
    return event


def submission_slip_draft(*, submission: OnlineSubmission, event: SubmissionEvent) -> SlipDraft:
    """Slip 02 or 03 of a supplement request or a refusal, as the counter prints it before any dossier exists: issued
    in the name of the one-stop unit the point receives for (``slips.context.draft_issuer``), from the event."""
    payload = event.payload
    data = submission.form_data
    point = submission.receiving_point
    assert point is not None
    at = datetime.fromisoformat(payload["at"]) if payload.get("at") else event.at
    return SlipDraft(
        version=submission.procedure_version,
        point=point,
        applicant_name=submission.applicant_name,
        applicant_kind=ApplicantKind.ORGANIZATION if submission.is_organization else ApplicantKind.CITIZEN,
        applicant_id_number=submission.id_number,
        applicant_address=str(data.get("applicant_address") or ""),
        applicant_phone=str(data.get("applicant_phone") or ""),
        applicant_email=str(data.get("applicant_email") or ""),
        representative_name=str(data.get("representative_name") or ""),
        representative_id_number=str(data.get("representative_id_number") or ""),
        representative_phone=str(data.get("representative_phone") or ""),
        authorization_document=str(data.get("authorization_document") or ""),
        items=tuple(payload.get("items") or ()),
        reasons=str(payload.get("reasons") or ""),
        official=str(payload.get("official") or ""),
        at=at,
        lead_agency=Agency.objects.filter(pk=payload.get("lead_agency")).first(),
    )
