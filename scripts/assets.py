#!/usr/bin/env python3
"""Install the front-end files listed in ``assets.lock.json`` from the npm registry.

Each package's tarball is downloaded once, checked against the ``integrity`` (sha512) the lock records,
and the listed files are copied into ``src/motcua/core/static/vendor/``. Nothing is fetched when the
files are already there from the same lock, so a second ``make run`` costs nothing; the app itself
never fetches anything at run time. Standard library only: it runs before the venv exists.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import sys
import tarfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "assets.lock.json"
VENDOR = ROOT / "src" / "motcua" / "core" / "static" / "vendor"
STAMP = VENDOR / ".installed.json"
REGISTRY = os.environ.get("NPM_REGISTRY", "https://registry.npmjs.org").rstrip("/")


def tarball_url(package: str, version: str) -> str:
    name = package.rsplit("/", 1)[-1]
    return f"{REGISTRY}/{package}/-/{name}-{version}.tgz"


def check_integrity(data: bytes, integrity: str) -> None:
    algorithm, _, expected = integrity.partition("-")
    if algorithm != "sha512":
        raise SystemExit(f"assets: unsupported integrity algorithm {algorithm!r}")
    actual = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if actual != expected:
        raise SystemExit(f"assets: integrity mismatch for a downloaded tarball (expected {integrity})")


def install(asset: dict) -> None:
    url = tarball_url(asset["package"], asset["version"])
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - fixed https registry URL
        data = response.read()
    check_integrity(data, asset["integrity"])
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member, target in asset["files"].items():
            source = archive.extractfile(member)
            if source is None:
                raise SystemExit(f"assets: {member} is not in {asset['package']}@{asset['version']}")
            destination = VENDOR / target
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(source.read())
    print(f"assets: {asset['package']}@{asset['version']}")


def main() -> int:
    lock = json.loads(LOCK.read_text(encoding="utf-8"))
    wanted = lock["assets"]
    installed = json.loads(STAMP.read_text(encoding="utf-8")) if STAMP.exists() else None
    present = all((VENDOR / t).exists() for a in wanted for t in a["files"].values())
    if installed == wanted and present:
        return 0
    for asset in wanted:
        install(asset)
    STAMP.write_text(json.dumps(wanted, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
