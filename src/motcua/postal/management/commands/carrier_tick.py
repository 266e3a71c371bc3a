"""Advance the simulated carrier to a moment and ingest the events that are due (for cron and demos)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.postal.carriers import carrier_for
from motcua.postal.carriers.simulated import SimulatedCarrier
from motcua.postal.tracking import tracking_event_ingest


class Command(BaseCommand):
    help = "Advance the simulated postal carrier and ingest its due tracking events."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", help="ISO date and time to advance to (default: now)")
        parser.add_argument("--seed", type=int, default=0, help="simulation seed (default 0)")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.POSTAL_CARRIER != "simulated":
            # The simulated carrier invents deliveries: never beside a real carrier (docs/security.md).
            raise CommandError("POSTAL_CARRIER is not `simulated`: refusing to invent carrier events.")
        now = timezone.now()
        if options["now"]:
            try:
                now = datetime.fromisoformat(options["now"])
            except ValueError:
                raise CommandError(f"--now: not an ISO date and time: {options['now']}") from None
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        carrier = carrier_for("simulated")
        assert isinstance(carrier, SimulatedCarrier)
        carrier.seed = options["seed"]
        counts: Counter[str] = Counter()
        events = carrier.tick(now)
        for event in events:
            counts[tracking_event_ingest(carrier=carrier.code, event=event).outcome.value] += 1
        summary = ", ".join(f"{outcome} {count}" for outcome, count in sorted(counts.items())) or "nothing due"
        self.stdout.write(f"simulated carrier at {now.isoformat()}: {len(events)} events ({summary})")
