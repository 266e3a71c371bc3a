"""The home pickup's state table (``PICKUP_STEPS``): every step from every state, through the real services."""

# ruff: noqa: F811 - the shared fixtures are imported, then asked for by name
from __future__ import annotations

import pytest

from motcua.core.errors import ApplicationError
from motcua.postal.models import PICKUP_STEPS, OrderStatus, PickupStep, PostalOrder
from motcua.postal.services.pickup import pickup_assign, pickup_collect, pickup_hand_over, pickup_slip_given
from tests.dossiers.conftest import at, world  # noqa: F401 - the shared fixture
from tests.postal.signing import SEAL, both_signed
from tests.postal.test_pickup import CHECKED, book, clock, collected, papers, tariffs  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tariffs", "clock")]

PICKUP_STATES = (OrderStatus.BOOKED, OrderStatus.ASSIGNED, OrderStatus.COLLECTED, OrderStatus.HANDED_OVER)


def _order_in(world, status: OrderStatus) -> PostalOrder:
    if status == OrderStatus.BOOKED:
        return book(world)
    if status == OrderStatus.ASSIGNED:
        return pickup_assign(order=book(world), postman=world.postman, actor=world.clerk)
    order = collected(world)
    if status == OrderStatus.HANDED_OVER:
        pickup_hand_over(order=order, actor=world.clerk, **CHECKED, at=at("25/11/2026 16:10"))
        order.refresh_from_db()
    return order


def _take(world, order: PostalOrder, step: PickupStep) -> None:
    if step == PickupStep.ASSIGN:
        pickup_assign(order=order, postman=world.postman, actor=world.clerk)
    elif step == PickupStep.COLLECT:
        pickup_collect(
            order=order,
            postman=world.postman,
            components=papers(world),
            fees_paid=50000,
            postage_paid=order.postage,
            seal_number=SEAL,
            signatures=both_signed(),
            at=at("25/11/2026 14:30"),
        )
    elif step == PickupStep.HAND_OVER:
        pickup_hand_over(order=order, actor=world.clerk, **CHECKED, at=at("25/11/2026 16:10"))
    else:
        pickup_slip_given(order=order, postman=world.postman, at=at("26/11/2026 09:00"))


def test_the_table_names_only_pickup_states():
    assert set(PICKUP_STEPS) == set(PickupStep)
    for sources, target in PICKUP_STEPS.values():
        assert sources <= set(PICKUP_STATES) and target in PICKUP_STATES


# A second hand-over of an order already handed over answers its dossier (idempotent), outside the table.
PAIRS = [
    (status, step)
    for status in PICKUP_STATES
    for step in PickupStep
    if (status, step) != (OrderStatus.HANDED_OVER, PickupStep.HAND_OVER)
]


@pytest.mark.parametrize(("status", "step"), PAIRS, ids=lambda v: str(v))
def test_every_step_from_every_state_follows_the_table(world, status, step):
    order = _order_in(world, status)
    sources, target = PICKUP_STEPS[step]
    if status in sources:
        _take(world, order, step)
        order.refresh_from_db()
        assert order.status == target
    else:
        with pytest.raises(ApplicationError) as refused:
            _take(world, order, step)
        assert refused.value.code in ("postal_order_wrong_status", "postal_slip_not_ready")
        order.refresh_from_db()
        assert order.status == status
