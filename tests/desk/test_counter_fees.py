"""The counter's reception form charges the fee line the clerk chooses, copies only when asked, and quotes
the postage of a result returned by post; what is quoted is what is recorded."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from motcua.dossiers.models import Dossier
from motcua.postal.tariffs import tariffs_load_demo
from motcua.procedures.models import Fee, FeeKind
from tests.desk.test_counter import reception_data, sign_in

pytestmark = pytest.mark.django_db


def _fees(world, *lines: dict) -> list[Fee]:
    """Give the world's procedure other fee lines (test-only: its version is published, so bypass the guard)."""
    Fee.objects.filter(version=world.version).delete()
    fees = [
        Fee(version=world.version, order=order, kind=values.pop("kind", FeeKind.FEE), **values)
        for order, values in enumerate(lines, start=1)
    ]
    return Fee.objects.bulk_create(fees)


@pytest.fixture
def food_safety(world):
    from motcua.dossiers.services import receive

    receive._version_parts.cache_clear()
    yield _fees(
        world,
        {"description": "Cơ sở nhỏ lẻ", "amount": 500_000, "group": 1},
        {"description": "Cơ sở khác", "amount": 2_500_000, "group": 1},
    )
    receive._version_parts.cache_clear()


@pytest.fixture
def birth(world):
    from motcua.dossiers.services import receive

    receive._version_parts.cache_clear()
    yield _fees(
        world,
        {"kind": FeeKind.CHARGE, "description": "Lệ phí khai sinh", "amount": 0, "exemptions": "Miễn"},
        {"description": "Bản sao trích lục", "amount": 8_000, "optional": True, "per_unit": "bản"},
    )
    receive._version_parts.cache_clear()


def url(world) -> str:
    return reverse("desk:counter_receive", args=[world.version.procedure.national_code])


def test_the_form_offers_the_alternatives_and_refuses_a_reception_that_chooses_none(client, world, food_safety):
    sign_in(client, world.clerk)
    page = client.get(url(world)).content.decode()
    radios = re.findall(r'<input type="radio" name="fee_group_1"[^>]*>', page)
    assert len(radios) == 2 and not any("checked" in radio for radio in radios)  # nothing chosen for the clerk
    assert "2.500.000 ₫" in page and "3.000.000" not in page  # never the sum

    response = client.post(url(world), reception_data(world, fees_paid=None))
    assert response.status_code == 200 and not Dossier.objects.exists()
    assert 'id="id_fee_group_1_error"' in response.content.decode()


def test_the_alternative_chosen_is_charged_and_shown_on_the_receipt(client, world, food_safety):
    sign_in(client, world.clerk)
    other = food_safety[1]
    response = client.post(url(world), reception_data(world, fees_paid=None, fee_group_1=str(other.pk)))
    dossier = Dossier.objects.get()
    assert (dossier.fees_charged, dossier.fees_paid) == (2_500_000, 2_500_000)  # empty: paid in full
    assert list(dossier.fees.values_list("description", flat=True)) == ["Cơ sở khác"]
    receipt = client.get(response["Location"]).content.decode()
    assert "Cơ sở khác: 2.500.000 ₫" in receipt


def test_a_free_procedure_charges_nothing_unless_copies_are_asked(client, world, birth):
    sign_in(client, world.clerk)
    copies = f"fee_units_{birth[1].pk}"
    page = client.get(url(world)).content.decode()
    assert re.search(rf'name="{copies}" value="0"', page)  # nothing optional by default
    assert 'data-fees-total="0"' in page

    client.post(url(world), reception_data(world, fees_paid=None, **{copies: "0"}))
    client.post(url(world), reception_data(world, fees_paid=None, **{copies: "2"}))
    assert list(Dossier.objects.order_by("received_at").values_list("fees_charged", flat=True)) == [0, 16_000]


def test_paying_more_than_the_line_chosen_is_refused_beside_the_field(client, world, food_safety):
    sign_in(client, world.clerk)
    data = reception_data(world, fees_paid="2500000", fee_group_1=str(food_safety[0].pk))
    page = client.post(url(world), data).content.decode()
    assert 'id="id_fees_paid_error"' in page and "500.000 ₫" in page
    assert not Dossier.objects.exists()


def test_the_live_quote_follows_the_choice_and_quotes_the_postage_by_post(client, world, food_safety):
    tariffs_load_demo()
    sign_in(client, world.clerk)
    quote = reverse("desk:counter_quote", args=[world.version.procedure.national_code])
    none = client.get(quote, {"receiving_point": world.office.pk}).content.decode()
    assert "data-fees-total" not in none
    small = client.get(quote, {"receiving_point": world.office.pk, "fee_group_1": food_safety[0].pk}).content.decode()
    assert 'data-fees-total="500000"' in small and "500.000 ₫" in small
    by_post = client.get(
        quote, {"receiving_point": world.office.pk, "fee_group_1": food_safety[0].pk, "return_method": "post"}
    ).content.decode()
    assert 'data-postage="16000"' in by_post and "16.000 ₫" in by_post


def test_the_postage_quoted_at_reception_is_recorded_and_charged_on_delivery(client, world):
    from motcua.postal.services.delivery import delivery_create_for
    from motcua.postal.tariffs import return_postage_quote

    tariffs_load_demo()
    sign_in(client, world.clerk)
    data = reception_data(world, return_method="post", return_address="12 Trần Phú")
    client.post(url(world), data)
    dossier = Dossier.objects.get()
    assert dossier.return_postage == return_postage_quote(point=world.office).price == 16_000
    Dossier.objects.filter(pk=dossier.pk).update(return_postage=17_500)  # the tariff changed since: quoted wins
    dossier.refresh_from_db()
    assert delivery_create_for(dossier=dossier).postage == 17_500
