"""Where digitization keeps files: the content-addressed document store and each job's own folder.

Document files are named by the SHA-256 of their bytes (``documents/<sha[:2]>/<sha>.pdf``), so the same
bytes are stored once and a file left by an interrupted attempt is found again, not orphaned. A job's
inputs and staged results live under ``digitization/<job uid>/`` and are removed when the job ends.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage


def content_path(sha256: str) -> str:
    return f"documents/{sha256[:2]}/{sha256}.pdf"


def job_folder(job_uid: object) -> str:
    return f"digitization/{job_uid}"


def stored_sha256(name: str) -> str | None:
    if not default_storage.exists(name):
        return None
    digest = hashlib.sha256()
    with default_storage.open(name, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def put(name: str, data: bytes | File) -> str:
    """Write ``name`` exactly (replacing what is there): storages rename on conflict otherwise."""
    if default_storage.exists(name):
        default_storage.delete(name)
    content = ContentFile(data) if isinstance(data, bytes) else data
    saved = default_storage.save(name, content)
    assert saved == name, (saved, name)
    return saved


def put_content(sha256: str, source: Path) -> tuple[str, bool]:
    """Store a document's bytes at their content address. Returns (name, written by this call)."""
    name = content_path(sha256)
    if stored_sha256(name) == sha256:
        return name, False
    with open(source, "rb") as fh:
        put(name, File(fh))
    return name, True


def put_json(name: str, value: Any) -> None:
    put(name, json.dumps(value, ensure_ascii=False).encode())


def get_json(name: str) -> Any | None:
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as fh:
        return json.loads(fh.read().decode())


def fetch(name: str, target: Path) -> Path:
    with default_storage.open(name, "rb") as src, open(target, "wb") as dst:
        for chunk in iter(lambda: src.read(1 << 20), b""):
            dst.write(chunk)
    return target


def remove_folder(folder: str) -> None:
    """Delete every file under ``folder`` (and the folder where the storage has folders)."""
    try:
        dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for sub in dirs:
        remove_folder(f"{folder}/{sub}")
    for name in files:
        default_storage.delete(f"{folder}/{name}")
    location = getattr(default_storage, "location", None)
    if location:
        with contextlib.suppress(OSError):
            (Path(location) / folder).rmdir()
