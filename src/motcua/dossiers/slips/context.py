"""The data each slip prints, read from the dossier, its history and its processing record."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from motcua.agencies.models import Agency, AgencyLevel, PointChannel, ReceivingPoint, StaffAssignment
from motcua.agencies.models.staff import AGENCY_SCOPED_ROLES
from motcua.agencies.selectors import one_stop_unit_for
from motcua.procedures.models import ProcedureVersion

from ..control import dossier_control_record
from ..lifecycle import Action, Status
from ..models import Dossier, DossierEvent, DossierStep
from ..models.event import NEW_RECEIPT_DUE
from ..selectors import RECEIPT_REISSUED, RESUMING, dossier_new_receipt_due
from ..services.history import dossier_event_record
from ..services.locks import dossier_lock
from .formats import (
    APPLICANT_KIND_VI,
    FORM_VI,
    RESULT_VI,
    RETURN_VI,
    STATUS_VI,
    vn_date,
    vn_datetime,
    vn_long_date,
    vn_time_limit,
)
from .numbers import slip_number_take, slip_number_text

# The public lookup page (portal, ``portal:lookup``): the receipt's QR code opens it with the code and secret.
PUBLIC_LOOKUP_PATH = "/tra-cuu/"


@dataclass(frozen=True)
class SlipDraft:
    """What slips 02 and 03 print when the clerk finds, before receiving, that a paper is missing or that
    the request cannot be accepted: nothing is registered, so there is no dossier, code or history.

    The attribute names are the dossier's, so the slips' templates read a draft as they read a dossier.
    """

    version: ProcedureVersion
    point: ReceivingPoint
    applicant_name: str = ""
    applicant_kind: str = ""
    applicant_id_number: str = ""
    applicant_address: str = ""
    applicant_phone: str = ""
    applicant_email: str = ""
    representative_name: str = ""
    representative_id_number: str = ""
    representative_address: str = ""
    representative_phone: str = ""
    representative_email: str = ""
    authorization_document: str = ""
    items: tuple[str, ...] = ()  # slip 02: what to supplement
    reasons: str = ""  # slip 02: why; slip 03: the reasons for refusing, one a line
    official: str = ""  # the clerk who guided or refused
    at: datetime | None = None
    code: str = ""  # no dossier, no code
    lead_agency: Agency | None = None  # finds the one-stop unit when the point does not name one


class MissingEvent(LookupError):
    pass


def _load(dossier: Dossier) -> Dossier:
    return (
        Dossier.objects.select_related(
            "receiving_point__operator",
            "receiving_point__commune__province",
            "lead_agency__parent",
            "issuing_agency__parent",
            "procedure_version__procedure",
            "received_by",
        )
        .prefetch_related("components")
        .get(pk=dossier.pk)
    )


def _latest(dossier: Dossier, *actions: str) -> DossierEvent:
    event = (
        DossierEvent.objects.filter(dossier=dossier, action__in=actions)
        .select_related("actor", "agency")
        .order_by("-seq")
        .first()
    )
    if event is None:
        raise MissingEvent(f"dossier {dossier.code} has no {' or '.join(actions)} event")
    return event


def _place(point: ReceivingPoint) -> str:
    commune = point.commune
    return commune.province.name if commune.province_id else commune.name


def _lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


def qr_data_uri(text: str) -> str:
    """An SVG QR code as a data URI, made locally."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=1)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def public_lookup_url(dossier: Dossier) -> str:
    """The public lookup page for this dossier, code and secret filled in: what the receipt's QR code opens."""
    query = urlencode({"ma": dossier.code, "k": dossier.lookup_secret})
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}{PUBLIC_LOOKUP_PATH}?{query}"


def _header(point: ReceivingPoint, *, issued_at: datetime, issuer: str | None = None) -> dict[str, Any]:
    """The issuing unit (the point's operator over the point, unless ``issuer`` is named) and the place and date."""
    return {
        "issuer": issuer or point.operator.name,
        "issuer_sub": point.name if issuer is None else "",
        "place_date": f"{_place(point)}, {vn_long_date(issued_at)}",
    }


def unit_header(unit: Agency, *, place: str, issued_at: datetime) -> dict[str, Any]:
    """The issuing unit under its parent body ("UBND PHƯỜNG … / TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"), the place
    and the date (docs/domain.md, "Official papers: who issues, who signs, their numbers")."""
    parent = unit.parent
    return {
        "issuer": parent.name if parent is not None else unit.name,
        "issuer_sub": unit.name if parent is not None else "",
        "unit": unit.name,
        "place_date": f"{place}, {vn_long_date(issued_at)}",
    }


