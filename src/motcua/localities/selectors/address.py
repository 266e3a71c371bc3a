"""Addresses written before 1 July 2025, read on today's map."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.localities.models import Commune, LegacyCommune, LegacyDistrict, LegacyProvince, MappingSource, Province
from motcua.localities.naming import PROVINCE_ALIASES, name_key, name_keys, strip_unit_prefix


class Confidence(models.TextChoices):
    """How sure a resolution is, strongest first."""

    CONFIRMED = "confirmed", _("confirmed by an administrator")
    HIGH = "high", _("high: the new commune kept the old commune's code")
    PROBABLE = "probable", _("probable: a new commune of the same name")
    PROVINCE_ONLY = "province_only", _("province only: the new commune is not known")
    NOT_FOUND = "not_found", _("not found: the province is not recognised")


_BY_SOURCE = {
    MappingSource.MANUAL: Confidence.CONFIRMED,
    MappingSource.SAME_CODE: Confidence.HIGH,
    MappingSource.SAME_NAME: Confidence.PROBABLE,
}


@dataclass(frozen=True)
class ResolvedAddress:
    """The old units recognised in an address, where they are today, and how sure that is.

    The province is certain whenever the old province is recognised (the merger is by law); the
    commune is only as sure as ``confidence`` says. ``notes`` explain what could not be matched.
    """

    confidence: str
    province: Province | None = None
    commune: Commune | None = None
    legacy_province: LegacyProvince | None = None
    legacy_district: LegacyDistrict | None = None
    legacy_commune: LegacyCommune | None = None
    notes: tuple[str, ...] = ()

    @property
    def new_address(self) -> str:
        """The address on today's map: "commune, province", or only the province."""
        return ", ".join(unit.name for unit in (self.commune, self.province) if unit is not None)

    @property
    def legacy_address(self) -> str:
        """The old units that were recognised, as one line."""
        units = (self.legacy_commune, self.legacy_district, self.legacy_province)
        return ", ".join(unit.name for unit in units if unit is not None)


T = TypeVar("T", LegacyProvince, LegacyDistrict, LegacyCommune, Commune)


def _match(units: Iterable[T], text: str) -> list[T]:
    """Units whose name is ``text``: first as written (with or without its unit word), then without it."""
    key = name_key(text)
    bare = strip_unit_prefix(key)
    keyed = [(unit, name_keys(unit.name)) for unit in units]
    found = [unit for unit, (full, stripped) in keyed if key in (full, stripped)]
    if not found and bare != key:
        found = [unit for unit, (_full, stripped) in keyed if stripped == bare]
    return found


def _province(text: str) -> LegacyProvince | None:
    provinces = list(LegacyProvince.objects.select_related("new_province"))
    key = name_key(text)
    alias = PROVINCE_ALIASES.get(key) or PROVINCE_ALIASES.get(strip_unit_prefix(key))
    if alias:
        return next((province for province in provinces if province.code == alias), None)
    found = _match(provinces, text)
    return found[0] if len(found) == 1 else None


def _legacy_commune(
    *, legacy_province: LegacyProvince, legacy_district: LegacyDistrict | None, name: str, notes: list[str]
) -> tuple[LegacyCommune | None, int]:
    """The old commune called ``name``, in its district first, then in the whole old province."""
    communes = LegacyCommune.objects.select_related("district", "new_commune__province")
    candidates: list[LegacyCommune] = []
    if legacy_district is not None:
        candidates = _match(communes.filter(district=legacy_district), name)
    if not candidates:
        candidates = _match(communes.filter(district__province=legacy_province), name)
        if len(candidates) == 1 and legacy_district is not None:
            notes.append(str(_("The commune was found in another district of the province.")))
    if len(candidates) > 1:
        districts = ", ".join(sorted({candidate.district.name for candidate in candidates}))
        notes.append(
            str(_("Several communes of the old province have that name (%(districts)s).") % {"districts": districts})
        )
    return (candidates[0] if len(candidates) == 1 else None), len(candidates)


def legacy_address_resolve(*, province: str, district: str = "", commune: str = "") -> ResolvedAddress:
    """Resolve names written before 1/7/2025 to today's province and, where the mapping allows, commune.

    Names are matched without accents or case, with or without "Tỉnh", "Thành phố", "Huyện", "Quận",
    "Thị xã", "Xã", "Phường", "Thị trấn". A commune is looked for in its district, then in the whole
    old province; when it is not on the old map at all, a unique commune of that name on today's map
    in the successor province is taken as probable.
    """
    legacy_province = _province(province)
    if legacy_province is None:
        note = str(_("No province of the old map is called “%(name)s”.") % {"name": province})
        return ResolvedAddress(confidence=Confidence.NOT_FOUND, notes=(note,))

    notes: list[str] = []
    legacy_district = None
    if district:
        districts = _match(legacy_province.districts.all(), district)
        legacy_district = districts[0] if len(districts) == 1 else None
        if legacy_district is None:
            notes.append(str(_("District “%(name)s” was not recognised.") % {"name": district}))

    legacy_commune, new_commune, confidence = None, None, Confidence.PROVINCE_ONLY
    if commune:
        legacy_commune, matches = _legacy_commune(
            legacy_province=legacy_province, legacy_district=legacy_district, name=commune, notes=notes
        )
        if legacy_commune is not None:
            legacy_district = legacy_commune.district
            if legacy_commune.new_commune is None:
                notes.append(str(_("Which commune of today's map it became is not known.")))
            else:
                new_commune = legacy_commune.new_commune
                confidence = _BY_SOURCE[MappingSource(legacy_commune.mapping_source)]
        elif not matches:
            today = _match(Commune.objects.filter(province=legacy_province.new_province), commune)
            if len(today) == 1:
                new_commune, confidence = today[0], Confidence.PROBABLE
                notes.append(str(_("Not on the old map; the commune of that name on today's map was taken.")))
            else:
                notes.append(str(_("Commune “%(name)s” was not recognised.") % {"name": commune}))
    return ResolvedAddress(
        confidence=confidence,
        province=legacy_province.new_province,
        commune=new_commune,
        legacy_province=legacy_province,
        legacy_district=legacy_district,
        legacy_commune=legacy_commune,
        notes=tuple(notes),
    )
