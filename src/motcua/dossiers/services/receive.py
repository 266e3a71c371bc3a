"""Reception: register a complete dossier, give it a code and an appointment (slip 01)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.agencies.models import Agency, ReceivingPoint, Role
from motcua.agencies.selectors import one_stop_unit_for, user_may_receive_at
from motcua.core.identity import ID_NUMBER
from motcua.core.localtime import local_date
from motcua.core.text import fold
from motcua.procedures.fees import FeeQuote, fee_quote
from motcua.procedures.models import Component, Fee, ProcedureVersion, ProcessStep, VersionStatus
from motcua.workdays.calendar import LimitUnit
from motcua.workdays.clock import ProcessingClock
from motcua.workdays.selectors import work_calendar

from .. import errors
from ..checks import gate_check
from ..lifecycle import Channel, Status
from ..lookup_secrets import lookup_secret_new
from ..models import ApplicantKind, Dossier, DossierComponent, DossierFee, DossierStep, ReturnMethod
from .applicant import applicant_check
from .codes import dossier_code_issue
from .history import dossier_event_record
from .scans import dossier_component_scan_store

if TYPE_CHECKING:
    from motcua.documents.models import Document


@dataclass(frozen=True)
class Applicant:
    kind: ApplicantKind
    name: str
    id_number: str
    address: str
    birth_date: date | None = None
    phone: str = ""
    email: str = ""
    commune_code: str | None = None
    representative_name: str = ""
    representative_id_number: str = ""
    representative_address: str = ""
    representative_phone: str = ""
    representative_email: str = ""
    authorization_document: str = ""


@dataclass(frozen=True)
class ReceivedComponent:
    name: str
    form: str
    count: int = 1
    component_id: int | None = None
    document_ref: str = ""
    reused: bool = False
    digitized: bool = False
    # The paper's source beyond the paper itself, kept in the reception's transaction: a document of the data
    # store (reused, or a stored scan when ``digitized``), or a file scanned at the counter.
    document: Document | None = None
    scan: File | None = None


@dataclass(frozen=True)
class Reception:
    procedure_version: ProcedureVersion
    receiving_point: ReceivingPoint
    lead_agency: Agency
    channel: Channel
    applicant: Applicant
    components: list[ReceivedComponent] = field(default_factory=list)
    return_method: ReturnMethod = ReturnMethod.COUNTER
    return_address: str = ""
    # The delivery address's commune code, when known and not the applicant's (an online filing names it).
    return_commune_code: str = ""
    fees_paid: int = 0
    # The fee lines that apply, by id → units asked (motcua.procedures.fees.fee_quote); ``fee_exemption`` the
    # reason the applicant is exempt, when they are. Nothing optional is charged unless named here.
    fee_lines: Mapping[int, int] = field(default_factory=dict)
    fee_exemption: str = ""
    # The postage quoted at reception for returning the result by post (the tariff is the post's: the
    # interface quotes it); the delivery charges what was quoted.
    return_postage: int | None = None
    # A key the form sends once: the same clerk submitting the same key again gets the same dossier.
    submission_key: str = ""


@dataclass(frozen=True)
class VersionParts:
    mandatory_components: tuple[Component, ...]
    fees: tuple[Fee, ...]
    steps: tuple[ProcessStep, ...]


@lru_cache(maxsize=2048)
def _version_parts(version_id: int, published_at: datetime | None) -> VersionParts:
    return VersionParts(
        mandatory_components=tuple(Component.objects.filter(version_id=version_id, mandatory=True)),
        fees=tuple(Fee.objects.filter(version_id=version_id).order_by("order")),
        steps=tuple(ProcessStep.objects.filter(version_id=version_id).order_by("order")),
    )


def version_parts(version: ProcedureVersion) -> VersionParts:
    """A published version's checklist, fees and steps, read once per process: published versions are
    immutable, so every reception after the first reads none of them again (keyed by publication time
    too, so a database rebuilt with the same ids cannot serve stale parts)."""
    return _version_parts(version.pk, version.published_at)


def reception_fees(reception: Reception) -> FeeQuote:
    """The fee lines that apply to the reception and what they come to (the one rule: ``fee_quote``)."""
    if len(reception.fee_exemption) > 255:
        raise errors.fee_exemption_too_long()
    return fee_quote(
        fees=version_parts(reception.procedure_version).fees,
        chosen=reception.fee_lines,
        exemption=reception.fee_exemption,
    )


def _one_stop_unit(*, reception: Reception) -> Agency:
    """The one-stop unit that works the procedure's one-stop steps: the one the dossier is received for."""
    return one_stop_unit_for(point=reception.receiving_point, lead_agency=reception.lead_agency)