def signer(unit: Agency) -> dict[str, Any]:
    """Who signs a paper in ``unit``'s name, from its data: the head, or the deputy on the head's behalf
    ("KT."); never whoever recorded the action (that person stays in the history). A unit whose head is not
    recorded gets the generic block with a blank line for the name."""
    if unit.deputy_signs and unit.deputy_name:
        head = unit.head_title or "Thủ trưởng cơ quan"
        return {"lines": [f"KT. {head.upper()}", unit.deputy_title.upper()], "name": unit.deputy_name}
    if unit.head_title:
        return {"lines": [unit.head_title.upper()], "name": unit.head_name}
    return {"lines": ["THỦ TRƯỞNG CƠ QUAN"], "name": unit.head_name}


def acting_agency(dossier: Dossier, event: DossierEvent) -> Agency:
    """The agency an event was done for: the one it records, else the agency the actor works for among the
    dossier's (lead, then its steps'), else the lead agency. Never a postal unit."""
    if event.agency is not None and event.agency.level != AgencyLevel.POSTAL:
        return event.agency
    if event.actor_id is not None:
        involved = {dossier.lead_agency_id} | set(
            DossierStep.objects.filter(dossier=dossier, agency__isnull=False).values_list("agency_id", flat=True)
        )
        mine = (
            StaffAssignment.objects.filter(
                user_id=event.actor_id, role__in=[r.value for r in AGENCY_SCOPED_ROLES], agency_id__in=involved
            )
            .select_related("agency__parent")
            .order_by("-is_active", "pk")
            .first()
        )
        if mine is not None and mine.agency is not None:
            if mine.agency_id == dossier.lead_agency_id:
                return dossier.lead_agency
            return mine.agency
    return dossier.lead_agency


def _numbered(dossier: Dossier, *, form: str, issuer: Agency, at: datetime, event_seq: int = 0) -> str:
    number = slip_number_take(dossier=dossier, form=form, issuer=issuer, at=at, event_seq=event_seq)
    return slip_number_text(form=form, number=number)


def _receiving(dossier: Dossier) -> str:
    """Where a dossier was handed in, when not at the unit's own counter: "Bưu cục … (qua dịch vụ bưu chính
    công ích)"."""
    point = dossier.receiving_point
    if dossier.channel == PointChannel.POSTAL:
        return f"{point.name} (qua dịch vụ bưu chính công ích)"
    if dossier.issuing_agency_id != point.operator_id:
        return point.name
    return ""


def _procedure_name(version: ProcedureVersion) -> str:
    return version.name or version.procedure.name


def _common(dossier: Dossier, *, issued_at: datetime, unit: Agency | None = None) -> dict[str, Any]:
    """What every paper of a dossier prints; issued by ``unit``, by default the one-stop unit the dossier was
    received for. ``number`` is the paper's own, which each builder sets."""
    return {
        **unit_header(unit or dossier.issuing_agency, place=_place(dossier.receiving_point), issued_at=issued_at),
        "d": dossier,
        "number": "",
        "received_through": _receiving(dossier),
        "procedure": _procedure_name(dossier.procedure_version),
        "applicant_kind": APPLICANT_KIND_VI.get(dossier.applicant_kind, ""),
        "received_at": vn_datetime(dossier.received_at),
        "appointment_at": vn_datetime(dossier.appointment_at),
        "receiver": str(dossier.received_by),
    }


def _draft_common(draft: SlipDraft, *, issued_at: datetime) -> dict[str, Any]:
    """What :func:`_common` gives for a dossier, for a slip printed before any dossier exists."""
    point = ReceivingPoint.objects.select_related(
        "operator", "commune__province", "one_stop_unit__parent", "operator__parent"
    ).get(pk=draft.point.pk)
    unit = draft_issuer(point, lead_agency=draft.lead_agency)
    return {
        **unit_header(unit, place=_place(point), issued_at=issued_at),
        "d": draft,
        "number": "",
        "procedure": _procedure_name(draft.version),
        "applicant_kind": APPLICANT_KIND_VI.get(draft.applicant_kind, ""),
        "received_at": "",
        "appointment_at": "",
        "receiver": draft.official,
        "received_through": point.name if point.reception_channel == PointChannel.POSTAL else "",
    }


