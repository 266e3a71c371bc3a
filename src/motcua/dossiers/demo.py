"""Demo dossiers at the Thành Sen post office (Hà Tĩnh), in every common state, made through the services.

Needs the demo catalogue, agencies and users. Idempotent: nothing is added once the point has dossiers.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.agencies.models import Agency, ReceivingPoint
from motcua.procedures.fees import fee_choices, fee_quote
from motcua.procedures.models import Procedure, ProcedureVersion

from .lifecycle import Channel
from .models import ApplicantKind, Dossier, ReturnMethod
from .services import transitions as t
from .services.receive import Applicant, ReceivedComponent, Reception, dossier_receive

POINT, LEAD = "VNP.42.18073", "H30.X01"
# (procedure code, applicant, ID number, days ago received, what happened since)
DEMO_DOSSIERS = (
    ("1.001193", "Nguyễn Thị Hạnh", "042195001111", 0, ""),
    ("2.000815", "Trần Văn Bình", "042088002222", 0, "transfer"),
    ("1.004873", "Lê Thị Thu", "042199003333", 1, "transfer"),
    ("1.000689", "Phạm Minh Đức", "042090004444", 2, "transfer step"),
    ("2.000575", "Hoàng Văn Sơn", "042085005555", 3, "transfer supplement"),
    ("1.004859", "Võ Thị Lan", "042092006666", 4, "transfer step approve"),
    ("1.000894", "Đặng Quốc Huy", "042096007777", 5, "transfer step approve send"),
    ("1.001022", "Bùi Thị Nga", "042070008888", 6, "transfer step approve send return"),
    ("2.000629", "Đỗ Văn Tùng", "042081009999", 14, "transfer"),
    ("1.004837", "Ngô Thị Mai", "042093001010", 12, "transfer step"),
    ("2.000720", "Lý Văn Phúc", "042087001212", 2, "refuse"),
    ("1.001731", "Trương Thị Hoa", "042060001313", 3, "transfer withdraw"),
)
# Extract copies asked for at reception (an optional per-copy fee line), by procedure code.
DEMO_COPIES = {"1.001193": 2}


def _fee_lines(version: ProcedureVersion, index: int) -> dict[int, int]:
    """The fee lines the demo applicant's case calls for: one alternative of each group, copies when asked."""
    choices = fee_choices(version.fees.all())
    lines = {group[index % len(group)].pk: 1 for group in choices.groups}
    copies = DEMO_COPIES.get(version.procedure.national_code, 0)
    lines.update({fee.pk: copies for fee in choices.optional if fee.per_unit and copies})
    return lines


@transaction.atomic
def dossiers_load_demo() -> dict[str, int]:
    point = ReceivingPoint.objects.get(code=POINT)
    if Dossier.objects.filter(receiving_point=point).exists():
        return {"dossiers": Dossier.objects.count()}
    lead = Agency.objects.get(code=LEAD)
    clerk, specialist, leader = (User.objects.get(username=u) for u in ("clerk", "specialist", "leader"))
    now = timezone.now()
    morning = timezone.localtime(now).replace(hour=7, minute=30, second=0, microsecond=0)
    for index, (code, name, id_number, days_ago, story) in enumerate(DEMO_DOSSIERS):
        version = Procedure.objects.get(national_code=code).current_version
        if version is None:
            raise ValueError(f"demo procedure {code} has no published version")
        components = [
            ReceivedComponent(name=c.name, form=c.form, count=c.quantity, component_id=c.pk)
            for c in version.components.filter(mandatory=True)
        ]
        reception = Reception(
            procedure_version=version,
            receiving_point=point,
            lead_agency=lead,
            channel=Channel.POSTAL if days_ago % 3 == 1 else Channel.COUNTER,
            applicant=Applicant(
                kind=ApplicantKind.CITIZEN,
                name=name,
                id_number=id_number,
                address="Phường Thành Sen, Hà Tĩnh",
                phone="09" + id_number[-8:],
                commune_code="18073",
            ),
            components=components,
            return_method=ReturnMethod.COUNTER,
            fee_lines=_fee_lines(version, index),
            fees_paid=fee_quote(fees=version.fees.all(), chosen=_fee_lines(version, index)).total,
        )
        # Past receptions during office hours; today's just now, whatever the hour of the demo.
        received_at = (
            morning - dt.timedelta(days=days_ago) + dt.timedelta(minutes=25 * index)
            if days_ago
            else now - dt.timedelta(minutes=30 - index)
        )
        dossier = dossier_receive(reception=reception, actor=clerk, received_at=received_at)
        for step in story.split():
            dossier = _act(step, dossier=dossier, clerk=clerk, specialist=specialist, leader=leader)
    return {"dossiers": Dossier.objects.count()}


def _act(step: str, *, dossier: Dossier, clerk: User, specialist: User, leader: User) -> Dossier:
    if step == "transfer":
        return t.dossier_transfer(dossier=dossier, actor=clerk)
    if step == "step":
        return t.dossier_step_complete(dossier=dossier, actor=specialist, note="Hồ sơ hợp lệ")
    if step == "supplement":
        return t.dossier_request_supplement(
            dossier=dossier,
            actor=specialist,
            items=["Bản sao hợp đồng thuê địa điểm kinh doanh"],
            reason="Thiếu giấy tờ",
        )
    if step == "approve":
        return t.dossier_approve(dossier=dossier, actor=leader)
    if step == "send":
        return t.dossier_send_result(dossier=dossier, actor=specialist, by_post=dossier.return_method == "post")
    if step == "return":
        return t.dossier_return_result(
            dossier=dossier,
            actor=clerk,
            collector_name=dossier.applicant_name,
            collector_id_number=dossier.applicant_id_number,
            identity_checked=True,
        )
    if step == "refuse":
        return t.dossier_refuse(dossier=dossier, actor=clerk, reasons="Không thuộc thẩm quyền giải quyết của xã")
    if step == "withdraw":
        return t.dossier_withdraw(dossier=dossier, actor=clerk, reason="Người dân có đơn xin rút hồ sơ")
    raise ValueError(step)