def _step_agency(step: ProcessStep, *, reception: Reception, one_stop: Agency) -> Agency | None:
    if step.at_other_agency:
        return None  # routed at transfer or when the step before it completes
    if step.role == Role.ONE_STOP_SUPERVISOR:
        return one_stop
    return reception.lead_agency


def limit_unit(version: ProcedureVersion) -> LimitUnit:
    """The calendar rule for a procedure version: the same-day flag overrides the stated limit."""
    if version.same_day_cutoff:
        return LimitUnit.SAME_DAY
    return LimitUnit(version.time_limit_unit)


def _check(*, reception: Reception, actor: Any) -> None:
    version = reception.procedure_version
    if version.status != VersionStatus.PUBLISHED:
        raise errors.procedure_not_published()
    if not user_may_receive_at(user=actor, point=reception.receiving_point):
        raise errors.not_permitted(action="receive").at("receiving_point")
    # The certification gate (docs/training.md): reception of this procedure's field. Practice at a training point
    # is how the certificate is earned, so it is not gated ("The sandbox").
    if not reception.receiving_point.is_training:
        gate_check(user=actor, kind="dossier", name="receive", version=version)
    if not reception.receiving_point.serves.filter(pk=reception.lead_agency.pk).exists():
        raise errors.agency_not_served(agency=reception.lead_agency.code, point=reception.receiving_point.code)
    if not ID_NUMBER.match(reception.applicant.id_number):
        raise errors.invalid_id_number(value=reception.applicant.id_number)
    applicant = reception.applicant
    applicant_check(id_number=applicant.id_number, birth_date=applicant.birth_date, today=local_date())
    received = {c.component_id for c in reception.components}
    for component in version_parts(version).mandatory_components:
        if component.pk not in received:
            raise errors.missing_component(name=component.name)
    if reception.return_method == ReturnMethod.POST:
        if not version.postal_return:
            raise errors.postal_return_not_offered()
        if not reception.return_address.strip():
            raise errors.post_return_without_address()


def _already_received(*, reception: Reception, actor: Any) -> Dossier | None:
    if not reception.submission_key:
        return None
    return Dossier.objects.filter(received_by=actor, submission_key=reception.submission_key).first()


@transaction.atomic
def dossier_receive(*, reception: Reception, actor: Any, received_at: datetime | None = None) -> Dossier:
    """Register a complete dossier: code, appointment, checklist, steps, history (slip 01 data).

    With a ``submission_key``, receiving the same submission twice (a double click, a resent form)
    answers the dossier the first one made; the database's unique constraint settles a true race.
    """
    existing = _already_received(reception=reception, actor=actor)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return _receive(reception=reception, actor=actor, received_at=received_at)
    except IntegrityError:
        existing = _already_received(reception=reception, actor=actor)
        if existing is None:
            raise
        return existing