def draft_issuer(point: ReceivingPoint, *, lead_agency: Agency | None) -> Agency:
    """The unit a paper printed at ``point`` before any dossier exists is issued by: the one-stop unit the
    point receives for (the operator only for a point that names none and has no lead agency to go by)."""
    if lead_agency is not None or point.one_stop_unit_id is not None:
        return one_stop_unit_for(point=point, lead_agency=lead_agency or point.operator)
    return point.operator


def _local_year_bounds(at: datetime) -> tuple[datetime, datetime]:
    year = timezone.localtime(at).year
    tz = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def register_entry(dossier: Dossier) -> tuple[str, int]:
    """The register (07) book a dossier is entered in and its number there: one book per issuing unit and
    year, dossiers in the order received (docs/domain.md, "Official papers")."""
    start, end = _local_year_bounds(dossier.received_at)
    earlier = Dossier.objects.filter(
        Q(received_at__lt=dossier.received_at) | Q(received_at=dossier.received_at, pk__lte=dossier.pk),
        issuing_agency_id=dossier.issuing_agency_id,
        received_at__gte=start,
        received_at__lt=end,
    )
    return f"{start.year}", earlier.count()


# What the applicant did that moved the appointment, in the renewed receipt's note ("Cấp lại sau khi …").
RENEWED_AFTER_VI = {
    Action.RECEIVE_SUPPLEMENT: "nhận hồ sơ bổ sung",
    Action.MEET_OBLIGATION: "thực hiện xong nghĩa vụ tài chính",
}


def receipt_renewal(dossier: Dossier) -> DossierEvent | None:
    """The latest resumed clock (supplement received, obligation met) that moved the appointment printed on
    the receipt (``new_receipt_due``): the receipt issued since is a new paper about that event."""
    for event in DossierEvent.objects.filter(dossier=dossier, action__in=RESUMING).order_by("-seq"):
        if event.payload.get(NEW_RECEIPT_DUE):
            return event
    return None


def _receipt_number(dossier: Dossier, *, renewed: DossierEvent | None, issued_at: datetime, actor: Any) -> str:
    """The receipt's number; issuing a new receipt that is owed (``dossier_new_receipt_due``) records it in
    the history (:data:`RECEIPT_REISSUED`) once, in one transaction with its number: a reprint records
    nothing more."""
    if renewed is None:
        return _numbered(dossier, form="01", issuer=dossier.issuing_agency, at=issued_at)
    with transaction.atomic():
        # Two clerks printing at once: the second waits and then finds the new receipt recorded.
        dossier_lock(dossier_id=dossier.pk)
        number = _numbered(dossier, form="01", issuer=dossier.issuing_agency, at=issued_at, event_seq=renewed.seq)
        if dossier_new_receipt_due(dossier=dossier):
            dossier_event_record(
                dossier=dossier,
                action=RECEIPT_REISSUED,
                actor=actor,
                from_status=dossier.status,
                payload={
                    "slip": "01",
                    "number": number,
                    "renews_seq": renewed.seq,
                    "appointment_at": timezone.localtime(dossier.appointment_at).isoformat(),
                },
            )
    return number


def receipt(*, dossier: Dossier, actor: Any = None, **extra: Any) -> dict[str, Any]:
    """Slip 01. Refused at reception, a dossier has no receipt (it gets 03). After a supplement (or an
    obligation met) that moved the appointment, the receipt is issued anew, numbered anew, with the
    appointment as it now stands (docs/domain.md, "Official papers"); ``actor`` is who issues it."""
    dossier = _load(dossier)
    if dossier.status == Status.REFUSED:
        raise MissingEvent(f"dossier {dossier.code} was refused at reception: it has slip 03, no receipt")
    version = dossier.procedure_version
    renewed = receipt_renewal(dossier)
    issued_at = renewed.at if renewed is not None else dossier.received_at
    book, entry = register_entry(dossier)
    components = [
        {"name": c.name, "form": FORM_VI.get(c.form, c.form), "count": c.count} for c in dossier.components.all()
    ]
    url = public_lookup_url(dossier)
    return {
        **_common(dossier, issued_at=issued_at),
        "number": _receipt_number(dossier, renewed=renewed, issued_at=issued_at, actor=actor),
        "renewed_at": vn_datetime(renewed.at) if renewed is not None else "",
        "renewed_after": RENEWED_AFTER_VI.get(Action(renewed.action), "") if renewed is not None else "",
        "register_book": book,
        "register_entry": entry,
        "components": components,
        "sets": extra.get("sets", 1),
        "time_limit": vn_time_limit(version),
        "return_method": RETURN_VI.get(dossier.return_method, dossier.return_method),
        "lookup_text": f"{dossier.code}|{dossier.lookup_secret}",
        "lookup_url": url,
        "lookup_page": f"{settings.PUBLIC_BASE_URL.rstrip('/')}{PUBLIC_LOOKUP_PATH}",
        "qr": qr_data_uri(url),
    }


