"""Collections by postmen and remittances to agencies: recorded once, conflicts refused."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from motcua.core.errors import ApplicationError
from motcua.postal.models import Collection, CollectionKind, OrderKind, OrderStatus, Payer, PostalOrder, Remittance
from motcua.postal.money import collection_record, remittance_record
from tests.dossiers.conftest import at, world  # noqa: F401  (fixture)

_numbers = itertools.count(1)


def order_for(world: Any, *, point: Any = None, postman: Any = None) -> PostalOrder:  # noqa: F811
    """A bare pickup order at ``point`` (the world's post office by default)."""
    return PostalOrder.objects.create(
        kind=OrderKind.PICKUP,
        status=OrderStatus.COLLECTED,
        tracking_number=f"TEST{next(_numbers):08d}",
        receiving_point=point or world.office,
        contact_name="Nguyễn Văn An",
        contact_phone="0912345678",
        address="12 Trần Phú",
        commune=world.commune,
        postman=postman or world.postman,
        postage_payer=Payer.APPLICANT,
    )


def test_a_collection_is_recorded_once_per_order_and_kind(world):  # noqa: F811
    order = order_for(world)
    when = at("25/11/2026 09:00")
    fees = collection_record(
        order=order, kind="fees", amount=50_000, postman=world.postman, agency=world.committee, at=when
    )
    again = collection_record(
        order=order, kind=CollectionKind.FEES, amount=50_000, postman=world.postman, agency=world.committee
    )
    postage = collection_record(order=order, kind=CollectionKind.POSTAGE, amount=33_000, postman=world.postman)
    assert again.pk == fees.pk and again.collected_at == when
    assert postage.pk != fees.pk and postage.agency is None
    assert Collection.objects.filter(order=order).count() == 2


@pytest.mark.parametrize("change", [{"amount": 60_000}, {"agency": "police"}])
def test_recording_a_collection_again_differently_is_a_conflict(world, change):  # noqa: F811
    order = order_for(world)
    collection_record(order=order, kind="fees", amount=50_000, postman=world.postman, agency=world.committee)
    call = {"order": order, "kind": "fees", "amount": 50_000, "postman": world.postman, "agency": world.committee}
    call.update({k: getattr(world, v) if k == "agency" else v for k, v in change.items()})
    with pytest.raises(ApplicationError) as raised:
        collection_record(**call)
    assert raised.value.code == "postal_collection_conflict"
    assert "50000" in raised.value.render("en")
    assert Collection.objects.get(order=order).amount == 50_000


def test_fees_must_name_the_agency_and_postage_must_not(world):  # noqa: F811
    order = order_for(world)
    with pytest.raises(ApplicationError, match="postal_fees_need_agency"):
        collection_record(order=order, kind="fees", amount=1, postman=world.postman)
    with pytest.raises(ApplicationError, match="postal_postage_has_agency"):
        collection_record(order=order, kind="postage", amount=1, postman=world.postman, agency=world.committee)
    assert not Collection.objects.exists()


@pytest.mark.parametrize("amount", [0, -5])
def test_amounts_must_be_positive(world, amount):  # noqa: F811
    with pytest.raises(ApplicationError, match="postal_amount_not_positive"):
        collection_record(order=order_for(world), kind="postage", amount=amount, postman=world.postman)
    with pytest.raises(ApplicationError, match="postal_amount_not_positive"):
        remittance_record(
            point=world.office,
            agency=world.committee,
            day=dt.date(2026, 11, 25),
            amount=amount,
            reference="",
            actor=world.clerk,
        )


def test_a_remittance_with_a_known_reference_is_not_recorded_twice(world):  # noqa: F811
    call = {"point": world.office, "agency": world.committee, "day": dt.date(2026, 11, 25), "actor": world.clerk}
    first = remittance_record(amount=50_000, reference=" UNC-001 ", **call)
    assert first.reference == "UNC-001" and first.created_by == world.clerk
    assert remittance_record(amount=50_000, reference="UNC-001", **call).pk == first.pk
    with pytest.raises(ApplicationError, match="postal_remittance_conflict"):
        remittance_record(amount=40_000, reference="UNC-001", **call)
    # Without a reference (cash handed over), each call is another remittance that adds up.
    remittance_record(amount=10_000, reference="", **call)
    remittance_record(amount=10_000, reference="", **call)
    assert Remittance.objects.count() == 3
