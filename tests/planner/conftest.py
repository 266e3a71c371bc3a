"""Today's map is loaded once for this folder (3,321 communes) and removed again after it, as in
tests/localities; each test runs in its own transaction on top of it."""

from __future__ import annotations

import pytest

from motcua.agencies.models import Role, StaffAssignment
from motcua.localities.models import Commune, LegacyCommune, LegacyDistrict, LegacyProvince, LoadedDataset, Province
from motcua.localities.services import localities_load
from motcua.planner.defaults import default_inputs
from motcua.planner.inputs import ScenarioInputs
from tests.factories import UserFactory

HA_TINH, DONG_THAP = "42", "82"


@pytest.fixture(scope="package")
def loaded_map(django_db_setup, django_db_blocker) -> dict[str, int]:
    with django_db_blocker.unblock():
        counts = localities_load()
    yield counts
    with django_db_blocker.unblock():
        for model in (LegacyCommune, LegacyDistrict, LegacyProvince, Commune, Province, LoadedDataset):
            model.objects.all().delete()


@pytest.fixture
def country_map(loaded_map, db) -> dict[str, int]:
    return localities_load()


@pytest.fixture
def inputs(country_map) -> ScenarioInputs:
    return default_inputs()


def _planner(username: str, province: str | None):
    user = UserFactory(username=username)
    StaffAssignment.objects.create(user=user, role=Role.PLANNER, province_id=province)
    return user


@pytest.fixture
def planner_ha_tinh(country_map):
    return _planner("planner-ht", HA_TINH)


@pytest.fixture
def planner_dong_thap(country_map):
    return _planner("planner-dt", DONG_THAP)


@pytest.fixture
def planner_country(country_map):
    return _planner("planner-vn", None)


@pytest.fixture
def trainer(country_map):
    user = UserFactory(username="trainer")
    StaffAssignment.objects.create(user=user, role=Role.TRAINER)
    return user