def supplement(*, dossier: Dossier | None = None, draft: SlipDraft | None = None, **extra: Any) -> dict[str, Any]:
    if draft is not None:
        at = draft.at or timezone.now()
        data = _draft_common(draft, issued_at=at)
        return {
            **data,
            "number": slip_number_text(form="02", number=None),
            "items": list(draft.items),
            "reason": draft.reasons or "Hồ sơ chưa đủ thành phần, số lượng giấy tờ theo quy định.",
            "official": draft.official,
            "official_phone": extra.get("official_phone") or draft.point.phone,
            "requested_at": vn_datetime(at),
        }
    assert dossier is not None
    dossier = _load(dossier)
    event = _latest(dossier, Action.REQUEST_SUPPLEMENT)
    items = [str(i) for i in event.payload.get("items", [])]
    # At reception the one-stop unit asks; during processing the agency asks, through the one-stop unit,
    # and its officer is the one to call.
    at_reception = event.from_status == Status.RECEIVED
    asking = dossier.issuing_agency if at_reception else acting_agency(dossier, event)
    actor_phone = getattr(event.actor, "phone", "") if event.actor else ""
    unit_phone = dossier.receiving_point.phone if at_reception else asking.phone
    return {
        **_common(dossier, issued_at=event.at),
        "number": _numbered(dossier, form="02", issuer=dossier.issuing_agency, at=event.at, event_seq=event.seq),
        "items": items,
        "reason": event.note,
        "official": str(event.actor) if event.actor else "",
        "official_phone": extra.get("official_phone") or actor_phone or unit_phone or dossier.issuing_agency.phone,
        "requested_at": vn_datetime(event.at),
        "unit": asking.name,
        "through": "" if at_reception or asking == dossier.issuing_agency else dossier.issuing_agency.name,
    }


def refusal(*, dossier: Dossier | None = None, draft: SlipDraft | None = None, **extra: Any) -> dict[str, Any]:
    if draft is not None:
        return {
            **_draft_common(draft, issued_at=draft.at or timezone.now()),
            "number": slip_number_text(form="03", number=None),
            "reasons": _lines(draft.reasons) or [draft.reasons],
            "official": draft.official,
        }
    assert dossier is not None
    dossier = _load(dossier)
    event = _latest(dossier, Action.REFUSE)
    return {
        **_common(dossier, issued_at=event.at),
        "number": _numbered(dossier, form="03", issuer=dossier.issuing_agency, at=event.at, event_seq=event.seq),
        "reasons": _lines(event.note) or [event.note],
        "official": str(event.actor) if event.actor else "",
    }


def apology(*, dossier: Dossier, **extra: Any) -> dict[str, Any]:
    dossier = _load(dossier)
    first = (
        DossierEvent.objects.filter(dossier=dossier, action=Action.EXTEND)
        .select_related("actor", "agency")
        .order_by("seq")
        .first()
    )
    if first is None:
        raise MissingEvent(f"dossier {dossier.code} has no extend event")
    previous = first.payload.get("previous")
    original = datetime.fromisoformat(previous) if previous else dossier.original_appointment_at
    late = acting_agency(dossier, first)  # the late unit issues and its head signs
    return {
        **_common(dossier, issued_at=first.at, unit=late),
        "number": _numbered(dossier, form="04", issuer=late, at=first.at, event_seq=first.seq),
        "received_on": vn_long_date(dossier.received_at),
        "original_appointment": vn_datetime(original),
        "new_appointment": vn_datetime(dossier.appointment_at),
        "reason": dossier.extension_reason or first.note,
        "signer": signer(late),
    }


def stopped(*, dossier: Dossier, **extra: Any) -> dict[str, Any]:
    dossier = _load(dossier)
    event = _latest(dossier, Action.STOP, Action.WITHDRAW)
    stopping = acting_agency(dossier, event)
    return {
        **_common(dossier, issued_at=event.at, unit=stopping),
        "number": _numbered(dossier, form="05", issuer=stopping, at=event.at, event_seq=event.seq),
        "at_request": event.action == Action.WITHDRAW,
        "reason": event.note,
        "stopped_at": vn_datetime(event.at),
        "status": STATUS_VI.get(dossier.status, dossier.status),
        "signer": signer(stopping),
    }


