"""``manage.py digitize FILE... --owner ID --type TYPE``: the digitization pipeline on files, now."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.agencies.models import ReceivingPoint
from motcua.core.errors import ApplicationError
from motcua.documents.models import JobStatus
from motcua.documents.services import digitization_job_create, digitization_job_run


class Command(BaseCommand):
    help = "Digitize files (validate, OCR, PDF/A, sign, store) as one document; print its id, SHA-256 and path."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--owner", required=True, help="The owner's ID number (12 digits) or tax code.")
        parser.add_argument("--type", required=True, dest="kind", help="Document type, e.g. “Giấy khai sinh”.")
        parser.add_argument("--title", default="", help="Title (default: the type).")
        parser.add_argument("--point", default="", help="Code of the receiving point whose certificate signs.")
        parser.add_argument("--split", action="store_true", help="Cut into several documents at separator sheets.")

    def handle(self, *args: Any, **options: Any) -> None:
        point = None
        if options["point"]:
            point = ReceivingPoint.objects.filter(code=options["point"]).first()
            if point is None:
                raise CommandError(f"No receiving point with the code {options['point']}")
        try:
            job = digitization_job_create(
                files=options["files"],
                owner_id_number=options["owner"],
                kind=options["kind"],
                title=options["title"] or options["kind"],
                actor=None,
                receiving_point=point,
                split_at_separators=options["split"],
                enqueue=False,
            )
        except ApplicationError as exc:
            raise CommandError(exc.bilingual()) from exc
        job = digitization_job_run(job_id=job.pk)
        if job.status != JobStatus.DONE:
            raise CommandError(job.error_message or job.status)
        for document in job.documents.order_by("pk"):
            name = str(document.file.name)
            try:
                where = default_storage.path(name)
            except NotImplementedError:  # an object store has no local path
                where = name
            self.stdout.write(f"{document.uid}\t{document.sha256}\t{where}")
