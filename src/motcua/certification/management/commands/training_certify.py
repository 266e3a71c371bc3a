"""``manage.py training_certify USER STAGE FIELD [--until dd/mm/yyyy]``: certify (or renew) by decision."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from motcua.certification.commands import date_read, field_named, stage_named, user_named
from motcua.certification.models import CertificationBasis
from motcua.certification.services import certification_issue
from motcua.core.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Certify USER for STAGE (a stage code of the catalogue, e.g. receive) in FIELD (a field's code or name), "
        "until --until dd/mm/yyyy or for CERTIFICATION_VALID_MONTHS; renews a certification already held."
    )

    def add_arguments(self, parser):
        parser.add_argument("user")
        parser.add_argument("stage")
        parser.add_argument("field")
        parser.add_argument("--until", default="", help="The last valid day, dd/mm/yyyy.")

    def handle(self, *args, user: str, stage: str, field: str, until: str, **options):
        try:
            certification = certification_issue(
                user_named(user),
                stage_named(stage),
                field_named(field),
                basis=CertificationBasis.COMMAND,
                actor=None,
                until=date_read(until) if until else None,
            )
        except ApplicationError as error:
            raise CommandError(error.bilingual()) from error
        self.stdout.write(
            f"{certification.user.get_username()} · {certification.stage_code} · {certification.field.name}: "
            f"{certification.valid_until:%d/%m/%Y}"
        )
