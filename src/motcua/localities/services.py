"""Writing the map tables: loading the bundled data, and the administrator's own commune mappings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models, transaction
from django.db.models import ProtectedError

from motcua.core.text import fold

from . import errors
from .datasets import Dataset, dataset_read, dataset_version
from .matching import commune_mapping
from .models import Commune, LegacyCommune, LegacyDistrict, LegacyProvince, LoadedDataset, MappingSource, Province
from .selectors import TABLE_KEYS, locality_counts

DATASET_NAME = "localities"
BATCH_SIZE = 1000


def localities_load(*, force: bool = False) -> dict[str, int]:
    """Load both maps and the old→new mapping into the tables; returns the row and mapping counts.

    Skipped (``written`` = 0) when the tables already hold this version of the data and their row
    counts are those of the last load, which takes a few queries. Otherwise every unit is inserted or
    updated in place (other tables point at provinces and communes, so rows are never recreated), the
    automatic commune mapping is recomputed, manual mappings are kept, and units that left the data
    are deleted unless something still refers to them (``stale_kept``).
    """
    if not force:
        stored = LoadedDataset.objects.filter(name=DATASET_NAME).values_list("version", "counts").first()
        if stored is not None and stored[0] == dataset_version():
            counts = locality_counts()
            if all(counts[key] == stored[1].get(key) for key in TABLE_KEYS):
                return {**counts, "written": 0, "stale_kept": 0}
    return _load(data=dataset_read())


def _check(*, data: Dataset) -> None:
    province_codes = {unit.code for unit in data.provinces}
    legacy_codes = {unit.code for unit in data.legacy_provinces}
    if set(data.merger) != legacy_codes or not set(data.merger.values()) <= province_codes:
        raise errors.merger_incomplete()


def _upsert(model: type[Any], rows: Sequence[models.Model], fields: list[str]) -> None:
    model.objects.bulk_create(
        rows, batch_size=BATCH_SIZE, update_conflicts=True, unique_fields=["code"], update_fields=fields
    )


def _delete_stale(model: type[Any], keep: set[str]) -> int:
    """Delete rows whose code left the data; returns how many had to stay because others use them."""
    stale = sorted(set(model.objects.values_list("pk", flat=True)) - keep)
    kept = 0
    for code in stale:
        try:
            with transaction.atomic():
                model.objects.filter(pk=code).delete()
        except ProtectedError:
            kept += 1
    return kept


def _automatic_mapping(*, data: Dataset) -> dict[str, tuple[str, str]]:
    district_province = {unit.code: unit.parent for unit in data.legacy_districts}
    successor = [(unit, data.merger[district_province[unit.parent]]) for unit in data.legacy_communes]
    return commune_mapping(legacy=successor, current=data.communes)


@transaction.atomic
def _load(*, data: Dataset) -> dict[str, int]:
    _check(data=data)
    _upsert(
        Province,
        [
            Province(
                code=u.code,
                name=u.name,
                division_type=u.division_type,
                codename=u.codename,
                phone_code=u.phone_code,
                search_name=fold(u.name),
            )
            for u in data.provinces
        ],
        ["name", "division_type", "codename", "phone_code", "search_name"],
    )
    _upsert(
        Commune,
        [
            Commune(
                code=u.code,
                name=u.name,
                division_type=u.division_type,
                codename=u.codename,
                province_id=u.parent,
                search_name=fold(u.name),
            )
            for u in data.communes
        ],
        ["name", "division_type", "codename", "province_id", "search_name"],
    )
    _upsert(
        LegacyProvince,
        [
            LegacyProvince(
                code=u.code,
                name=u.name,
                division_type=u.division_type,
                codename=u.codename,
                phone_code=u.phone_code,
                new_province_id=data.merger[u.code],
                search_name=fold(u.name),
            )
            for u in data.legacy_provinces
        ],
        ["name", "division_type", "codename", "phone_code", "new_province_id", "search_name"],
    )
    _upsert(
        LegacyDistrict,
        [
            LegacyDistrict(
                code=u.code, name=u.name, division_type=u.division_type, province_id=u.parent, search_name=fold(u.name)
            )
            for u in data.legacy_districts
        ],
        ["name", "division_type", "province_id", "search_name"],
    )

    automatic = _automatic_mapping(data=data)
    manual = dict(
        LegacyCommune.objects.filter(mapping_source=MappingSource.MANUAL).values_list("code", "new_commune_id")
    )
    legacy_rows = []
    for unit in data.legacy_communes:
        target: str | None
        if unit.code in manual:
            target, source = manual[unit.code], MappingSource.MANUAL.value
        else:
            target, source = automatic.get(unit.code, (None, ""))
        legacy_rows.append(
            LegacyCommune(
                code=unit.code,
                name=unit.name,
                division_type=unit.division_type,
                district_id=unit.parent,
                new_commune_id=target,
                mapping_source=source,
                search_name=fold(unit.name),
            )
        )
    _upsert(
        LegacyCommune,
        legacy_rows,
        ["name", "division_type", "district_id", "new_commune_id", "mapping_source", "search_name"],
    )

    stale_kept = _delete_stale(LegacyCommune, {unit.code for unit in data.legacy_communes})
    stale_kept += _delete_stale(LegacyDistrict, {unit.code for unit in data.legacy_districts})
    stale_kept += _delete_stale(LegacyProvince, {unit.code for unit in data.legacy_provinces})
    stale_kept += _delete_stale(Commune, {unit.code for unit in data.communes})
    stale_kept += _delete_stale(Province, {unit.code for unit in data.provinces})

    counts = locality_counts()
    LoadedDataset.objects.update_or_create(
        name=DATASET_NAME, defaults={"version": data.version, "counts": {key: counts[key] for key in TABLE_KEYS}}
    )
    return {**counts, "written": 1, "stale_kept": stale_kept}


def legacy_commune_mapping_check(*, legacy_commune: LegacyCommune, new_commune: Commune | None) -> None:
    """Raise when ``new_commune`` cannot be the successor: it must lie in the successor province."""
    if new_commune is None:
        return
    successor = legacy_commune.district.province.new_province_id
    if new_commune.province_id != successor:
        raise errors.commune_outside_successor_province(
            commune=new_commune.name,
            province=legacy_commune.district.province.new_province.name,
            legacy=legacy_commune.name,
        )


@transaction.atomic
def legacy_commune_set_mapping(*, code: str, new_commune_code: str | None) -> LegacyCommune:
    """Record an administrator's mapping (``MANUAL``); no commune means "no single successor".

    A later load keeps it.
    """
    legacy_commune = (
        LegacyCommune.objects.select_for_update(of=("self",))
        .select_related("district__province__new_province")
        .filter(code=code.zfill(5))
        .first()
    )
    if legacy_commune is None:
        raise errors.legacy_commune_not_found(code=code)
    new_commune = None
    if new_commune_code:
        new_commune = Commune.objects.filter(code=new_commune_code.zfill(5)).first()
        if new_commune is None:
            raise errors.commune_not_found(code=new_commune_code)
    legacy_commune_mapping_check(legacy_commune=legacy_commune, new_commune=new_commune)
    legacy_commune.new_commune = new_commune
    legacy_commune.mapping_source = MappingSource.MANUAL
    legacy_commune.save(update_fields=["new_commune", "mapping_source"])
    return legacy_commune


@transaction.atomic
def legacy_commune_mapping_reset(*, codes: list[str]) -> int:
    """Replace the given communes' mappings with the automatic one; returns how many rows changed."""
    wanted = {code.zfill(5) for code in codes}
    automatic = _automatic_mapping(data=dataset_read())
    changed = 0
    for legacy_commune in LegacyCommune.objects.select_for_update().filter(code__in=wanted):
        target, source = automatic.get(legacy_commune.code, (None, ""))
        if (legacy_commune.new_commune_id, legacy_commune.mapping_source) != (target, source):
            legacy_commune.new_commune_id, legacy_commune.mapping_source = target, source
            legacy_commune.save(update_fields=["new_commune", "mapping_source"])
            changed += 1
    return changed
