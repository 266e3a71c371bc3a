"""Loading both maps: counts, codes, folded names, idempotence, manual mappings kept."""

from __future__ import annotations

import time

import pytest
from django.db.models.functions import Length

from motcua.core.errors import ApplicationError
from motcua.localities.datasets import Dataset, Unit
from motcua.localities.models import Commune, LegacyCommune, LegacyProvince, MappingSource, Province
from motcua.localities.services import _check, legacy_commune_set_mapping, localities_load


def _snapshot() -> list[tuple]:
    return list(LegacyCommune.objects.order_by("code").values_list("code", "name", "new_commune_id", "mapping_source"))


def test_first_load_fills_both_maps(loaded_localities):
    assert loaded_localities["written"] == 1
    assert loaded_localities["provinces"] == 34
    assert loaded_localities["communes"] == 3321
    assert loaded_localities["legacy_provinces"] == 63
    assert loaded_localities["legacy_districts"] == 696
    assert loaded_localities["legacy_communes"] == 10051


def test_codes_are_zero_padded_text(localities):
    assert Province.objects.get(code="01").name == "Thành phố Hà Nội"
    assert Commune.objects.get(code="00070").name == "Phường Hoàn Kiếm"
    assert not Province.objects.annotate(n=Length("code")).exclude(n=2).exists()
    assert not Commune.objects.annotate(n=Length("code")).exclude(n=5).exists()
    assert not LegacyCommune.objects.annotate(n=Length("code")).exclude(n=5).exists()


def test_commune_search_name_is_folded(localities):
    assert Commune.objects.get(code="00070").search_name == "phuong hoan kiem"
    assert LegacyProvince.objects.get(code="17").search_name == "hoa binh"


def test_division_types_are_read_from_names_on_the_old_map(localities):
    assert LegacyProvince.objects.get(code="79").division_type == "thanh_pho_trung_uong"
    assert LegacyProvince.objects.get(code="02").division_type == "tinh"
    hang_trong = LegacyCommune.objects.select_related("district").get(code="00070")
    assert (hang_trong.division_type, hang_trong.district.division_type) == ("phuong", "quan")
    assert set(Commune.objects.values_list("division_type", flat=True)) == {"xa", "phuong", "dac_khu"}


def test_second_load_is_skipped_quickly_and_changes_nothing(localities, django_assert_max_num_queries):
    before = _snapshot()
    started = time.perf_counter()
    with django_assert_max_num_queries(8):
        counts = localities_load()
    assert time.perf_counter() - started < 0.5
    assert counts["written"] == 0
    assert counts == {**localities, "written": 0}
    assert _snapshot() == before


def test_forced_reload_rewrites_the_same_rows(localities):
    before = _snapshot()
    counts = localities_load(force=True)
    assert counts["written"] == 1
    assert {k: v for k, v in counts.items() if k != "written"} == {
        k: v for k, v in localities.items() if k != "written"
    }
    assert _snapshot() == before


def test_missing_rows_trigger_a_reload(localities):
    LegacyCommune.objects.filter(code="00001").delete()
    counts = localities_load()
    assert counts["written"] == 1
    assert LegacyCommune.objects.filter(code="00001").exists()


def test_manual_mapping_survives_a_reload(localities):
    """GIVEN Phường Tràng Tiền, which no rule maps, WHEN an administrator maps it and the data is
    reloaded THEN the manual mapping stays."""
    assert LegacyCommune.objects.get(code="00079").new_commune is None
    legacy_commune_set_mapping(code="00079", new_commune_code="00070")
    localities_load(force=True)
    trang_tien = LegacyCommune.objects.get(code="00079")
    assert (trang_tien.new_commune_id, trang_tien.mapping_source) == ("00070", MappingSource.MANUAL)


def test_merger_must_cover_every_old_province():
    province = Unit(code="01", name="Thành phố Hà Nội", division_type="thanh_pho_trung_uong")
    legacy = [province, Unit(code="02", name="Hà Giang", division_type="tinh")]
    data = Dataset(
        provinces=[province],
        communes=[],
        legacy_provinces=legacy,
        legacy_districts=[],
        legacy_communes=[],
        merger={"01": "01"},
        version="test",
    )
    with pytest.raises(ApplicationError) as error:
        _check(data=data)
    assert error.value.code == "localities_merger_incomplete"
