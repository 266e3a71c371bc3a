"""The counter's own papers, printed like the slips: the guidance slip of a procedure and the hand-over list
of a batch of dossiers handed to an agency."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from motcua.agencies.models import ReceivingPoint
from motcua.procedures.fees import fee_choices
from motcua.procedures.models import Component, Fee, OnlineSubmission, ProcedureVersion

from ..lifecycle import Action
from ..models import Dossier, DossierComponent, HandOver
from .context import _common, _header, _latest, _lines, _load, _place, _procedure_name, draft_issuer, unit_header
from .formats import FEE_KIND_VI, FORM_VI, vn_datetime, vn_long_date, vn_time_limit


def _required_vi(component: Component) -> str:
    return "Bắt buộc" if component.mandatory else f"Nếu có: {component.condition}"


def _fee_condition_vi(fee: Fee) -> str:
    parts = []
    if fee.group is not None:
        parts.append("một trong các mức, theo trường hợp")
    if fee.optional:
        parts.append("chỉ thu khi có yêu cầu")
    if fee.per_unit:
        parts.append(f"tính theo {fee.per_unit}")
    return "; ".join(parts)


def guidance(*, version: ProcedureVersion, point: ReceivingPoint | None = None, **extra: Any) -> dict[str, Any]:
    """The guidance slip: what to bring for a procedure, fees, time limit, result and how it comes back.

    Issued by the receiving point that guides (``point``), else by the procedure's competent agency;
    ``official`` names the guiding clerk.
    """
    version = (
        ProcedureVersion.objects.select_related("procedure__field")
        .prefetch_related(
            Prefetch("components", queryset=Component.objects.order_by("order")),
            Prefetch("fees", queryset=Fee.objects.order_by("order")),
        )
        .get(pk=version.pk)
    )
    issued_at: datetime = extra.get("at") or timezone.now()
    if point is not None:
        point = ReceivingPoint.objects.select_related(
            "operator__parent", "commune__province", "one_stop_unit__parent"
        ).get(pk=point.pk)
        # Guidance is given in the one-stop unit's name, the clerk signing as the one who guided.
        header = unit_header(draft_issuer(point, lead_agency=None), place=_place(point), issued_at=issued_at)
    else:
        header = {"issuer": version.competent_authority, "issuer_sub": "", "place_date": vn_long_date(issued_at)}
    components = [
        {
            "name": c.name,
            "form": FORM_VI.get(c.form, c.form),
            "count": c.quantity,
            "required": _required_vi(c),
            "template": c.form_template,
        }
        for c in version.components.all()
    ]
    fees = [
        {
            "kind": FEE_KIND_VI.get(f.kind, f.kind),
            "description": f.description,
            "amount": f.amount,
            "exemptions": f.exemptions,
            "condition": _fee_condition_vi(f),
        }
        for f in version.fees.all()
    ]
    # What is paid: one total per alternative, never their sum, optional lines aside (docs/domain.md).
    fee_totals = fee_choices(version.fees.all()).possible_totals()
    submission = ["Trực tiếp tại Bộ phận tiếp nhận và trả kết quả hoặc điểm phục vụ bưu chính được giao tiếp nhận"]
    if version.postal_pickup:
        submission.append("Qua dịch vụ bưu chính công ích (gửi hồ sơ hoặc đề nghị nhận hồ sơ tại nhà)")
    if version.online_submission != OnlineSubmission.NONE:
        submission.append("Trực tuyến trên Cổng Dịch vụ công quốc gia")
    returns = ["Tại nơi tiếp nhận hồ sơ (mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)"]
    if version.postal_return:
        returns.append("Qua dịch vụ bưu chính công ích đến địa chỉ của người nộp (người nộp trả cước)")
    return {
        **header,
        "number": "",
        "procedure": _procedure_name(version),
        "national_code": version.procedure.national_code,
        "field": version.procedure.field.name,
        "competent_authority": version.competent_authority,
        "components": components,
        "fees": fees,
        "fee_totals": fee_totals if any(fee_totals) else [],
        "fee_optional": any(f.optional for f in version.fees.all()),
        "time_limit": vn_time_limit(version),
        "result": version.result_kind,
        "submission": submission,
        "returns": returns,
        "postal_return": version.postal_return,
        "requirements": _lines(version.applicant_requirements),
        "official": extra.get("official", ""),
        "official_phone": extra.get("official_phone") or (point.phone if point is not None else ""),
    }


def handover_list(*, handover: HandOver, **extra: Any) -> dict[str, Any]:
    """The hand-over list (biên bản bàn giao): the dossiers a receiving point hands to an agency in one batch."""
    handover = HandOver.objects.select_related(
        "receiving_point__operator", "receiving_point__commune__province", "agency", "handed_by"
    ).get(pk=handover.pk)
    dossiers = (
        handover.dossiers.select_related("procedure_version__procedure")
        .prefetch_related("components")
        .order_by("received_at", "pk")
    )
    rows = [
        {
            "no": n,
            "code": d.code,
            "procedure": _procedure_name(d.procedure_version),
            "applicant": d.applicant_name,
            "received_at": vn_datetime(d.received_at),
            "appointment_at": vn_datetime(d.appointment_at),
            "papers": sum(c.count for c in d.components.all()),
        }
        for n, d in enumerate(dossiers, start=1)
    ]
    point = handover.receiving_point
    return {
        **_header(point, issued_at=handover.handed_at),
        "number": handover.number,
        "point": point.name,
        "giver": str(handover.handed_by),
        "agency": handover.agency.name,
        "handed_at": vn_datetime(handover.handed_at),
        "rows": rows,
        "total": len(rows),
        "papers": sum(r["papers"] for r in rows),
        "note": handover.note,
    }


def supplement_received(*, dossier: Dossier, **extra: Any) -> dict[str, Any]:
    """The acknowledgement of a supplement handed in (Giấy xác nhận đã nhận hồ sơ bổ sung): the papers received
    against the request they answer, and the appointment as it now stands. Issued like slip 01, by the unit that
    received the dossier, the clerk who recorded it signing as receiver (docs/domain.md, "The counter and the
    public lookup")."""
    dossier = _load(dossier)
    received = _latest(dossier, Action.RECEIVE_SUPPLEMENT)
    asked = _latest(dossier, Action.REQUEST_SUPPLEMENT)
    papers = DossierComponent.objects.filter(dossier=dossier, supplement_seq=received.seq).order_by("id")
    return {
        **_common(dossier, issued_at=received.at),
        "components": [{"name": p.name, "form": FORM_VI.get(p.form, p.form), "count": p.count} for p in papers],
        "items": [str(item) for item in asked.payload.get("items", [])],
        "requested_at": vn_datetime(asked.at),
        "supplemented_at": vn_datetime(received.at),
        "note": received.note,
        "receiver": str(received.actor) if received.actor else "",
    }
