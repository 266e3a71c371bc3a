import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from motcua.core.errors import ApplicationError
from motcua.localities.services import localities_load


class Command(BaseCommand):
    help = (
        "Load today's map (34 provinces, 3,321 communes), the map before 1/7/2025 and the old-to-new mapping. "
        "Does nothing, quickly, when the tables already hold this data; --force reloads."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Reload even when the data is already loaded.")

    def handle(self, *args, force: bool, **options):
        started = time.perf_counter()
        try:
            counts = localities_load(force=force)
        except ApplicationError as error:
            raise CommandError(error.bilingual()) from error
        elapsed = time.perf_counter() - started
        lines = [
            _("Provinces: %(n)d") % {"n": counts["provinces"]},
            _("Communes, wards and special zones: %(n)d") % {"n": counts["communes"]},
            _("Before 1/7/2025: %(provinces)d provinces, %(districts)d districts, %(communes)d communes")
            % {
                "provinces": counts["legacy_provinces"],
                "districts": counts["legacy_districts"],
                "communes": counts["legacy_communes"],
            },
            _("Old communes mapped: %(code)d by kept code, %(name)d by name, %(manual)d by hand; %(none)d unmapped")
            % {
                "code": counts["mapped_same_code"],
                "name": counts["mapped_same_name"],
                "manual": counts["mapped_manual"],
                "none": counts["unmapped"],
            },
            (_("Loaded in %(seconds).2f s.") if counts["written"] else _("Already loaded (%(seconds).2f s)."))
            % {"seconds": elapsed},
        ]
        self.stdout.write("\n".join(lines))
