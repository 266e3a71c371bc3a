"""The 63 → 34 merger of Resolution 202/2025/QH15, as committed in data/province-merger-2025.json."""

from __future__ import annotations

import json

from motcua.core.text import fold
from motcua.localities.datasets import PROVINCE_MERGER_PATH, read_current_map, read_legacy_map, read_province_merger
from motcua.localities.naming import name_keys

UNCHANGED = {
    "ha noi",
    "hue",
    "lai chau",
    "dien bien",
    "son la",
    "lang son",
    "quang ninh",
    "thanh hoa",
    "nghe an",
    "ha tinh",
    "cao bang",
}

# Old province → new province, as the resolution lists them (folded names, unit word dropped).
MERGED = {
    "ha giang": "tuyen quang",
    "tuyen quang": "tuyen quang",
    "yen bai": "lao cai",
    "lao cai": "lao cai",
    "bac kan": "thai nguyen",
    "thai nguyen": "thai nguyen",
    "vinh phuc": "phu tho",
    "phu tho": "phu tho",
    "hoa binh": "phu tho",
    "bac giang": "bac ninh",
    "bac ninh": "bac ninh",
    "thai binh": "hung yen",
    "hung yen": "hung yen",
    "hai duong": "hai phong",
    "hai phong": "hai phong",
    "ha nam": "ninh binh",
    "ninh binh": "ninh binh",
    "nam dinh": "ninh binh",
    "quang binh": "quang tri",
    "quang tri": "quang tri",
    "quang nam": "da nang",
    "da nang": "da nang",
    "kon tum": "quang ngai",
    "quang ngai": "quang ngai",
    "binh dinh": "gia lai",
    "gia lai": "gia lai",
    "ninh thuan": "khanh hoa",
    "khanh hoa": "khanh hoa",
    "dak nong": "lam dong",
    "binh thuan": "lam dong",
    "lam dong": "lam dong",
    "phu yen": "dak lak",
    "dak lak": "dak lak",
    "binh duong": "ho chi minh",
    "ba ria vung tau": "ho chi minh",
    "ho chi minh": "ho chi minh",
    "binh phuoc": "dong nai",
    "dong nai": "dong nai",
    "long an": "tay ninh",
    "tay ninh": "tay ninh",
    "tien giang": "dong thap",
    "dong thap": "dong thap",
    "ben tre": "vinh long",
    "tra vinh": "vinh long",
    "vinh long": "vinh long",
    "soc trang": "can tho",
    "hau giang": "can tho",
    "can tho": "can tho",
    "bac lieu": "ca mau",
    "ca mau": "ca mau",
    "kien giang": "an giang",
    "an giang": "an giang",
}


def _bare(name: str) -> str:
    return name_keys(name)[1]


def _maps():
    provinces, _communes = read_current_map()
    _header, legacy_provinces, _districts, _legacy_communes = read_legacy_map()
    return {p.code: p for p in provinces}, {p.code: p for p in legacy_provinces}, read_province_merger()


def test_every_old_province_maps_to_a_new_one():
    provinces, legacy_provinces, merger = _maps()
    assert len(legacy_provinces) == 63
    assert set(merger) == set(legacy_provinces)
    assert set(merger.values()) <= set(provinces)


def test_every_new_province_has_a_predecessor():
    provinces, _legacy, merger = _maps()
    assert len(provinces) == 34
    assert set(merger.values()) == set(provinces)


def test_the_eleven_unchanged_provinces_map_to_themselves():
    provinces, legacy_provinces, merger = _maps()
    unchanged = {code for code, new in merger.items() if list(merger.values()).count(new) == 1}
    assert {_bare(legacy_provinces[code].name) for code in unchanged} == UNCHANGED
    for code in unchanged:
        assert merger[code] == code
        assert fold(provinces[code].name) == fold(legacy_provinces[code].name)


def test_the_merged_provinces_follow_the_resolution():
    provinces, legacy_provinces, merger = _maps()
    actual = {_bare(legacy_provinces[old].name): _bare(provinces[new].name) for old, new in merger.items()}
    assert {old: new for old, new in actual.items() if old not in UNCHANGED} == MERGED


def test_an_old_province_whose_name_lives_on_maps_to_its_namesake():
    provinces, legacy_provinces, merger = _maps()
    by_name = {_bare(p.name): code for code, p in provinces.items()}
    for code, legacy in legacy_provinces.items():
        if _bare(legacy.name) in by_name:
            assert merger[code] == by_name[_bare(legacy.name)], legacy.name


def test_the_names_written_in_the_file_match_the_data():
    provinces, legacy_provinces, _merger = _maps()
    for row in json.loads(PROVINCE_MERGER_PATH.read_text(encoding="utf-8"))["merger"]:
        assert row["legacy_name"] == legacy_provinces[row["legacy_code"]].name
        assert row["new_name"] == provinces[row["new_code"]].name
