"""Keys for names as people write them, and one-line addresses."""

from __future__ import annotations

import pytest

from motcua.localities.naming import address_split, name_key, strip_unit_prefix


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Bà Rịa - Vũng Tàu", "ba ria vung tau"),
        ("  Huyện   M'Đrắk ", "huyen m drak"),
        ("TP.HCM", "tp hcm"),
    ],
)
def test_name_key_folds_and_drops_punctuation(written, key):
    assert name_key(written) == key


@pytest.mark.parametrize(
    ("key", "bare"),
    [
        ("huyen dan phuong", "dan phuong"),
        ("thi xa son tay", "son tay"),
        ("thanh pho ho chi minh", "ho chi minh"),
        ("p ben nghe", "ben nghe"),
        ("quan 1", "1"),
        ("a luoi", "a luoi"),
        ("xa", "xa"),
    ],
)
def test_strip_unit_prefix_drops_one_unit_word(key, bare):
    assert strip_unit_prefix(key) == bare


@pytest.mark.parametrize(
    ("address", "parts"),
    [
        ("Xã Tân Lập, Huyện Đan Phượng, Thành phố Hà Nội", ("Thành phố Hà Nội", "Huyện Đan Phượng", "Xã Tân Lập")),
        ("Số 5 Lê Lợi, Phường Bến Nghé, Quận 1, TP.HCM", ("TP.HCM", "Quận 1", "Phường Bến Nghé")),
        ("Thị trấn Nam Đàn, Nghệ An", ("Nghệ An", "", "Thị trấn Nam Đàn")),
        ("Huyện Gia Lâm, Hà Nội", ("Hà Nội", "Huyện Gia Lâm", "")),
        ("Tỉnh Hà Giang", ("Tỉnh Hà Giang", "", "")),
        (" , ", ("", "", "")),
    ],
)
def test_address_split_reads_from_the_right(address, parts):
    assert address_split(address) == parts
