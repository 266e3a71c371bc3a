"""The dossier tests' small world, with an applicant who has a phone and an e-mail address."""

from __future__ import annotations

import pytest

from motcua.dossiers.models import ApplicantKind
from motcua.dossiers.outbox import outbox_dispatch
from motcua.dossiers.services.receive import Applicant
from motcua.notifications.services import notifications_send_due
from tests.dossiers.conftest import World, world  # noqa: F401 - the fixture is shared

APPLICANT = Applicant(
    kind=ApplicantKind.CITIZEN,
    name="Nguyễn Văn An",
    id_number="042098001234",
    address="12 Trần Phú, Phường Thành Sen",
    phone="+84 912 345 678",
    email="An.Nguyen@Example.VN",
)


@pytest.fixture
def deliver():
    """Hand the outbox to its handlers, then send what is due; returns the send counts."""

    def run() -> dict[str, int]:
        outbox_dispatch()
        return notifications_send_due()

    return run


@pytest.fixture
def received(world: World):  # noqa: F811 - the shared fixture
    return world.receive(applicant=APPLICANT)
