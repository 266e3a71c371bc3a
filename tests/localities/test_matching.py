"""The rules that map an old commune onto today's map, on small hand-made examples."""

from __future__ import annotations

from motcua.localities.datasets import Unit
from motcua.localities.matching import commune_mapping
from motcua.localities.naming import tone_key


def _old(code: str, name: str, kind: str = "xa") -> Unit:
    return Unit(code=code, name=name, division_type=kind, parent="001")


def _new(code: str, name: str, kind: str = "xa", province: str = "01") -> Unit:
    return Unit(code=code, name=name, division_type=kind, parent=province)


def test_a_kept_code_in_the_successor_province_maps():
    mapping = commune_mapping(
        legacy=[(_old("00070", "Phường Hàng Trống", "phuong"), "01")], current=[_new("00070", "Phường Hoàn Kiếm")]
    )
    assert mapping == {"00070": ("00070", "same_code")}


def test_a_kept_code_in_another_province_does_not_map():
    mapping = commune_mapping(legacy=[(_old("00070", "Xã A"), "01")], current=[_new("00070", "Xã B", province="02")])
    assert mapping == {}


def test_a_unique_name_maps_whatever_the_unit_word_and_tone_placement():
    legacy = [(_old("00100", "Thị trấn Hoà Bình", "thi_tran"), "01")]
    assert commune_mapping(legacy=legacy, current=[_new("00200", "Xã Hòa Bình")]) == {"00100": ("00200", "same_name")}


def test_names_that_differ_only_in_accents_do_not_map():
    legacy = [(_old("00100", "Xã Ân Nghĩa"), "01")]
    assert commune_mapping(legacy=legacy, current=[_new("00200", "Xã An Nghĩa")]) == {}


def test_an_ambiguous_name_does_not_map():
    two_new = commune_mapping(
        legacy=[(_old("00100", "Xã Tân Lập"), "01")],
        current=[_new("00200", "Xã Tân Lập"), _new("00300", "Phường Tân Lập", "phuong")],
    )
    assert two_new == {}
    two_old = commune_mapping(
        legacy=[(_old("00100", "Xã Tân Lập"), "01"), (_old("00101", "Xã Tân Lập"), "01")],
        current=[_new("00200", "Xã Tân Lập")],
    )
    assert two_old == {}


def test_a_rural_commune_is_not_matched_to_a_ward_by_name():
    legacy = [(_old("00100", "Xã Thanh Xuân"), "01")]
    assert commune_mapping(legacy=legacy, current=[_new("00200", "Phường Thanh Xuân", "phuong")]) == {}


def test_a_kept_code_wins_over_a_name():
    legacy = [(_old("00433", "Xã Thanh Xuân"), "01")]
    current = [_new("00433", "Xã Nội Bài"), _new("00367", "Xã Thanh Xuân")]
    assert commune_mapping(legacy=legacy, current=current) == {"00433": ("00433", "same_code")}


def test_tone_key_keeps_accents_but_not_their_placement():
    assert tone_key("Xã Hoà Bình") == tone_key("Thị trấn Hòa Bình") == tone_key("hòa bình")
    assert tone_key("Xã Ân Nghĩa") != tone_key("Xã An Nghĩa")
