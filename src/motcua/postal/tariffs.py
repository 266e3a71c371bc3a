"""Postage: which tariff band applies to a parcel, and the demo tariffs.

A tariff is a set of weight bands per service and zone; the lightest band that holds the parcel applies.
A province may publish its own bands, which come before the national ones; where it has none heavy
enough, the national band applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q

from motcua.agencies.models import ReceivingPoint
from motcua.core.localtime import local_date
from motcua.core.parcels import DEFAULT_PARCEL_WEIGHT_GRAMS
from motcua.localities.models import Commune, Province

from . import errors
from .models import Payer, Service, Tariff, Zone


@dataclass(frozen=True)
class Quote:
    price: int
    payer: Payer
    tariff: Tariff


def zone_for(*, point: ReceivingPoint, commune: Commune) -> Zone:
    """The zone of a parcel between a post office and a commune: within the province or out of it."""
    if point.commune.province_id == commune.province_id:
        return Zone.IN_PROVINCE
    return Zone.OUT_OF_PROVINCE


def postage_quote(
    *,
    service: Service | str,
    zone: Zone | str,
    weight_grams: int,
    province: Province | None = None,
    on: date | None = None,
) -> Quote:
    """The postage of a parcel: the lightest band ≥ ``weight_grams`` in force ``on`` (today, local time),
    the province's own band before the national one."""
    if weight_grams < 0:
        raise errors.invalid_weight(weight_grams=weight_grams)
    on = on or local_date()
    bands = Tariff.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=on),
        service=service,
        zone=zone,
        max_weight_grams__gte=weight_grams,
        valid_from__lte=on,
    ).order_by("max_weight_grams", "-valid_from", "-pk")
    tariff = None
    if province is not None:
        tariff = bands.filter(province=province).first()
    if tariff is None:
        tariff = bands.filter(province__isnull=True).first()
    if tariff is None:
        raise errors.no_tariff(
            service=Service(service).label,
            zone=Zone(zone).label,
            weight_grams=weight_grams,
            on=on.strftime("%d/%m/%Y"),
        )
    return Quote(price=tariff.price, payer=Payer(tariff.payer), tariff=tariff)


def return_postage_quote(*, point: ReceivingPoint, commune: Commune | None = None, on: date | None = None) -> Quote:
    """The postage of sending a result back by post from ``point`` to ``commune`` (the point's own when the
    address's commune is not known), for a standard letter of the usual weight: quoted at reception, recorded
    on the dossier, and charged by the delivery (docs/domain.md, "Fees and postage")."""
    return postage_quote(
        service=Service.STANDARD,
        zone=zone_for(point=point, commune=commune or point.commune),
        weight_grams=DEFAULT_PARCEL_WEIGHT_GRAMS,
        province=point.commune.province,
        on=on,
    )


# Illustrative national bands (VND), not Vietnam Post's published prices: (service, zone) → (≤ g, price).
DEMO_VALID_FROM = date(2025, 7, 1)
DEMO_BANDS: dict[tuple[Service, Zone], tuple[tuple[int, int], ...]] = {
    (Service.STANDARD, Zone.IN_PROVINCE): ((250, 16_000), (500, 20_000), (1000, 26_000), (2000, 35_000)),
    (Service.STANDARD, Zone.OUT_OF_PROVINCE): ((250, 20_000), (500, 27_000), (1000, 36_000), (2000, 50_000)),
    (Service.EXPRESS, Zone.IN_PROVINCE): ((250, 30_000), (500, 36_000), (1000, 45_000), (2000, 60_000)),
    (Service.EXPRESS, Zone.OUT_OF_PROVINCE): ((250, 55_000), (500, 65_000), (1000, 85_000), (2000, 110_000)),
}
# Hà Tĩnh's own EMS price for a dossier (33,000 VND in-province, 60,500 VND out-of-province), as reported
# in provincial news (docs/domain.md, "Fees and postage"): *unverified* against Vietnam Post's or the
# province's tariff.
HA_TINH = "42"
HA_TINH_EXPRESS = {Zone.IN_PROVINCE: 33_000, Zone.OUT_OF_PROVINCE: 60_500}


@transaction.atomic
def tariffs_load_demo() -> dict[str, int]:
    """Create the demo tariffs (idempotent: bands are matched on service, zone, weight, province, start)."""

    def band(service: Service, zone: Zone, grams: int, price: int, province: Province | None) -> None:
        Tariff.objects.update_or_create(
            service=service,
            zone=zone,
            max_weight_grams=grams,
            province=province,
            valid_from=DEMO_VALID_FROM,
            defaults={"price": price, "payer": Payer.APPLICANT, "valid_until": None},
        )

    for (service, zone), bands in DEMO_BANDS.items():
        for grams, price in bands:
            band(service, zone, grams, price, None)
    ha_tinh = Province.objects.filter(code=HA_TINH).first()
    if ha_tinh is not None:
        for zone, price in HA_TINH_EXPRESS.items():
            band(Service.EXPRESS, zone, 250, price, ha_tinh)
    return {"tariffs": Tariff.objects.count()}
