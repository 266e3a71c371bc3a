"""``manage.py sign_result_dev AGENCY IN.pdf OUT.pdf``: sign a result PDF with the agency's development certificate.

For demos: an approval takes only a result PDF whose signature validates, and a real agency signs with its
own certificate. Not for production (the development CA is trusted only where ``DIGITIZATION_TRUST_ROOTS`` is
unset).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.agencies.models import Agency
from motcua.documents.signing import agency_result_sign_dev
from motcua.documents.validation import PDF, sniff


class Command(BaseCommand):
    help = "Sign a result PDF with the development certificate of an agency (demos only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("agency", help="Code of the agency, e.g. H42.18")
        parser.add_argument("source", type=Path, help="The unsigned PDF")
        parser.add_argument("target", type=Path, help="Where to write the signed PDF")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"No agency has the code {options['agency']!r}.")
        source: Path = options["source"]
        if not source.is_file():
            raise CommandError(f"No file {source}.")
        data = source.read_bytes()
        if sniff(data[:1024]) != PDF:
            raise CommandError(f"{source} is not a PDF.")
        options["target"].write_bytes(agency_result_sign_dev(data, agency=agency))
        self.stdout.write(f"Signed as {agency.name}: {options['target']}")