def control(*, dossier: Dossier, **extra: Any) -> dict[str, Any]:
    dossier = _load(dossier)
    record = dossier_control_record(dossier=dossier)
    rows = [
        {
            "no": row.no,
            "giver": row.giver.name,
            "giver_actor": row.giver_actor,
            "receiver": row.receiver.name,
            "at": vn_datetime(row.at),
            "due_at": vn_datetime(row.due_at),
            "result": RESULT_VI.get(row.result, row.result),
            "note": row.note,
        }
        for row in record.rows
    ]
    return {
        **_common(dossier, issued_at=extra.get("at") or timezone.now()),
        "number": _numbered(dossier, form="06", issuer=dossier.issuing_agency, at=dossier.received_at),
        "lead_agency": record.lead_agency.name,
        "co_agencies": ", ".join(u.name for u in record.co_agencies),
        "original_appointment": vn_datetime(record.original_appointment_at),
        "extension_late_notice": record.extension_late_notice,
        "extension_noticed_at": vn_datetime(record.extension_noticed_at),
        "rows": rows,
    }


# Register 07's columns as the form heads them: the key of each cell in a row of :func:`register_rows`, and
# the header. Slip 07's template prints the same columns; the Excel register (``register_xlsx``) reads them.
REGISTER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("no", "TT"),
    ("code", "Mã hồ sơ"),
    ("procedure", "Thủ tục"),
    ("applicant_contact", "Người nộp; địa chỉ, điện thoại"),
    ("lead_agency", "Cơ quan chủ trì"),
    ("received_at", "Nhận hồ sơ"),
    ("appointment_at", "Hẹn trả"),
    ("returned_at", "Đã trả"),
    ("return_method", "Hình thức trả"),
    ("signature", "Ký nhận"),
)


def register_dossiers(dossiers: Iterable[Dossier] | QuerySet[Dossier]) -> list[Dossier]:
    """The register's dossiers in its order (as received), with what its rows print loaded."""
    if isinstance(dossiers, QuerySet):
        dossiers = dossiers.select_related(
            "receiving_point__operator",
            "receiving_point__commune__province",
            "issuing_agency__parent",
            "lead_agency",
            "procedure_version",
        ).order_by("received_at", "pk")
    return list(dossiers)


def register_rows(items: list[Dossier]) -> list[dict[str, Any]]:
    """One row per dossier: each cell as slip 07 prints it (text), and under ``instants`` the moments of the
    three time columns, for a spreadsheet to keep as dates."""
    rows = []
    for n, d in enumerate(items, start=1):
        applicant = d.applicant_name
        contact = ", ".join(x for x in (d.applicant_address, d.applicant_phone) if x)
        rows.append(
            {
                "no": n,
                "code": d.code,
                "procedure": d.procedure_version.name,
                "applicant": applicant,
                "contact": contact,
                "applicant_contact": f"{applicant}; {contact}" if contact else applicant,
                "lead_agency": d.lead_agency.name,
                "received_at": vn_datetime(d.received_at),
                "appointment_at": vn_datetime(d.appointment_at),
                "returned_at": vn_datetime(d.returned_at),
                "return_method": RETURN_VI.get(d.return_method, d.return_method) if d.returned_at else "",
                "signature": "",
                "instants": {
                    "received_at": d.received_at,
                    "appointment_at": d.appointment_at,
                    "returned_at": d.returned_at,
                },
            }
        )
    return rows


def register(*, dossiers: Iterable[Dossier] | QuerySet[Dossier], **extra: Any) -> dict[str, Any]:
    items = register_dossiers(dossiers)
    issued_at: datetime = extra.get("at") or timezone.now()
    first = items[0] if items else None
    rows = register_rows(items)
    # The register is the one-stop unit's: its name under its parent body, as on the slips it lists.
    header = unit_header(first.issuing_agency, place="", issued_at=issued_at) if first else {}
    issuer = extra.get("issuer") or header.get("issuer", "")
    place = extra.get("place") or (_place(first.receiving_point) if first else "")
    period = extra.get("period", "")
    return {
        "issuer": issuer,
        "issuer_sub": header.get("issuer_sub", "") if not extra.get("issuer") else "",
        "number": "",
        "place_date": f"{place}, {vn_long_date(issued_at)}" if place else vn_long_date(issued_at),
        "columns": REGISTER_COLUMNS,
        "rows": rows,
        "period": period,
        "printed_on": vn_date(issued_at),
    }
