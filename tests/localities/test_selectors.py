"""Searching today's communes and reading old codes and addresses on today's map."""

from __future__ import annotations

import pytest

from motcua.localities.models import LegacyCommune, MappingSource
from motcua.localities.selectors import Confidence, commune_search, legacy_address_resolve
from motcua.localities.services import legacy_commune_set_mapping


@pytest.mark.parametrize(
    "query", ["phuong hoan kiem", "Phường Hoàn Kiếm", "hoàn kiếm", "P. Hoan Kiem", "HOAN KIEM", "70"]
)
def test_commune_search_ignores_accents_case_and_unit_words(localities, query):
    found = commune_search(query=query)
    assert found[0].code == "00070"
    assert found[0].name == "Phường Hoàn Kiếm"


def test_commune_search_puts_exact_names_first_and_honours_province_and_limit(localities):
    found = commune_search(query="ba dinh", limit=50)
    assert found[0].name == "Phường Ba Đình"
    assert all("ba dinh" in commune.search_name for commune in found)
    in_thanh_hoa = commune_search(query="ba dinh", province_code="38")
    assert in_thanh_hoa
    assert {commune.province_id for commune in in_thanh_hoa} == {"38"}
    assert len(commune_search(query="xa", limit=5)) == 5


def test_commune_search_without_query_lists_a_province_or_nothing(localities):
    assert commune_search(query="") == []
    assert len(commune_search(query=" ", province_code="1", limit=500)) == 126


@pytest.mark.parametrize(
    ("legacy_code", "new_code", "source"),
    [
        ("00070", "00070", MappingSource.SAME_CODE),  # Phường Hàng Trống → Phường Hoàn Kiếm
        ("26740", "26740", MappingSource.SAME_CODE),  # Phường Bến Nghé, Quận 1 → Phường Sài Gòn
        ("00433", "00433", MappingSource.SAME_CODE),  # Xã Thanh Xuân, Sóc Sơn → Xã Nội Bài, not Phường Thanh Xuân
        ("27454", "27457", MappingSource.SAME_NAME),  # Phường Tân Tạo, Bình Tân → Phường Tân Tạo
        ("03136", "03334", MappingSource.SAME_NAME),  # Phường Mường Thanh, Điện Biên Phủ → Phường Mường Thanh
    ],
)
def test_known_commune_mappings(localities, legacy_code, new_code, source):
    legacy = LegacyCommune.objects.get(code=legacy_code)
    assert (legacy.new_commune_id, legacy.mapping_source) == (new_code, source)


def test_unmapped_or_unknown_codes_resolve_to_nothing(localities):
    mapped = LegacyCommune.objects.filter(new_commune__isnull=False)
    assert not mapped.filter(code="00079").exists()  # Phường Tràng Tiền: no rule applies
    assert not LegacyCommune.objects.filter(code="99999").exists()


def test_resolve_accentless_address_with_unit_words(localities):
    result = legacy_address_resolve(province="ha noi", district="quan hoan kiem", commune="phuong hang trong")
    assert result.confidence == Confidence.HIGH
    assert (result.province.code, result.commune.code) == ("01", "00070")
    assert result.legacy_commune.code == "00070"
    assert result.new_address == "Phường Hoàn Kiếm, Thành phố Hà Nội"
    assert result.legacy_address == "Phường Hàng Trống, Quận Hoàn Kiếm, Thành phố Hà Nội"


def test_resolve_merged_province_and_name_mapping(localities):
    result = legacy_address_resolve(province="TP.HCM", district="Q. Bình Tân", commune="P. Tân Tạo")
    assert (result.confidence, result.commune.code) == (Confidence.PROBABLE, "27457")
    result = legacy_address_resolve(province="Tỉnh Hà Giang")
    assert (result.confidence, result.province.name, result.commune) == (Confidence.PROVINCE_ONLY, "Tuyên Quang", None)
    assert legacy_address_resolve(province="Thừa Thiên Huế").province.code == "46"
    assert legacy_address_resolve(province="Bà Rịa - Vũng Tàu").province.code == "79"


def test_resolve_keeps_the_province_when_the_commune_is_unmapped(localities):
    result = legacy_address_resolve(province="Hà Nội", district="Hoàn Kiếm", commune="Tràng Tiền")
    assert (result.confidence, result.province.code, result.commune) == (Confidence.PROVINCE_ONLY, "01", None)
    assert result.legacy_commune.code == "00079"
    assert result.notes


def test_resolve_manual_mapping_is_confirmed(localities):
    legacy_commune_set_mapping(code="79", new_commune_code="70")
    result = legacy_address_resolve(province="Hà Nội", district="Hoàn Kiếm", commune="Tràng Tiền")
    assert (result.confidence, result.commune.code) == (Confidence.CONFIRMED, "00070")


def test_resolve_an_ambiguous_commune_asks_for_the_district(localities):
    result = legacy_address_resolve(province="Long An", commune="Xã Tân Lập")
    assert (result.confidence, result.province.name, result.legacy_commune) == (
        Confidence.PROVINCE_ONLY,
        "Tây Ninh",
        None,
    )
    assert "Huyện" in result.notes[0]
    result = legacy_address_resolve(province="Bình Phước", commune="Xã Tân Lập")
    assert result.legacy_commune.district.name == "Huyện Đồng Phú"


def test_resolve_finds_a_commune_written_with_the_wrong_district(localities):
    result = legacy_address_resolve(province="Hà Nội", district="Quận Ba Đình", commune="Phường Hàng Trống")
    assert result.commune.code == "00070"
    assert result.legacy_district.name == "Quận Hoàn Kiếm"
    assert result.notes


def test_resolve_an_unknown_province(localities):
    result = legacy_address_resolve(province="Tỉnh Không Có", commune="Xã A")
    assert (result.confidence, result.province, result.commune) == (Confidence.NOT_FOUND, None, None)
