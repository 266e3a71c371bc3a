"""Fixtures for the public pages: a small catalogue and staff with roles."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from motcua.agencies.models import Agency, AgencyKind, AgencyLevel, ReceivingPoint, ReceivingPointKind
from motcua.localities.models import Commune, DivisionType, Province
from motcua.procedures.models import Component, ComponentForm, TimeLimitUnit
from motcua.procedures.services import procedure_version_publish
from tests.factories import FieldFactory, ProcedureFactory, ProcedureVersionFactory, published_procedure


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """Each test starts in the site's default language, whatever an earlier test activated."""
    translation.activate("vi")
    yield
    translation.deactivate()


@pytest.fixture
def birth_registration(db):
    """Đăng ký khai sinh (1.001193): civil status, commune level, 3 working days, an 8,000 VND charge."""
    field = FieldFactory(code="HT", name="Hộ tịch")
    return published_procedure(
        procedure=ProcedureFactory(national_code="1.001193", name="Đăng ký khai sinh", field=field)
    )


@pytest.fixture
def business_licence(db):
    """A province-level procedure in another field, limit in calendar days, without fee rows."""
    field = FieldFactory(code="DKKD", name="Thành lập và hoạt động doanh nghiệp")
    version = ProcedureVersionFactory(
        procedure=ProcedureFactory(national_code="2.001610", name="Đăng ký thành lập doanh nghiệp", field=field),
        levels=["province"],
        competent_authority="Sở Tài chính",
        time_limit=Decimal("15"),
        time_limit_unit=TimeLimitUnit.CALENDAR_DAYS,
        result_kind="Giấy chứng nhận đăng ký doanh nghiệp",
        parts=False,
    )
    Component.objects.create(
        version=version, order=1, name="Giấy đề nghị đăng ký doanh nghiệp", form=ComponentForm.ORIGINAL
    )
    return procedure_version_publish(version=version)


@pytest.fixture
def province(db) -> Province:
    return Province.objects.create(code="42", name="Hà Tĩnh", division_type=DivisionType.PROVINCE, codename="ha_tinh")


@pytest.fixture
def commune(province) -> Commune:
    return Commune.objects.create(
        code="18073", name="Phường Thành Sen", division_type=DivisionType.WARD, codename="thanh_sen", province=province
    )


@pytest.fixture
def post_office(commune) -> ReceivingPoint:
    operator = Agency.objects.create(
        code="VNPOST.42", name="Bưu điện tỉnh Hà Tĩnh", kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL
    )
    return ReceivingPoint.objects.create(
        code="BD-THANHSEN",
        name="Bưu điện Thành Sen",
        kind=ReceivingPointKind.POST_OFFICE,
        operator=operator,
        commune=commune,
        address="1 Trần Phú",
    )


@pytest.fixture
def justice_office(commune, province) -> Agency:
    return Agency.objects.create(
        code="H42.18073",
        name="Ủy ban nhân dân phường Thành Sen",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        level=AgencyLevel.COMMUNE,
        province=province,
        commune=commune,
    )
