"""The bundled map data: today's map from the installed ``vietnam-provinces`` package, the old map and
the province merger from files committed under ``localities/data``. Reading only; no database.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

from .models import DivisionType

DATA_DIR = Path(__file__).resolve().parent / "data"
LEGACY_MAP_PATH = DATA_DIR / "legacy-2024.json.gz"
PROVINCE_MERGER_PATH = DATA_DIR / "province-merger-2025.json"
CURRENT_PACKAGE = "vietnam-provinces"

# Bump when the rules that derive the commune mapping change, so the next load recomputes it.
MAPPING_RULES_VERSION = "1"

# The installed package spells division types in Vietnamese.
_CURRENT_TYPES = {
    "tỉnh": DivisionType.PROVINCE,
    "thành phố trung ương": DivisionType.CENTRAL_CITY,
    "xã": DivisionType.COMMUNE,
    "phường": DivisionType.WARD,
    "đặc khu": DivisionType.SPECIAL_ZONE,
}


@dataclass(frozen=True)
class Unit:
    """One administrative unit as the data files give it; ``parent`` is the code of the unit above."""

    code: str
    name: str
    division_type: str
    parent: str = ""
    codename: str = ""
    phone_code: int | None = None


@dataclass(frozen=True)
class Dataset:
    provinces: list[Unit]
    communes: list[Unit]
    legacy_provinces: list[Unit]
    legacy_districts: list[Unit]
    legacy_communes: list[Unit]
    merger: dict[str, str]  # legacy province code → province code since 1/7/2025
    version: str


def current_map_path() -> Path:
    """Where the installed package keeps its data, found without importing it (its import is slow)."""
    spec = importlib.util.find_spec("vietnam_provinces")
    if spec is None or spec.origin is None:
        raise RuntimeError("the vietnam-provinces package is not installed")
    return Path(spec.origin).parent / "data" / "nested-divisions.json"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def dataset_version() -> str:
    """A short fingerprint of everything a load reads, compared with the stored one to skip reloads."""
    package = importlib.metadata.version(CURRENT_PACKAGE)
    return (
        f"{CURRENT_PACKAGE} {package} {_digest(current_map_path())}; "
        f"legacy {_digest(LEGACY_MAP_PATH)}; merger {_digest(PROVINCE_MERGER_PATH)}; rules {MAPPING_RULES_VERSION}"
    )


def read_current_map(path: Path | None = None) -> tuple[list[Unit], list[Unit]]:
    """Today's provinces and communes, codes zero-padded (2 and 5 digits)."""
    provinces: list[Unit] = []
    communes: list[Unit] = []
    for province in json.loads((path or current_map_path()).read_text(encoding="utf-8")):
        code = f"{province['code']:02d}"
        provinces.append(
            Unit(
                code=code,
                name=province["name"],
                division_type=_CURRENT_TYPES[province["division_type"]],
                codename=province["codename"],
                phone_code=province.get("phone_code"),
            )
        )
        communes.extend(
            Unit(
                code=f"{ward['code']:05d}",
                name=ward["name"],
                division_type=_CURRENT_TYPES[ward["division_type"]],
                parent=code,
                codename=ward["codename"],
            )
            for ward in province["wards"]
        )
    return provinces, communes


def read_legacy_map(path: Path = LEGACY_MAP_PATH) -> tuple[dict, list[Unit], list[Unit], list[Unit]]:
    """The old map from the committed file: its header, then provinces, districts and communes."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        document = json.load(handle)
    header = {key: document[key] for key in ("format", "title", "source", "note", "counts")}
    provinces = [
        Unit(code=code, name=name, division_type=kind, codename=codename, phone_code=phone)
        for code, name, kind, codename, phone in document["provinces"]
    ]
    districts = [
        Unit(code=code, name=name, division_type=kind, parent=p) for code, name, kind, p in document["districts"]
    ]
    communes = [
        Unit(code=code, name=name, division_type=kind, parent=d) for code, name, kind, d in document["communes"]
    ]
    return header, provinces, districts, communes


def read_province_merger(path: Path = PROVINCE_MERGER_PATH) -> dict[str, str]:
    """Legacy province code → the code of the province it is part of since 1 July 2025."""
    document = json.loads(path.read_text(encoding="utf-8"))
    return {row["legacy_code"]: row["new_code"] for row in document["merger"]}


def dataset_read() -> Dataset:
    provinces, communes = read_current_map()
    _header, legacy_provinces, legacy_districts, legacy_communes = read_legacy_map()
    return Dataset(
        provinces=provinces,
        communes=communes,
        legacy_provinces=legacy_provinces,
        legacy_districts=legacy_districts,
        legacy_communes=legacy_communes,
        merger=read_province_merger(),
        version=dataset_version(),
    )
