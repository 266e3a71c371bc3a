"""The data each slip prints, read from the dossier, its history and its processing record."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import qrcode
import qrcode.image.svg
from django.db.models import QuerySet
from django.utils import timezone

from ..control import dossier_control_record
from ..lifecycle import Action
from ..models import Dossier, DossierEvent
from .formats import (
    APPLICANT_KIND_VI,
    FORM_VI,
    RESULT_VI,
    RETURN_VI,
    STATUS_VI,
    TIME_UNIT_VI,
    vn_date,
    vn_datetime,
    vn_long_date,
    vn_number,
)


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


def _place(dossier: Dossier) -> str:
    commune = dossier.receiving_point.commune
    return commune.province.name if commune.province_id else commune.name


def _lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


def qr_data_uri(text: str) -> str:
    """An SVG QR code as a data URI, made locally."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=1)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _common(dossier: Dossier, *, issued_at: datetime, issuer: str | None = None) -> dict[str, Any]:
    point = dossier.receiving_point
    return {
        "d": dossier,
        "issuer": issuer or point.operator.name,
        "issuer_sub": point.name if issuer is None else "",
        "number": dossier.code,
        "place_date": f"{_place(dossier)}, {vn_long_date(issued_at)}",
        "procedure": dossier.procedure_version.name or dossier.procedure_version.procedure.name,
        "applicant_kind": APPLICANT_KIND_VI.get(dossier.applicant_kind, ""),
        "received_at": vn_datetime(dossier.received_at),
        "appointment_at": vn_datetime(dossier.appointment_at),
        "receiver": str(dossier.received_by),
    }


def receipt(*, dossier: Dossier, **extra: Any) -> dict[str, Any]:
    dossier = _load(dossier)
    version = dossier.procedure_version
    components = [
        {"name": c.name, "form": FORM_VI.get(c.form, c.form), "count": c.count} for c in dossier.components.all()
    ]
    return {
        **_common(dossier, issued_at=dossier.received_at),
        "components": components,
        "sets": extra.get("sets", 1),
        "time_limit": f"{vn_number(version.time_limit)} {TIME_UNIT_VI.get(version.time_limit_unit, '')}".strip(),
        "return_method": RETURN_VI.get(dossier.return_method, dossier.return_method),
        "lookup_text": f"{dossier.code}|{dossier.lookup_secret}",
        "qr": qr_data_uri(f"{dossier.code}|{dossier.lookup_secret}"),
        "register_number": extra.get("register_number", ""),
    }


def supplement(*, dossier: Dossier, **extra: Any) -> dict[str, Any]:
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


def refusal(*, dossier: Dossier, **extra: Any) -> dict[str, Any]:
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


def register(*, dossiers: Iterable[Dossier] | QuerySet[Dossier], **extra: Any) -> dict[str, Any]:
    if isinstance(dossiers, QuerySet):
        dossiers = dossiers.select_related(
            "receiving_point__operator", "receiving_point__commune__province", "lead_agency", "procedure_version"
        ).order_by("received_at", "pk")
    items = list(dossiers)
    issued_at: datetime = extra.get("at") or timezone.now()
    first = items[0] if items else None
    rows = [
        {
            "no": n,
            "code": d.code,
            "procedure": d.procedure_version.name,
            "applicant": d.applicant_name,
            "contact": ", ".join(x for x in (d.applicant_address, d.applicant_phone) if x),
            "lead_agency": d.lead_agency.name,
            "received_at": vn_datetime(d.received_at),
            "appointment_at": vn_datetime(d.appointment_at),
            "returned_at": vn_datetime(d.returned_at),
            "return_method": RETURN_VI.get(d.return_method, d.return_method) if d.returned_at else "",
        }
        for n, d in enumerate(items, start=1)
    ]
    issuer = extra.get("issuer") or (first.receiving_point.operator.name if first else "")
    place = extra.get("place") or (_place(first) if first else "")
    period = extra.get("period", "")
    return {
        "issuer": issuer,
        "issuer_sub": first.receiving_point.name if first and not extra.get("issuer") else "",
        "number": "",
        "place_date": f"{place}, {vn_long_date(issued_at)}" if place else vn_long_date(issued_at),
        "rows": rows,
        "period": period,
        "printed_on": vn_date(issued_at),
    }
