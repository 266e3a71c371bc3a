"""``manage.py training_generate [--procedure CODE]``: lessons and questions from the published catalogue."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from motcua.core.errors import ApplicationError
from motcua.training.generated import material_generate


class Command(BaseCommand):
    help = (
        "Generate (or bring up to date) the lesson and questions of every procedure's published version, or of "
        "one procedure. Idempotent: a second run changes nothing. Questions of versions no longer published are "
        "deactivated, not deleted. Tells no one to review: a publication does that."
    )

    def add_arguments(self, parser):
        parser.add_argument("--procedure", default="", help="The national code of one procedure, e.g. 1.001193.")

    def handle(self, *args, procedure: str, **options):
        try:
            result = material_generate(procedure_code=procedure.strip())
        except ApplicationError as error:
            raise CommandError(error.bilingual()) from None
        self.stdout.write(
            f"lessons_written={result.lessons_written} questions_created={result.questions_created} "
            f"questions_updated={result.questions_updated} questions_deactivated={result.questions_deactivated}"
        )
