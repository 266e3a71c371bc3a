"""A small world for dossier tests: one province, a post office serving a commune committee, a second
agency for inter-agency steps, staff in every role, and a published procedure with sequential,
inter-agency and parallel steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from motcua.agencies.models import Agency, AgencyKind, AgencyLevel, ReceivingPoint, ReceivingPointKind, Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.dossiers.lifecycle import Channel
from motcua.dossiers.models import ApplicantKind
from motcua.dossiers.services.receive import Applicant, ReceivedComponent, Reception, dossier_receive
from motcua.localities.models import Commune, DivisionType, Province
from motcua.procedures.models import Component, ComponentForm, Fee, FeeKind, ProcessStep, TimeLimitUnit
from motcua.procedures.services import procedure_version_publish
from tests.factories import ProcedureVersionFactory, UserFactory

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(text: str) -> dt.datetime:
    """'25/11/2026 09:00' as an aware local instant."""
    return dt.datetime.strptime(text, "%d/%m/%Y %H:%M").replace(tzinfo=HCM)


@dataclass
class World:
    province: Province
    commune: Commune
    committee: Agency
    police: Agency
    post: Agency
    office: ReceivingPoint
    other_office: ReceivingPoint
    version: object
    clerk: object
    other_clerk: object
    specialist: object
    leader: object
    police_specialist: object
    outsider: object
    postman: object
    onestop: object

    def reception(self, **overrides) -> Reception:
        components = [
            ReceivedComponent(name=c.name, form=c.form, count=c.quantity, component_id=c.pk)
            for c in self.version.components.filter(mandatory=True)
        ]
        fields = {
            "procedure_version": self.version,
            "receiving_point": self.office,
            "lead_agency": self.committee,
            "channel": Channel.COUNTER,
            "applicant": Applicant(
                kind=ApplicantKind.CITIZEN,
                name="Nguyễn Văn An",
                id_number="042098001234",
                address="12 Trần Phú, Phường Thành Sen",
                phone="0912345678",
            ),
            "components": components,
        }
        fields.update(overrides)
        return Reception(**fields)

    def receive(self, *, received_at: dt.datetime | None = None, **overrides):
        return dossier_receive(reception=self.reception(**overrides), actor=self.clerk, received_at=received_at)


def _assign(role: Role, **scope):
    user = UserFactory()
    Assignment.objects.create(user=user, role=role, **scope)
    return user


@pytest.fixture
def world(db) -> World:
    province = Province.objects.create(code="42", name="Hà Tĩnh", division_type=DivisionType.PROVINCE, codename="ht")
    commune = Commune.objects.create(
        code="18073", name="Phường Thành Sen", division_type=DivisionType.WARD, codename="ts", province=province
    )
    base = {"level": AgencyLevel.PROVINCE, "province": province}
    committee = Agency.objects.create(
        code="H30.X01", name="UBND Phường Thành Sen", kind=AgencyKind.PEOPLES_COMMITTEE, **base
    )
    police = Agency.objects.create(code="H30.CA", name="Công an tỉnh", kind=AgencyKind.COMPETENT, **base)
    outsider_agency = Agency.objects.create(code="H30.SXD", name="Sở Xây dựng", kind=AgencyKind.COMPETENT, **base)
    post = Agency.objects.create(code="VNP.42", name="Bưu điện tỉnh", kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL)
    point = {"kind": ReceivingPointKind.POST_OFFICE, "operator": post, "commune": commune, "address": "1"}
    office = ReceivingPoint.objects.create(code="VNP.42.1", name="Bưu cục Thành Sen", **point)
    other_office = ReceivingPoint.objects.create(code="VNP.42.2", name="Bưu cục Thạch Hà", **point)
    for p in (office, other_office):
        p.serves.set([committee, police])

    version = ProcedureVersionFactory(
        parts=False, time_limit=Decimal("5"), time_limit_unit=TimeLimitUnit.WORKING_DAYS, postal_return=True
    )
    Component.objects.create(version=version, order=1, name="Tờ khai", form=ComponentForm.ORIGINAL)
    Component.objects.create(
        version=version,
        order=2,
        name="Giấy ủy quyền",
        form=ComponentForm.ORIGINAL,
        mandatory=False,
        condition="Nếu ủy quyền",
    )
    Fee.objects.create(version=version, order=1, kind=FeeKind.CHARGE, description="Lệ phí", amount=50000)
    steps = [
        (1, "Tiếp nhận", "postal_clerk", False, "0.5", None),
        (2, "Thẩm định", "agency_specialist", False, "1.5", None),
        (3, "Xác minh nhân thân", "agency_specialist", True, "1", 1),
        (4, "Lấy ý kiến", "agency_specialist", False, "1", 1),
        (5, "Phê duyệt", "agency_leader", False, "0.5", None),
        (6, "Trả kết quả", "postal_clerk", False, "0.5", None),
    ]
    for order, name, role, other, duration, group in steps:
        ProcessStep.objects.create(
            version=version,
            order=order,
            name=name,
            role=role,
            unit="x",
            at_other_agency=other,
            duration=Decimal(duration),
            parallel_group=group,
        )
    procedure_version_publish(version=version)
    version.refresh_from_db()

    return World(
        province=province,
        commune=commune,
        committee=committee,
        police=police,
        post=post,
        office=office,
        other_office=other_office,
        version=version,
        clerk=_assign(Role.POSTAL_CLERK, receiving_point=office),
        other_clerk=_assign(Role.POSTAL_CLERK, receiving_point=other_office),
        specialist=_assign(Role.AGENCY_SPECIALIST, agency=committee),
        leader=_assign(Role.AGENCY_LEADER, agency=committee),
        police_specialist=_assign(Role.AGENCY_SPECIALIST, agency=police),
        outsider=_assign(Role.AGENCY_SPECIALIST, agency=outsider_agency),
        postman=_assign(Role.POSTMAN, receiving_point=office),
        onestop=_assign(Role.ONE_STOP_SUPERVISOR, agency=committee),
    )
