"""Alternatives and optional fee lines on the public pages: the procedure page quotes one fee or the other,
never their sum, and the pickup booking charges the line the citizen chooses."""

# ruff: noqa: F811 - the shared `world` fixture is imported, then asked for by name
from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.dossiers.slips.papers import guidance
from motcua.postal.models import PostalOrder
from motcua.procedures.models import Fee, FeeKind
from tests.dossiers.conftest import world  # noqa: F401 - the shared fixture
from tests.portal.test_pickup_booking import _setup, typed, url  # noqa: F401 - the booking's clock and tariffs

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def food_safety(world):
    """The world's procedure gets 1.002425's two alternatives (test-only: bypass the published guard)."""
    from motcua.dossiers.services import receive

    Fee.objects.filter(version=world.version).delete()
    fees = Fee.objects.bulk_create(
        [
            Fee(version=world.version, order=1, kind=FeeKind.FEE, description="Cơ sở nhỏ lẻ", amount=500_000, group=1),
            Fee(version=world.version, order=2, kind=FeeKind.FEE, description="Cơ sở khác", amount=2_500_000, group=1),
        ]
    )
    receive._version_parts.cache_clear()
    yield fees
    receive._version_parts.cache_clear()


def test_the_procedure_page_quotes_one_alternative_or_the_other(client, world, food_safety):
    page = client.get(reverse("portal:procedure", args=[world.version.procedure.national_code])).content.decode()
    assert "500.000 ₫ hoặc 2.500.000 ₫" in page
    assert "3.000.000" not in page


def test_the_guidance_slip_says_one_or_the_other(world, food_safety):
    context = guidance(version=world.version)
    assert context["fee_totals"] == [500_000, 2_500_000]
    assert all("một trong các mức" in fee["condition"] for fee in context["fees"])


def test_the_booking_asks_which_fee_applies_and_charges_only_that_one(client, world, food_safety):
    refused = client.post(url(world), typed(world)).content.decode()
    assert 'name="confirm"' not in refused and "fee_group_1" in refused

    client.post(url(world), typed(world, fee_group_1=str(food_safety[1].pk), confirm="1"))
    order = PostalOrder.objects.get()
    assert order.fees_to_collect == 2_500_000
    assert order.fee_lines == {str(food_safety[1].pk): 1}
