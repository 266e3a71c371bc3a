"""Certification tests reuse the dossier tests' small world, with a trainee clerk at the same post office."""

from __future__ import annotations

import pytest

from motcua.agencies.models import Role
from motcua.agencies.models import StaffAssignment as Assignment
from tests.dossiers.conftest import World, at, world  # noqa: F401
from tests.factories import UserFactory


@pytest.fixture
def trainee(world):  # noqa: F811 - the fixture imported above
    user = UserFactory(username="trainee", full_name="Ngô Văn Học")
    Assignment.objects.create(user=user, role=Role.POSTAL_CLERK, receiving_point=world.office)
    return user


@pytest.fixture
def field(world):  # noqa: F811
    return world.version.procedure.field
