"""The counter's own papers, printed like the slips: the guidance slip of a procedure and the hand-over list
of a batch of dossiers handed to an agency."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from motcua.agencies.models import ReceivingPoint
from motcua.procedures.models import Component, Fee, OnlineSubmission, ProcedureVersion

from ..models import HandOver
from .context import _header, _lines, _procedure_name
from .formats import FEE_KIND_VI, FORM_VI, vn_datetime, vn_long_date, vn_time_limit


def _required_vi(component: Component) -> str:
    return "Bắt buộc" if component.mandatory else f"Nếu có: {component.condition}"


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
        point = ReceivingPoint.objects.select_related("operator", "commune__province").get(pk=point.pk)
        header = _header(point, issued_at=issued_at)
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
        }
        for f in version.fees.all()
    ]
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
