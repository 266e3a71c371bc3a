"""Fixtures of the API tests: a small public catalogue, and staff with a scope."""

from __future__ import annotations

import pytest

from motcua.agencies.models import Agency, AgencyKind, AgencyLevel, ReceivingPoint, ReceivingPointKind, Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.localities.models import Commune, DivisionType, Province
from motcua.procedures.models import Fee, FeeKind
from motcua.procedures.services import procedure_version_publish
from tests.factories import FieldFactory, ProcedureVersionFactory, UserFactory


def _published(code: str, name: str, field, **kwargs):
    return ProcedureVersionFactory(
        procedure__national_code=code, procedure__name=name, procedure__field=field, published=True, **kwargs
    )


@pytest.fixture
def catalogue(db):
    """Three published procedures in two fields, a draft that must never show; the land one has two fees."""
    civil_status = FieldFactory(code="HT", name="Hộ tịch")
    land = FieldFactory(code="DD", name="Đất đai")
    birth = _published("1.001193", "Đăng ký khai sinh", civil_status)
    _published("1.001022", "Đăng ký khai tử", civil_status)
    land_title = ProcedureVersionFactory(
        procedure__national_code="1.012755",
        procedure__name="Cấp Giấy chứng nhận quyền sử dụng đất",
        procedure__field=land,
        levels=["province", "commune"],
    )
    Fee.objects.create(version=land_title, order=2, kind=FeeKind.FEE, description="Phí thẩm định", amount=500000)
    procedure_version_publish(version=land_title)
    ProcedureVersionFactory(procedure__national_code="1.000001", procedure__name="Đăng ký nháp")
    return {"birth": birth}


@pytest.fixture
def scope(db):
    """A province with a postal unit operating two post offices, and a provincial agency with a sub-unit."""
    province = Province.objects.create(code="42", name="Hà Tĩnh", division_type=DivisionType.PROVINCE, codename="ht")
    commune = Commune.objects.create(
        code="18073", name="Phường Thành Sen", division_type=DivisionType.WARD, codename="ts", province=province
    )
    post = Agency.objects.create(
        code="VNP.42", name="Bưu điện tỉnh", kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL, province=province
    )
    justice = Agency.objects.create(
        code="H42.10", name="Sở Tư pháp", kind=AgencyKind.COMPETENT, level=AgencyLevel.PROVINCE, province=province
    )
    Agency.objects.create(
        code="H42.10.01",
        name="Phòng Hộ tịch",
        kind=AgencyKind.COMPETENT,
        level=AgencyLevel.PROVINCE,
        province=province,
        parent=justice,
    )
    points = {
        code: ReceivingPoint.objects.create(
            code=code, name=f"Bưu cục {code}", kind=ReceivingPointKind.POST_OFFICE, operator=post, commune=commune
        )
        for code in ("BC-A", "BC-B")
    }
    return {"points": points, "justice": justice}


@pytest.fixture
def clerk(scope):
    """A postal clerk of post office A only."""
    user = UserFactory(username="lan", full_name="Nguyễn Thị Lan")
    Assignment.objects.create(user=user, role=Role.POSTAL_CLERK, receiving_point=scope["points"]["BC-A"])
    return user


@pytest.fixture
def specialist(scope):
    user = UserFactory(username="minh", full_name="Trần Văn Minh")
    Assignment.objects.create(user=user, role=Role.AGENCY_SPECIALIST, agency=scope["justice"])
    return user
