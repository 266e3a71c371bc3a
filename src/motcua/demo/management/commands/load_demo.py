import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.agencies.demo import agencies_load_demo
from motcua.audit import events as audit
from motcua.certification.demo import certification_load_demo
from motcua.citizens.demo import DEMO_IDENTITIES, citizens_load_demo
from motcua.demo.users import DEMO_PASSWORD, demo_users_load
from motcua.dossiers.demo import dossiers_load_demo
from motcua.feedback.demo import feedback_load_demo
from motcua.indicators.demo import indicators_load_demo
from motcua.localities.services import localities_load
from motcua.mydossiers.demo import mydossiers_load_demo
from motcua.planner.demo import planner_load_demo
from motcua.postal.demo import postal_load_demo
from motcua.postal.tariffs import tariffs_load_demo
from motcua.procedures.demo import procedures_load_demo
from motcua.stages.demo import stages_load_demo
from motcua.submissions.demo import submissions_load_demo
from motcua.tickets.demo import queue_load_demo
from motcua.training.demo import training_load_demo


class Command(BaseCommand):
    help = (
        "Load the demo data (idempotent): localities, procedures, two provinces' agencies, one user per role, "
        "dossiers in every common state."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load demo users even when DEBUG is off (they have a published password).",
        )

    def handle(self, *args, allow_production: bool, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Dữ liệu mẫu chỉ dành cho môi trường thử (DEBUG). / Demo data is for DEBUG setups; "
                "pass --allow-production to load it anyway."
            )
        started = time.monotonic()
        summary: dict[str, int] = {}
        summary.update(localities_load())
        summary.update(procedures_load_demo())
        summary.update(agencies_load_demo())
        summary.update(tariffs_load_demo())
        users = demo_users_load()
        summary["demo_users"] = len(users)
        summary.update(stages_load_demo())
        summary.update(certification_load_demo())
        summary.update(training_load_demo())
        summary.update(dossiers_load_demo())
        summary.update(postal_load_demo())
        summary.update(planner_load_demo())
        summary.update(queue_load_demo(write=self.stdout.write))
        summary.update(citizens_load_demo())
        summary.update(mydossiers_load_demo())
        summary.update(submissions_load_demo())
        summary.update(feedback_load_demo())
        summary.update(indicators_load_demo())
        audit.demo_data_loaded(summary=summary)
        elapsed = time.monotonic() - started
        shown = (
            "provinces",
            "communes",
            "legacy_communes",
            "procedures",
            "agencies",
            "receiving_points",
            "counters",
            "dossiers",
        )
        counts = ", ".join(f"{summary[key]} {key.replace('_', ' ')}" for key in shown)
        self.stdout.write(f"Demo data ready in {elapsed:.1f} s: {counts}")
        self.stdout.write(f"Demo logins (password '{DEMO_PASSWORD}' for all):")
        for user in users:
            self.stdout.write(f"  {user.username:<11} {user.role.label} – {user.full_name}")
        self.stdout.write("Citizens sign in at /cong-dan/dang-nhap/ (local identity provider), same password:")
        for identity in DEMO_IDENTITIES:
            self.stdout.write(f"  {identity['number']:<13} {identity['full_name']}")
