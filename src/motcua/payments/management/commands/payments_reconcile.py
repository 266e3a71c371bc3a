"""``manage.py payments_reconcile [--date dd/mm/yyyy]``: settle payments whose notification was lost, list the
mismatches (docs/payments.md, "Reconciliation"). Run it from cron every few minutes and once after midnight
with the day before."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.payments import errors
from motcua.payments.reconcile import payments_reconcile


def _day(text: str) -> date:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CommandError(errors.payment_date_invalid().bilingual())


class Command(BaseCommand):
    help = "Ask the gateway about pending payments, settle them from its answer, and list the mismatches."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="every payment of this local day not paid (dd/mm/yyyy or yyyy-mm-dd)")

    def handle(self, *args: Any, **options: Any) -> None:
        report = payments_reconcile(day=_day(options["date"]) if options["date"] else None)
        for payment, verdict in report.asked:
            self.stdout.write(f"{payment.reference} {payment.dossier.code} {verdict} → {payment.status}")
        mismatches = list(report.mismatches)
        for event in mismatches:
            code = event.payment.dossier.code if event.payment else "-"
            self.stdout.write(f"MISMATCH {event.reference} {code} {event.verdict}: {event.note}")
        self.stdout.write(f"{len(report.asked)} asked, {len(mismatches)} mismatches")
