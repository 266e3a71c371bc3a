"""``manage.py training_revoke USER STAGE FIELD --reason TEXT``: revoke what USER holds for the stage and field."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from motcua.certification.commands import field_named, stage_named, user_named
from motcua.certification.services import certifications_revoke
from motcua.core.errors import ApplicationError


class Command(BaseCommand):
    help = "Revoke USER's certifications for STAGE in FIELD (a field's code or name), with a reason (audited)."

    def add_arguments(self, parser):
        parser.add_argument("user")
        parser.add_argument("stage")
        parser.add_argument("field")
        parser.add_argument("--reason", required=True)

    def handle(self, *args, user: str, stage: str, field: str, reason: str, **options):
        try:
            revoked = certifications_revoke(
                user_named(user), stage_named(stage), field_named(field), reason=reason, actor=None
            )
        except ApplicationError as error:
            raise CommandError(error.bilingual()) from error
        self.stdout.write(f"{len(revoked)} revoked")
