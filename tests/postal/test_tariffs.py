"""Postage quotes: the lightest band that holds the parcel, the province's own tariff first, validity."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from motcua.core.errors import ApplicationError
from motcua.localities.models import Commune, DivisionType, Province
from motcua.postal.models import Payer, Service, Tariff, Zone
from motcua.postal.tariffs import postage_quote, tariffs_load_demo, zone_for
from tests.dossiers.conftest import world  # noqa: F401  (fixture)

ON = dt.date(2026, 11, 25)
START = dt.date(2025, 7, 1)


def band(grams: int, price: int, *, service=Service.STANDARD, zone=Zone.IN_PROVINCE, **fields) -> Tariff:
    fields.setdefault("valid_from", START)
    return Tariff.objects.create(service=service, zone=zone, max_weight_grams=grams, price=price, **fields)


@pytest.fixture
def bands(db) -> dict[int, Tariff]:
    return {grams: band(grams, price) for grams, price in ((250, 16_000), (500, 20_000), (1000, 26_000))}


@pytest.mark.parametrize(("weight", "price"), [(0, 16_000), (250, 16_000), (251, 20_000), (999, 26_000)])
def test_the_lightest_band_that_holds_the_parcel_applies(bands, weight, price):
    quote = postage_quote(service=Service.STANDARD, zone=Zone.IN_PROVINCE, weight_grams=weight, on=ON)
    assert quote.price == price
    assert quote.payer == Payer.APPLICANT
    assert quote.tariff.max_weight_grams >= weight


def test_a_parcel_heavier_than_every_band_has_no_tariff(bands):
    with pytest.raises(ApplicationError) as raised:
        postage_quote(service=Service.STANDARD, zone=Zone.IN_PROVINCE, weight_grams=1001, on=ON)
    assert raised.value.code == "postal_no_tariff"
    messages = raised.value.messages()
    assert "1001 g" in messages["en"] and "25/11/2026" in messages["en"]
    assert messages["vi"]


def test_no_band_for_another_service_or_zone(bands):
    for service, zone in ((Service.EXPRESS, Zone.IN_PROVINCE), (Service.STANDARD, Zone.OUT_OF_PROVINCE)):
        with pytest.raises(ApplicationError, match="postal_no_tariff"):
            postage_quote(service=service, zone=zone, weight_grams=100, on=ON)


def test_a_negative_weight_is_refused(bands):
    with pytest.raises(ApplicationError, match="postal_invalid_weight"):
        postage_quote(service=Service.STANDARD, zone=Zone.IN_PROVINCE, weight_grams=-1, on=ON)


def test_the_provinces_own_band_comes_before_the_national_one(world, bands):  # noqa: F811
    own = band(250, 33_000, province=world.province, payer=Payer.AGENCY)
    other = Province.objects.create(code="82", name="Đồng Tháp", division_type=DivisionType.PROVINCE, codename="dt")
    quote = postage_quote(service="standard", zone="in_province", weight_grams=200, province=world.province, on=ON)
    assert (quote.tariff, quote.price, quote.payer) == (own, 33_000, Payer.AGENCY)
    assert (
        postage_quote(service="standard", zone="in_province", weight_grams=200, province=other, on=ON).price == 16_000
    )
    assert postage_quote(service="standard", zone="in_province", weight_grams=200, on=ON).price == 16_000
    # The province has no band heavy enough: the national one applies.
    heavier = postage_quote(service="standard", zone="in_province", weight_grams=400, province=world.province, on=ON)
    assert heavier.tariff == bands[500]


def test_only_tariffs_in_force_on_the_day_apply(db):
    band(250, 15_000, valid_until=dt.date(2026, 6, 30))
    band(250, 16_000, valid_from=dt.date(2026, 7, 1), valid_until=dt.date(2026, 12, 31))
    band(250, 18_000, valid_from=dt.date(2027, 1, 1))
    price = lambda day: postage_quote(service="standard", zone="in_province", weight_grams=1, on=day).price  # noqa: E731
    assert price(dt.date(2026, 6, 30)) == 15_000
    assert price(dt.date(2026, 7, 1)) == 16_000
    assert price(dt.date(2026, 12, 31)) == 16_000
    assert price(dt.date(2027, 1, 1)) == 18_000
    with pytest.raises(ApplicationError, match="postal_no_tariff"):
        price(dt.date(2025, 6, 30))


def test_today_is_the_local_day_in_vietnam(db):
    """GIVEN a tariff from 1/12/2026 WHEN quoted at 23:30 UTC on 30/11 (06:30 on 1/12 in Hà Nội) THEN it applies."""
    band(250, 16_000, valid_from=dt.date(2026, 12, 1))
    with time_machine.travel(dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC), tick=False):
        assert postage_quote(service="standard", zone="in_province", weight_grams=10).price == 16_000
    late_evening = time_machine.travel(dt.datetime(2026, 11, 30, 16, 30, tzinfo=dt.UTC), tick=False)
    with late_evening, pytest.raises(ApplicationError, match="postal_no_tariff"):
        postage_quote(service="standard", zone="in_province", weight_grams=10)


def test_zone_is_in_province_when_the_commune_is_in_the_post_offices_province(world):  # noqa: F811
    assert zone_for(point=world.office, commune=world.commune) == Zone.IN_PROVINCE
    other = Province.objects.create(code="82", name="Đồng Tháp", division_type=DivisionType.PROVINCE, codename="dt")
    far = Commune.objects.create(code="29869", name="Phường Cao Lãnh", division_type=DivisionType.WARD, province=other)
    assert zone_for(point=world.office, commune=far) == Zone.OUT_OF_PROVINCE


def test_demo_tariffs_load_idempotently_with_ha_tinhs_ems_price(world):  # noqa: F811
    first = tariffs_load_demo()
    assert tariffs_load_demo() == first
    assert first["tariffs"] == 4 * 4 + 2
    ems = {"service": Service.EXPRESS, "weight_grams": 200, "on": ON}
    assert postage_quote(zone=Zone.IN_PROVINCE, province=world.province, **ems).price == 33_000
    assert postage_quote(zone=Zone.OUT_OF_PROVINCE, province=world.province, **ems).price == 60_500
    assert postage_quote(zone=Zone.IN_PROVINCE, **ems).price == 30_000
    # Heavier than Hà Tĩnh's own band: the national ≤ 500 g band.
    assert postage_quote(zone=Zone.IN_PROVINCE, province=world.province, **{**ems, "weight_grams": 400}).price == 36_000
    for weight in (1, 250, 500, 1000, 2000):
        for service in Service:
            for zone in Zone:
                assert postage_quote(service=service, zone=zone, weight_grams=weight, on=ON).price > 0
