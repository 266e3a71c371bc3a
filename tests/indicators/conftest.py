"""The dossier world and a small month of dossiers."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from time_machine import travel

from motcua.agencies.models import ReceivingPoint, ReceivingPointKind
from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import Dossier
from motcua.localities.models import Commune, DivisionType, Province
from tests.dossiers.conftest import World, at, world  # noqa: F401 - the shared fixture
from tests.dossiers.transitions_support import perform

from .support import (
    ONLINE,
    RECEIVED,
    approved,
    complain,
    digitize,
    electronic_result,
    pay_online,
    rate,
    received,
    sync,
)


@dataclass
class Month:
    """May 2026 at the world's office: six dossiers (A–F), whose facts docs/indicators.md walks through."""

    world: World
    a: Dossier  # counter, on time; digitized and reused, synced, paid online, electronic result, rated satisfied
    b: Dossier  # online, late; digitized, synced, a complaint
    c: Dossier  # online, still in process; synced
    d: Dossier  # counter, on time; rated dissatisfied
    e: Dossier  # refused at reception: received, never measured
    f: Dossier  # counter, on time


@pytest.fixture
def month(world) -> Month:  # noqa: F811 - the imported fixture
    a = approved(world, received(world), when="06/05/2026 10:00")
    digitize(a, reused=True)
    sync(a)
    pay_online(a)
    electronic_result(a)
    rate(a, "satisfied")
    b = approved(world, received(world, **ONLINE), when="15/05/2026 10:00")
    digitize(b)
    sync(b)
    complain(b, world.province)
    c = received(world, **ONLINE)
    sync(c)
    d = approved(world, received(world), when="07/05/2026 10:00")
    rate(d, "dissatisfied")
    with travel(at(RECEIVED), tick=False):
        e = perform(world, world.receive(received_at=at(RECEIVED)), Action.REFUSE)
    f = approved(world, received(world), when="08/05/2026 10:00")
    return Month(world, a, b, c, d, e, f)


@pytest.fixture
def second_province(world):  # noqa: F811 - the imported fixture
    """Nghệ An, with a post office of its own (dossiers are moved there by the tests)."""
    province = Province.objects.create(code="40", name="Nghệ An", division_type=DivisionType.PROVINCE, codename="na")
    commune = Commune.objects.create(
        code="16681", name="Phường Vinh", division_type=DivisionType.WARD, codename="vinh", province=province
    )
    return ReceivingPoint.objects.create(
        code="VNP.40.1", name="Bưu cục Vinh", kind=ReceivingPointKind.POST_OFFICE, operator=world.post,
        commune=commune, address="1",
    )  # fmt: skip
