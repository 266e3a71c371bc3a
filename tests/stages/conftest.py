"""The dossier tests' small world (a post office, a commune committee, staff in every role, a published
procedure), shared so that the stages are measured on dossiers made through the real services."""
# ruff: noqa: F401 - fixtures imported to be asked for by name

from __future__ import annotations

import pytest

from motcua.agencies.models import Role
from motcua.agencies.models import StaffAssignment as Assignment
from tests.dossiers.conftest import at, world
from tests.factories import UserFactory


@pytest.fixture
def staff(db):
    """A user per role the pages care about: readers, the administrator, and a postal clerk (not a reader)."""
    from motcua.agencies.models import Agency, AgencyKind, AgencyLevel, ReceivingPoint, ReceivingPointKind
    from motcua.localities.models import Commune, DivisionType, Province

    province = Province.objects.create(code="42", name="Hà Tĩnh", division_type=DivisionType.PROVINCE, codename="ht")
    commune = Commune.objects.create(
        code="18073", name="Phường Thành Sen", division_type=DivisionType.WARD, codename="ts", province=province
    )
    post = Agency.objects.create(code="VNP.42", name="Bưu điện tỉnh", kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL)
    point = ReceivingPoint.objects.create(
        code="VNP.42.1", name="Bưu cục Thành Sen", kind=ReceivingPointKind.POST_OFFICE, operator=post, commune=commune
    )
    users = {}
    for role, scope in (
        (Role.PLANNER, {"province": province}),
        (Role.TRAINER, {}),
        (Role.ADMINISTRATOR, {}),
        (Role.POSTAL_SUPERVISOR, {"receiving_point": point}),
        (Role.POSTAL_CLERK, {"receiving_point": point}),
    ):
        user = UserFactory()
        Assignment.objects.create(user=user, role=role, **scope)
        users[role.value] = user
    return users
