"""``manage.py watch_scans DIR --point CODE``: digitize what a scanner saves into a folder.

A file is named ``<owner ID number>_<type>_<anything>.<ext>`` (the type with ``-`` for spaces), or has
a sidecar ``<file>.json`` with ``{"owner": "...", "type": "...", "title": "..."}``. A file is taken only
once its size has stayed the same for ``--settle`` seconds (the scanner has finished writing), then
moved to ``DIR/processing/`` before it is processed, so no file is processed twice, and finally to
``DIR/done/`` or to ``DIR/failed/`` with a ``.error.txt`` beside it.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.agencies.models import ReceivingPoint
from motcua.core.errors import ApplicationError
from motcua.core.identity import ID_NUMBER_FORMS
from motcua.documents.models import JobStatus
from motcua.documents.services import digitization_job_create, digitization_job_run

NAME = re.compile(rf"^(?P<owner>{ID_NUMBER_FORMS})_(?P<kind>[^_]+)(?:_.*)?$")
EXTENSIONS = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}


def describe(path: Path) -> dict[str, str] | None:
    """Owner, type and title of a scanned file, from its sidecar or its name; None if neither says."""
    sidecar = path.with_name(path.name + ".json")
    if sidecar.exists():
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        kind = str(data.get("type", ""))
        return {"owner": str(data.get("owner", "")), "kind": kind, "title": str(data.get("title") or kind)}
    match = NAME.match(path.stem)
    if not match:
        return None
    kind = match["kind"].replace("-", " ")
    return {"owner": match["owner"], "kind": kind, "title": kind}


class Command(BaseCommand):
    help = "Watch a folder a scanner saves into and digitize each file (owner and type from its name or sidecar)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument("--point", required=True, help="Code of the receiving point the scanner belongs to.")
        parser.add_argument("--once", action="store_true", help="Process what is there and stop.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between looks.")
        parser.add_argument("--settle", type=float, default=2.0, help="Seconds a file's size must stay unchanged.")

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path = options["folder"]
        point = ReceivingPoint.objects.filter(code=options["point"]).first()
        if point is None:
            raise CommandError(f"No receiving point with the code {options['point']}")
        for sub in ("processing", "done", "failed"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        # Files left in processing/ by a crash are retried first.
        for left in sorted((folder / "processing").iterdir()):
            if left.suffix.lower() in EXTENSIONS:
                self._process(left, folder, point)
        sizes: dict[Path, int] = {}
        while True:
            for path in sorted(folder.iterdir()):
                if not path.is_file() or path.suffix.lower() not in EXTENSIONS:
                    continue
                size = path.stat().st_size
                if not options["once"] and sizes.get(path) != size:
                    sizes[path] = size  # seen growing or for the first time: wait for the next look
                    continue
                sizes.pop(path, None)
                self._process(self._claim(path, folder), folder, point)
            if options["once"]:
                return
            time.sleep(options["interval"] if options["settle"] <= options["interval"] else options["settle"])

    def _claim(self, path: Path, folder: Path) -> Path:
        target = folder / "processing" / path.name
        sidecar = path.with_name(path.name + ".json")
        if sidecar.exists():
            sidecar.rename(folder / "processing" / sidecar.name)
        path.rename(target)
        return target

    def _process(self, path: Path, folder: Path, point: ReceivingPoint) -> None:
        about = describe(path)
        try:
            if about is None:
                raise CommandError(
                    f"{path.name}: name it <ID number>_<type>_….{path.suffix.lstrip('.')} or add {path.name}.json"
                )
            job = digitization_job_create(
                files=[path],
                owner_id_number=about["owner"],
                kind=about["kind"],
                title=about["title"],
                actor=None,
                receiving_point=point,
                enqueue=False,
            )
            job = digitization_job_run(job_id=job.pk)
            if job.status != JobStatus.DONE:
                raise CommandError(job.error_message or job.status)
        except (ApplicationError, CommandError) as exc:
            message = exc.bilingual() if isinstance(exc, ApplicationError) else str(exc)
            self._move(path, folder / "failed")
            (folder / "failed" / f"{path.name}.error.txt").write_text(message + "\n", encoding="utf-8")
            self.stderr.write(f"failed {path.name}: {message}")
            return
        self._move(path, folder / "done")
        uids = ", ".join(str(d.uid) for d in job.documents.all())
        self.stdout.write(f"done {path.name}: {uids}")

    def _move(self, path: Path, target: Path) -> None:
        sidecar = path.with_name(path.name + ".json")
        for item in (path, sidecar):
            if item.exists():
                shutil.move(str(item), str(target / item.name))
