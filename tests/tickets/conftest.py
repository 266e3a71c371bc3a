"""A centre with a queue: two fields, four counters (one per field, two pooled), four services, a kiosk, two
displays, a rating pad, three clerks and a supervisor."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from motcua.agencies.models import Agency, AgencyKind, AgencyLevel, Counter, ReceivingPoint, ReceivingPointKind, Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.localities.models import Commune, DivisionType, Province
from motcua.procedures.models import Field
from motcua.tickets.models import DeviceKind, QueueDevice, QueueService, ServiceKind
from tests.dossiers.conftest import world  # noqa: F401 - the dossier tests' small world, for linking
from tests.factories import FieldFactory, UserFactory


@dataclass
class Centre:
    point: ReceivingPoint
    civil: Field
    land: Field
    counters: dict[int, Counter]
    services: dict[str, QueueService]
    kiosk: QueueDevice
    displays: list[QueueDevice]
    pad: QueueDevice
    clerks: list
    supervisor: object


def centre_build(*, code: str = "TTHCC-TS") -> Centre:
    province, _ = Province.objects.get_or_create(
        code="42", defaults={"name": "Hà Tĩnh", "division_type": DivisionType.PROVINCE, "codename": "ht"}
    )
    commune, _ = Commune.objects.get_or_create(
        code="18073",
        defaults={
            "name": "Phường Thành Sen",
            "division_type": DivisionType.WARD,
            "codename": "ts",
            "province": province,
        },
    )
    post, _ = Agency.objects.get_or_create(
        code="VNP.42",
        defaults={
            "name": "Bưu điện tỉnh",
            "kind": AgencyKind.POSTAL,
            "level": AgencyLevel.POSTAL,
            "province": province,
        },
    )
    point = ReceivingPoint.objects.create(
        code=code,
        name=f"Trung tâm {code}",
        kind=ReceivingPointKind.SERVICE_CENTRE,
        operator=post,
        commune=commune,
        address="1 Trần Phú",
    )
    civil = Field.objects.filter(code="HT").first() or FieldFactory(code="HT", name="Hộ tịch")
    land = Field.objects.filter(code="DD").first() or FieldFactory(code="DD", name="Đất đai")
    counters = {n: Counter.objects.create(receiving_point=point, number=n, name=f"Quầy {n}") for n in (1, 2, 3, 4)}
    counters[1].fields.add(civil)
    counters[2].fields.add(land)
    counters[3].fields.add(civil, land)
    services = {
        "A": QueueService.objects.create(
            point=point,
            kind=ServiceKind.SUBMIT,
            field=civil,
            letter="A",
            name="Nộp hồ sơ hộ tịch",
            order=1,
            service_minutes=8,
        ),
        "B": QueueService.objects.create(
            point=point,
            kind=ServiceKind.SUBMIT,
            field=land,
            letter="B",
            name="Nộp hồ sơ đất đai",
            order=2,
            service_minutes=15,
        ),
        "C": QueueService.objects.create(
            point=point, kind=ServiceKind.COLLECT, letter="C", name="Nhận kết quả", order=3, service_minutes=4
        ),
        "D": QueueService.objects.create(
            point=point,
            kind=ServiceKind.GUIDANCE,
            letter="D",
            name="Hướng dẫn",
            order=4,
            service_minutes=6,
            appointments=False,
        ),
    }
    kiosk = QueueDevice.objects.create(point=point, kind=DeviceKind.KIOSK, name="Kiosk cửa chính")
    displays = [QueueDevice.objects.create(point=point, kind=DeviceKind.DISPLAY, name=f"Màn hình {i}") for i in (1, 2)]
    pad = QueueDevice.objects.create(point=point, kind=DeviceKind.PAD, name="Đánh giá quầy 1", counter=counters[1])
    clerks = []
    for i in range(3):
        user = UserFactory(username=f"{code.lower()}-clerk{i}", full_name=f"Nhân viên {i}")
        Assignment.objects.create(user=user, role=Role.POSTAL_CLERK, receiving_point=point)
        clerks.append(user)
    supervisor = UserFactory(username=f"{code.lower()}-sup", full_name="Giám sát")
    Assignment.objects.create(user=supervisor, role=Role.POSTAL_SUPERVISOR, receiving_point=point)
    return Centre(point, civil, land, counters, services, kiosk, displays, pad, clerks, supervisor)


@pytest.fixture
def centre(db) -> Centre:
    return centre_build()
