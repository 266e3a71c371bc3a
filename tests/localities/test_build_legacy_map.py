"""scripts/build_legacy_map.py and the committed file it writes."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

from motcua.localities.datasets import LEGACY_MAP_PATH, read_legacy_map

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_legacy_map.py"

SAMPLE = [
    {
        "name": "Tỉnh Hà Giang",
        "code": 2,
        "codename": "tinh_ha_giang",
        "division_type": "tỉnh",
        "phone_code": 219,
        "districts": [
            {
                "name": "Thành Phố Hà Giang",
                "code": 24,
                "division_type": "huyện",
                "wards": [
                    {"name": "Phường Quang Trung", "code": 688, "division_type": "xã"},
                    {"name": "Thị trấn Việt Quang", "code": 700, "division_type": "xã"},
                ],
            }
        ],
    }
]


def _script():
    spec = importlib.util.spec_from_file_location("build_legacy_map", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_writes_a_compact_deterministic_file(tmp_path):
    source = tmp_path / "nested-divisions.json"
    source.write_text(json.dumps(SAMPLE, ensure_ascii=False), encoding="utf-8")
    output = tmp_path / "legacy.json.gz"
    script = _script()
    assert script.main([str(source), "-o", str(output)]) == 0
    first = output.read_bytes()
    script.main([str(source), "-o", str(output)])
    assert output.read_bytes() == first
    document = json.loads(gzip.decompress(first))
    assert document["provinces"] == [["02", "Hà Giang", "tinh", "ha_giang", 219]]
    assert document["districts"] == [["024", "Thành phố Hà Giang", "thanh_pho", "02"]]
    assert document["communes"] == [
        ["00688", "Phường Quang Trung", "phuong", "024"],
        ["00700", "Thị trấn Việt Quang", "thi_tran", "024"],
    ]


def test_committed_file_is_small_and_says_where_it_comes_from():
    assert LEGACY_MAP_PATH.stat().st_size < 1_000_000
    header, provinces, districts, communes = read_legacy_map()
    assert header["source"]["package"] == "vietnam-provinces"
    assert header["source"]["version"] == "0.6.0"
    assert header["note"]
    assert header["counts"] == {"provinces": len(provinces), "districts": len(districts), "communes": len(communes)}
    assert (len(provinces), len(districts), len(communes)) == (63, 696, 10051)
