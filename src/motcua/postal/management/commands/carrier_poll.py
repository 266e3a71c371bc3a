"""Polling fallback: ask carriers about open orders whose last event is older than POSTAL_POLL_AFTER_MINUTES."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Q
from django.utils import timezone

from motcua.core.errors import ApplicationError
from motcua.postal.carriers import carriers
from motcua.postal.carriers.base import FINAL_STATUSES
from motcua.postal.models import OrderKind, PostalOrder
from motcua.postal.tracking import tracking_event_ingest


class Command(BaseCommand):
    help = "Poll the carriers for open postal orders that have been quiet too long, and ingest what they report."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=1000, help="orders polled at most in one run")
        parser.add_argument("--carrier", help="only this carrier")

    def handle(self, *args: Any, **options: Any) -> None:
        cutoff = timezone.now() - timedelta(minutes=settings.POSTAL_POLL_AFTER_MINUTES)
        quiet = Q(last_event_at__lt=cutoff) | Q(last_event_at__isnull=True, created_at__lt=cutoff)
        orders = (
            PostalOrder.objects.filter(quiet, kind=OrderKind.DELIVERY)
            .exclude(status__in=FINAL_STATUSES)
            .order_by("last_event_at", "pk")
        )
        if options["carrier"]:
            orders = orders.filter(carrier=options["carrier"])
        counts: Counter[str] = Counter()
        polled = failed = 0
        for order in orders[: options["limit"]]:
            if order.carrier not in carriers:
                continue
            try:
                events = carriers.get(order.carrier).poll(order)
            except ApplicationError as exc:
                failed += 1
                self.stderr.write(f"{order.tracking_number}: {exc.bilingual()}")
                continue
            polled += 1
            for event in events:
                counts[tracking_event_ingest(carrier=order.carrier, event=event).outcome.value] += 1
        summary = ", ".join(f"{outcome} {count}" for outcome, count in sorted(counts.items())) or "no events"
        self.stdout.write(f"polled {polled} orders ({failed} failed): {summary}")
