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
from django.db.models import QuerySet
from django.utils import timezone

from motcua.agencies.models import ReceivingPoint
from motcua.procedures.models import ProcedureVersion

from ..control import dossier_control_record
from ..lifecycle import Action
from ..models import Dossier, DossierEvent
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
    authorization_document: str = ""
    items: tuple[str, ...] = ()  # slip 02: what to supplement
    reasons: str = ""  # slip 02: why; slip 03: the reasons for refusing, one a line
    official: str = ""  # the clerk who guided or refused
    at: datetime | None = None
    code: str = ""  # no dossier, no code


class MissingEvent(LookupError):
    pass


def _load(dossier: Dossier) -> Dossier:
    return (
        Dossier.objects.select_related(
            "receiving_point__operator",
            "receiving_point__commune__province",
            "lead_agency",
            "issuing_agency",
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


def _procedure_name(version: ProcedureVersion) -> str:
    return version.name or version.procedure.name


def _common(dossier: Dossier, *, issued_at: datetime, issuer: str | None = None) -> dict[str, Any]:
    return {
        **_header(dossier.receiving_point, issued_at=issued_at, issuer=issuer),
        "d": dossier,
        "number": dossier.code,
        "procedure": _procedure_name(dossier.procedure_version),
        "applicant_kind": APPLICANT_KIND_VI.get(dossier.applicant_kind, ""),
        "received_at": vn_datetime(dossier.received_at),
        "appointment_at": vn_datetime(dossier.appointment_at),
        "receiver": str(dossier.received_by),
    }


def _draft_common(draft: SlipDraft, *, issued_at: datetime) -> dict[str, Any]:
    """What :func:`_common` gives for a dossier, for a slip printed before any dossier exists."""
    point = ReceivingPoint.objects.select_related("operator", "commune__province").get(pk=draft.point.pk)
    return {
        **_header(point, issued_at=issued_at),
        "d": draft,
        "number": "",
        "procedure": _procedure_name(draft.version),
        "applicant_kind": APPLICANT_KIND_VI.get(draft.applicant_kind, ""),
        "received_at": "",
        "appointment_at": "",
        "receiver": draft.official,
        "unit": point.name,
    }


def receipt(*, dossier: Dossier, **extra: Any) -> dict[str, Any]:
    dossier = _load(dossier)
    version = dossier.procedure_version
    components = [
        {"name": c.name, "form": FORM_VI.get(c.form, c.form), "count": c.count} for c in dossier.components.all()
    ]
    url = public_lookup_url(dossier)
    return {
        **_common(dossier, issued_at=dossier.received_at),
        "components": components,
        "sets": extra.get("sets", 1),
        "time_limit": vn_time_limit(version),
        "return_method": RETURN_VI.get(dossier.return_method, dossier.return_method),
        "lookup_text": f"{dossier.code}|{dossier.lookup_secret}",
        "lookup_url": url,
        "lookup_page": f"{settings.PUBLIC_BASE_URL.rstrip('/')}{PUBLIC_LOOKUP_PATH}",
        "qr": qr_data_uri(url),
        "register_number": extra.get("register_number", ""),
    }


def supplement(*, dossier: Dossier | None = None, draft: SlipDraft | None = None, **extra: Any) -> dict[str, Any]:
    if draft is not None:
        at = draft.at or timezone.now()
        data = _draft_common(draft, issued_at=at)
        return {
            **data,
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
    return {
        **_common(dossier, issued_at=event.at),
        "items": items,
        "reason": event.note,
        "official": str(event.actor) if event.actor else "",
        "official_phone": extra.get("official_phone") or dossier.receiving_point.phone,
        "requested_at": vn_datetime(event.at),
        "unit": event.agency.name if event.agency else dossier.receiving_point.name,
    }


def refusal(*, dossier: Dossier | None = None, draft: SlipDraft | None = None, **extra: Any) -> dict[str, Any]:
    if draft is not None:
        return {
            **_draft_common(draft, issued_at=draft.at or timezone.now()),
            "reasons": _lines(draft.reasons) or [draft.reasons],
            "official": draft.official,
        }
    assert dossier is not None
    dossier = _load(dossier)
    event = _latest(dossier, Action.REFUSE)
    return {
        **_common(dossier, issued_at=event.at),
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
    return {
        **_common(dossier, issued_at=first.at, issuer=dossier.lead_agency.name),
        "original_appointment": vn_datetime(original),
        "new_appointment": vn_datetime(dossier.appointment_at),
        "reason": dossier.extension_reason or first.note,
        "signer": str(first.actor) if first.actor else "",
    }


def stopped(*, dossier: Dossier, **extra: Any) -> dict[str, Any]:
    dossier = _load(dossier)
    event = _latest(dossier, Action.STOP, Action.WITHDRAW)
    return {
        **_common(dossier, issued_at=event.at, issuer=dossier.lead_agency.name),
        "at_request": event.action == Action.WITHDRAW,
        "reason": event.note,
        "stopped_at": vn_datetime(event.at),
        "status": STATUS_VI.get(dossier.status, dossier.status),
        "signer": str(event.actor) if event.actor else "",
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
        "lead_agency": record.lead_agency.name,
        "co_agencies": ", ".join(u.name for u in record.co_agencies),
        "original_appointment": vn_datetime(record.original_appointment_at),
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
            "receiving_point__operator", "receiving_point__commune__province", "lead_agency", "procedure_version"
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
    issuer = extra.get("issuer") or (first.receiving_point.operator.name if first else "")
    place = extra.get("place") or (_place(first.receiving_point) if first else "")
    period = extra.get("period", "")
    return {
        "issuer": issuer,
        "issuer_sub": first.receiving_point.name if first and not extra.get("issuer") else "",
        "number": "",
        "place_date": f"{place}, {vn_long_date(issued_at)}" if place else vn_long_date(issued_at),
        "columns": REGISTER_COLUMNS,
        "rows": rows,
        "period": period,
        "printed_on": vn_date(issued_at),
    }