def _receive(*, reception: Reception, actor: Any, received_at: datetime | None) -> Dossier:
    _check(reception=reception, actor=actor)
    version = reception.procedure_version
    point = reception.receiving_point
    now = received_at or timezone.now()
    calendar = work_calendar(hours=point.office_hours or None)
    due = calendar.due_at(now, amount=version.time_limit, unit=limit_unit(version))
    clock = ProcessingClock.start(started_at=calendar.next_working_instant(now), due_at=due)
    parts = version_parts(version)
    fees = reception_fees(reception)
    fees_charged = fees.total
    if reception.fees_paid > fees_charged:
        raise errors.fees_exceed_charged()
    applicant = reception.applicant
    # The one-stop unit the point receives for issues the code and the papers, never the post; a dossier
    # handed in at a counter comes through the channel the point says (docs/domain.md "Codes", "Channels").
    issuing_unit = one_stop_unit_for(point=point, lead_agency=reception.lead_agency)
    code = dossier_code_issue(agency=issuing_unit, day=local_date(now))
    dossier = Dossier.objects.create(
        code=code,
        issuing_agency=issuing_unit,
        procedure_version=version,
        lead_agency=reception.lead_agency,
        status=Status.RECEIVED,
        channel=point.reception_channel if reception.channel == Channel.COUNTER else reception.channel,
        applicant_kind=applicant.kind,
        applicant_name=applicant.name,
        applicant_id_number=applicant.id_number,
        applicant_birth_date=applicant.birth_date,
        applicant_phone=applicant.phone,
        applicant_email=applicant.email,
        applicant_address=applicant.address,
        applicant_commune_id=applicant.commune_code,
        representative_name=applicant.representative_name,
        representative_id_number=applicant.representative_id_number,
        representative_address=applicant.representative_address,
        representative_phone=applicant.representative_phone,
        representative_email=applicant.representative_email,
        authorization_document=applicant.authorization_document,
        receiving_point=point,
        received_by=actor,
        received_at=now,
        appointment_at=due,
        original_appointment_at=due,
        clock=clock.to_json(),
        fees_charged=fees_charged,
        fees_paid=reception.fees_paid,
        return_method=reception.return_method,
        return_address=reception.return_address,
        return_commune_id=reception.return_commune_code or None
        if reception.return_method == ReturnMethod.POST
        else None,
        return_postage=reception.return_postage if reception.return_method == ReturnMethod.POST else None,
        lookup_secret=lookup_secret_new(),
        submission_key=reception.submission_key,
        search_text=fold(" ".join(x for x in (code, applicant.name, applicant.representative_name) if x)),
    )

    papers = DossierComponent.objects.bulk_create(
        DossierComponent(
            dossier=dossier,
            component_id=c.component_id,
            name=c.name,
            form=c.form,
            count=c.count,
            document_ref=c.document_ref,
            reused=c.reused,
            digitized=c.digitized,
        )
        for c in reception.components
    )
    DossierFee.objects.bulk_create(
        DossierFee(
            dossier=dossier,
            fee=line.fee,
            order=line.fee.order,
            kind=line.fee.kind,
            description=line.fee.description,
            unit_amount=line.fee.amount,
            quantity=line.quantity,
            per_unit=line.fee.per_unit,
            amount=line.amount,
            exemption_reason=fees.exemption if line.exempt else "",
        )
        for line in fees.lines
    )
    one_stop = _one_stop_unit(reception=reception)
    DossierStep.objects.bulk_create(
        DossierStep(
            dossier=dossier,
            order=step.order,
            name=step.name,
            role=step.role,
            agency=_step_agency(step, reception=reception, one_stop=one_stop),
            parallel_group=step.parallel_group,
            duration_hours=version.working_hours(step.duration),
        )
        for step in parts.steps
    )
    dossier_event_record(
        dossier=dossier,
        seq=1,
        action="receive",
        actor=actor,
        from_status="",
        agency=point.operator,
        payload={"appointment_at": timezone.localtime(due).isoformat(), "procedure": version.procedure.national_code},
        at=now,
    )
    _papers_source_keep(dossier, papers, reception.components, actor=actor)
    return dossier


# Keeps a paper's data-store document: (dossier, paper, document, reused, actor). The documents app registers it
# when it loads (it builds on dossiers; dossiers never imports documents, docs/architecture.md).
DocumentKeeper = Callable[[Dossier, DossierComponent, "Document", bool, Any], object]
DOCUMENT_KEEPERS: list[DocumentKeeper] = []


def paper_document_keeper_register(keeper: DocumentKeeper) -> None:
    if keeper not in DOCUMENT_KEEPERS:
        DOCUMENT_KEEPERS.append(keeper)


def _papers_source_keep(
    dossier: Dossier, papers: list[DossierComponent], received: list[ReceivedComponent], *, actor: Any
) -> None:
    """Keep each paper's source with the dossier, in the reception's transaction: a data-store document reused
    (refused when another person's or expired) or attached as its scan, or the file scanned at the counter.

    Last of the reception, and the files after every check: storage is not transactional, so no refusal comes
    after a file is written."""
    if not any(c.document is not None or c.scan is not None for c in received):
        return
    for paper, source in zip(papers, received, strict=True):
        if source.document is not None:
            assert DOCUMENT_KEEPERS, "the documents app keeps data-store documents; it is not installed"
            for keeper in DOCUMENT_KEEPERS:
                keeper(dossier, paper, source.document, source.reused, actor)
    for paper, source in zip(papers, received, strict=True):
        if source.scan is not None:
            dossier_component_scan_store(paper=paper, upload=source.scan)
