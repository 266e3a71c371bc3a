"""Counting and finding units of today's map."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Q, Value, When

from motcua.localities.models import Commune, LegacyCommune, LegacyDistrict, LegacyProvince, MappingSource, Province
from motcua.localities.naming import COMMUNE_WORDS, name_key, strip_unit_prefix

TABLE_KEYS = ("provinces", "communes", "legacy_provinces", "legacy_districts", "legacy_communes")
_ABBREVIATIONS = ("tt", "tx", "tp", "p", "q")


def locality_counts() -> dict[str, int]:
    """Rows per table, and how the old communes are mapped onto today's."""
    mapping = LegacyCommune.objects.aggregate(
        legacy_communes=Count("pk"),
        mapped_same_code=Count("pk", filter=Q(mapping_source=MappingSource.SAME_CODE)),
        mapped_same_name=Count("pk", filter=Q(mapping_source=MappingSource.SAME_NAME)),
        mapped_manual=Count("pk", filter=Q(mapping_source=MappingSource.MANUAL)),
        unmapped=Count("pk", filter=Q(new_commune__isnull=True)),
    )
    return {
        "provinces": Province.objects.count(),
        "communes": Commune.objects.count(),
        "legacy_provinces": LegacyProvince.objects.count(),
        "legacy_districts": LegacyDistrict.objects.count(),
        **mapping,
    }


def commune_search(*, query: str, province_code: str | None = None, limit: int = 20) -> list[Commune]:
    """Communes of today's map whose name holds every word of ``query``, accents and case ignored.

    "phuong hoan kiem", "Hoàn Kiếm" and "P. Hoan Kiem" all find "Phường Hoàn Kiếm"; a number finds
    the commune with that code. Exact names come first, then names starting with the query.
    Without a query, the first communes of ``province_code`` (none without a province).
    """
    communes = Commune.objects.select_related("province")
    if province_code:
        communes = communes.filter(province_id=province_code.strip().zfill(2))
    key = strip_unit_prefix(name_key(query), _ABBREVIATIONS)
    if not key:
        return list(communes.order_by("name")[:limit]) if province_code else []
    words = Q()
    for word in key.split():
        words &= Q(search_name__contains=word)
    exact = Q(search_name__in=[key, *(f"{unit_word} {key}" for unit_word in COMMUNE_WORDS)])
    if key.isdigit():
        words |= Q(code=key.zfill(5))
        exact |= Q(code=key.zfill(5))
    starts = Q(search_name__startswith=key)
    for unit_word in COMMUNE_WORDS:
        starts |= Q(search_name__startswith=f"{unit_word} {key}")
    rank = Case(
        When(exact, then=Value(0)),
        When(starts, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return list(communes.filter(words).annotate(rank=rank).order_by("rank", "name", "province_id")[:limit])
