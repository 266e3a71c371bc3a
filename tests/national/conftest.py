"""The dossier world of the dossier tests, and the simulated national portal on a free port in a thread."""

from __future__ import annotations

import pytest

from motcua.agencies.models import Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.national.simulator import PortalSimulator
from tests.dossiers.conftest import world  # noqa: F401 - the shared fixture
from tests.factories import UserFactory


@pytest.fixture
def portal(tmp_path, settings):
    """A simulated portal with its own store in ``tmp_path``; the exchange talks to it over HTTP."""
    simulator = PortalSimulator(store=tmp_path / "portal.json", seed=7)
    port = simulator.start()
    settings.NATIONAL_PORTAL_ADAPTER = "simulated"
    settings.NATIONAL_PORTAL_URL = f"http://127.0.0.1:{port}"
    settings.NATIONAL_PORTAL_TOKEN = ""
    yield simulator
    simulator.stop()


@pytest.fixture
def administrator(db):
    user = UserFactory(username="quantri")
    Assignment.objects.create(user=user, role=Role.ADMINISTRATOR)
    return user


@pytest.fixture
def supervisor(world):  # noqa: F811 - the imported fixture
    user = UserFactory(username="giamsat")
    Assignment.objects.create(user=user, role=Role.POSTAL_SUPERVISOR, receiving_point=world.other_office)
    return user
