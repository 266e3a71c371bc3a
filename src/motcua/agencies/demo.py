"""Demo agencies for two pilot provinces of the seed, Hà Tĩnh and Đồng Tháp, on today's map.

Agency electronic ID codes here are illustrative (shaped as Decision 20/2020 says, not the real
codes issued after the 2025 merger). Idempotent: rows are matched on their codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from motcua.localities.models import Commune, Province
from motcua.procedures.models import Field

from .models import Agency, AgencyKind, AgencyLevel, Counter, PointChannel, ReceivingPoint, ReceivingPointKind


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

# (code suffix, name, short name, field codes its counter at the centre handles): provincial departments
# as organised after the 2025 reorganisation (social protection with Health, business with Finance).
DEPARTMENTS = (
    ("STP", "Sở Tư pháp", "Sở Tư pháp", ("HT", "CT", "LLTP")),
    ("SNNMT", "Sở Nông nghiệp và Môi trường", "Sở NN&MT", ("DD",)),
    ("SXD", "Sở Xây dựng", "Sở Xây dựng", ("XD",)),
    ("STC", "Sở Tài chính", "Sở Tài chính", ("HKD",)),
    ("SYT", "Sở Y tế", "Sở Y tế", ("YT", "BTXH")),
    ("SNV", "Sở Nội vụ", "Sở Nội vụ", ("NCC",)),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", ("GD",)),
    ("CA", "Công an tỉnh", "Công an tỉnh", ("GPLX",)),
)
COMMUNE_COUNTERS = (
    ("Quầy tư pháp – hộ tịch", ("HT", "CT")),
    ("Quầy đất đai – xây dựng", ("DD", "XD")),
    ("Quầy tổng hợp", ("HKD", "BTXH", "NCC", "GD", "YT")),
)
# Who signs for each kind of unit (illustrative names): the head, and a deputy signing "KT." where shown.
HEADS: dict[str, dict[str, Any]] = {
    "committee": {"head_title": "Chủ tịch", "head_name": "Nguyễn Văn Thành"},
    "commune": {
        "head_title": "Chủ tịch",
        "head_name": "Lê Văn Hải",
        "deputy_title": "Phó Chủ tịch",
        "deputy_name": "Trần Thị Hoa",
        "deputy_signs": True,
    },
    "centre": {"head_title": "Giám đốc", "head_name": "Phạm Thị Thu", "phone": "02393855555"},
    "commune_centre": {"head_title": "Giám đốc", "head_name": "Hoàng Văn Nam", "phone": "02393856666"},
    "department": {"head_title": "Giám đốc", "head_name": "Võ Minh Quân"},
}
ALL_FIELDS = (*(code for _, codes in COMMUNE_COUNTERS for code in codes), "LLTP", "GPLX")


def _agency(code: str, **fields) -> Agency:
    agency, _ = Agency.objects.update_or_create(code=code, defaults=fields)
    return agency


def _point(code: str, serves: list[Agency], **fields) -> ReceivingPoint:
    point, _ = ReceivingPoint.objects.update_or_create(code=code, defaults=fields)
    point.serves.set(serves)
    return point


def _counters(point: ReceivingPoint, counters: list[tuple[str, tuple[str, ...]]]) -> None:
    """Counters numbered from 1, each handling the fields whose codes it lists (missing fields are skipped)."""
    for number, (name, field_codes) in enumerate(counters, start=1):
        counter, _ = Counter.objects.update_or_create(receiving_point=point, number=number, defaults={"name": name})
        counter.fields.set(Field.objects.filter(code__in=field_codes))


@transaction.atomic
def agencies_load_demo() -> dict[str, int]:
    """Create the demo agencies, centres, post offices and counters. Needs the localities and fields loaded."""
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
        **HEADS["committee"],
    )
    centre = _agency(
        f"{demo.agency_code}.TTHCC",
        name=f"Trung tâm Phục vụ hành chính công tỉnh {demo.name}",
        short_name="Trung tâm PVHCC",
        kind=AgencyKind.SERVICE_CENTRE,
        level=AgencyLevel.PROVINCE,
        province=province,
        parent=committee,
        **HEADS["centre"],
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
            **HEADS["department"],
        )
        for suffix, name, short, _codes in DEPARTMENTS
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
        one_stop_unit=centre,
        channel=PointChannel.COUNTER,
        commune=centre_commune,
        address=f"Trụ sở Trung tâm, {centre_commune.name}",
        phone="",
    )
    _counters(centre_point, [(f"Quầy {short}", codes) for _, _, short, codes in DEPARTMENTS])

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
            **HEADS["commune"],
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
            **HEADS["commune_centre"],
        )
        point = _point(
            f"{demo.agency_code}.{suffix}.TTHCC.QUAY",
            [commune_committee],
            name=f"Trung tâm Phục vụ hành chính công {commune.name}",
            kind=ReceivingPointKind.SERVICE_CENTRE,
            operator=commune_centre,
            one_stop_unit=commune_centre,
            channel=PointChannel.COUNTER,
            commune=commune,
            address=f"Trụ sở UBND {commune.name}",
        )
        _counters(point, list(COMMUNE_COUNTERS))
        post_office = _point(
            f"{demo.postal_code}.{commune_code}",
            [commune_committee, *departments],
            name=f"Bưu cục {commune.name.removeprefix('Phường ').removeprefix('Xã ')}",
            kind=ReceivingPointKind.POST_OFFICE,
            operator=postal,
            # The post office receives for the commune's centre, through the public postal service.
            one_stop_unit=commune_centre,
            channel=PointChannel.POSTAL,
            commune=commune,
            address=f"Bưu điện {commune.name}",
        )
        _counters(post_office, [("Quầy hành chính công", ALL_FIELDS)])
