"""Demo agencies for two pilot provinces of the seed, Hà Tĩnh and Đồng Tháp, on today's map.

Agency electronic ID codes here are illustrative (shaped as Decision 20/2020 says, not the real
codes issued after the 2025 merger). Idempotent: rows are matched on their codes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from motcua.localities.models import Commune, Province

from .models import Agency, AgencyKind, AgencyLevel, Counter, ReceivingPoint, ReceivingPointKind


@dataclass(frozen=True)
class DemoProvince:
    province_code: str
    agency_code: str
    name: str
    centre_commune: str
    communes: tuple[tuple[str, str], ...]  # (commune code, agency code suffix)
    postal_code: str


HA_TINH = DemoProvince("42", "H30", "Hà Tĩnh", "18073", (("18073", "X01"), ("18562", "X02")), "VNP.42")
DONG_THAP = DemoProvince("82", "H21", "Đồng Tháp", "29869", (("29869", "X01"), ("30010", "X02")), "VNP.82")
DEMO_PROVINCES = (HA_TINH, DONG_THAP)

# (code suffix, name, field codes the counter handles): the provincial departments in the demo.
DEPARTMENTS = (
    ("STP", "Sở Tư pháp", "Sở Tư pháp"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường", "Sở NN&MT"),
    ("SXD", "Sở Xây dựng", "Sở Xây dựng"),
    ("STC", "Sở Tài chính", "Sở Tài chính"),
    ("SYT", "Sở Y tế", "Sở Y tế"),
    ("CA", "Công an tỉnh", "Công an tỉnh"),
)


def _agency(code: str, **fields) -> Agency:
    agency, _ = Agency.objects.update_or_create(code=code, defaults=fields)
    return agency


def _point(code: str, serves: list[Agency], **fields) -> ReceivingPoint:
    point, _ = ReceivingPoint.objects.update_or_create(code=code, defaults=fields)
    point.serves.set(serves)
    return point


def _counters(point: ReceivingPoint, names: list[str]) -> None:
    for number, name in enumerate(names, start=1):
        Counter.objects.update_or_create(receiving_point=point, number=number, defaults={"name": name})


@transaction.atomic
def agencies_load_demo() -> dict[str, int]:
    """Create the demo agencies, centres, post offices and counters. Needs the localities loaded."""
    for demo in DEMO_PROVINCES:
        _load_province(demo)
    return {
        "agencies": Agency.objects.count(),
        "receiving_points": ReceivingPoint.objects.count(),
        "counters": Counter.objects.count(),
    }


def _load_province(demo: DemoProvince) -> None:
    province = Province.objects.get(code=demo.province_code)
    committee = _agency(
        demo.agency_code,
        name=f"Ủy ban nhân dân tỉnh {demo.name}",
        short_name=f"UBND tỉnh {demo.name}",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        level=AgencyLevel.PROVINCE,
        province=province,
        parent=None,
    )
    centre = _agency(
        f"{demo.agency_code}.TTHCC",
        name=f"Trung tâm Phục vụ hành chính công tỉnh {demo.name}",
        short_name="Trung tâm PVHCC",
        kind=AgencyKind.SERVICE_CENTRE,
        level=AgencyLevel.PROVINCE,
        province=province,
        parent=committee,
    )
    departments = [
        _agency(
            f"{demo.agency_code}.{suffix}",
            name=f"{name} tỉnh {demo.name}",
            short_name=short,
            kind=AgencyKind.COMPETENT,
            level=AgencyLevel.PROVINCE,
            province=province,
            parent=committee,
        )
        for suffix, name, short in DEPARTMENTS
    ]
    postal = _agency(
        demo.postal_code,
        name=f"Bưu điện tỉnh {demo.name}",
        short_name=f"BĐT {demo.name}",
        kind=AgencyKind.POSTAL,
        level=AgencyLevel.POSTAL,
        province=province,
        parent=None,
    )
    centre_commune = Commune.objects.get(code=demo.centre_commune)
    centre_point = _point(
        f"{demo.agency_code}.TTHCC.QUAY",
        [*departments, committee],
        name=f"Trung tâm Phục vụ hành chính công tỉnh {demo.name}",
        kind=ReceivingPointKind.SERVICE_CENTRE,
        operator=centre,
        commune=centre_commune,
        address=f"Trụ sở Trung tâm, {centre_commune.name}",
        phone="",
    )
    _counters(centre_point, [f"Quầy {short}" for _, _, short in DEPARTMENTS])

    for commune_code, suffix in demo.communes:
        commune = Commune.objects.get(code=commune_code)
        commune_committee = _agency(
            f"{demo.agency_code}.{suffix}",
            name=f"Ủy ban nhân dân {commune.name}",
            short_name=f"UBND {commune.name}",
            kind=AgencyKind.PEOPLES_COMMITTEE,
            level=AgencyLevel.COMMUNE,
            province=province,
            commune=commune,
            parent=committee,
        )
        commune_centre = _agency(
            f"{demo.agency_code}.{suffix}.TTHCC",
            name=f"Trung tâm Phục vụ hành chính công {commune.name}",
            short_name=f"TTPVHCC {commune.name}",
            kind=AgencyKind.SERVICE_CENTRE,
            level=AgencyLevel.COMMUNE,
            province=province,
            commune=commune,
            parent=commune_committee,
        )
        point = _point(
            f"{demo.agency_code}.{suffix}.TTHCC.QUAY",
            [commune_committee],
            name=f"Trung tâm Phục vụ hành chính công {commune.name}",
            kind=ReceivingPointKind.SERVICE_CENTRE,
            operator=commune_centre,
            commune=commune,
            address=f"Trụ sở UBND {commune.name}",
        )
        _counters(point, ["Quầy tư pháp – hộ tịch", "Quầy đất đai – xây dựng", "Quầy tổng hợp"])
        post_office = _point(
            f"{demo.postal_code}.{commune_code}",
            [commune_committee, *departments],
            name=f"Bưu cục {commune.name.removeprefix('Phường ').removeprefix('Xã ')}",
            kind=ReceivingPointKind.POST_OFFICE,
            operator=postal,
            commune=commune,
            address=f"Bưu điện {commune.name}",
        )
        _counters(post_office, ["Quầy hành chính công"])
