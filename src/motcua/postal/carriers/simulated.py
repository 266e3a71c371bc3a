"""The built-in carrier: offline, deterministic, for development, demos and tests.

Nothing is stored for it. An order's whole story is derived from its tracking number, the seed and
``created_at``: a :class:`random.Random` seeded with ``"<seed>|<tracking number>"`` draws the delays and
which attempts fail, so the same order always walks the same path, on every machine and at every
tick, and :meth:`SimulatedCarrier.tick` only has to emit the events that are due by ``now`` and newer
than the order's ``last_event_at``. (Keeping a JSON state per order would need a field the model does not
have, and a second source of truth next to the tracking events.)

Each delivery order walks ``accepted → out_for_delivery → delivered``, or, when an attempt fails (with
probability ``failure_rate``), ``attempt_failed → out_for_delivery …`` and, after ``max_attempts``
failed attempts, ``returned_to_counter``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.conf import settings

from ..models import OrderKind, PostalOrder
from .base import FINAL_STATUSES, Carrier, CarrierEvent, carriers

FAILURE_REASONS = ("nobody at home", "address not found", "recipient refused", "phone unreachable")


@carriers.register("simulated")
class SimulatedCarrier(Carrier):
    def __init__(
        self,
        *,
        seed: int = 0,
        failure_rate: float | None = None,
        max_attempts: int | None = None,
        accept_after: timedelta = timedelta(hours=1),
        out_after: timedelta = timedelta(hours=12),
        attempt_duration: timedelta = timedelta(hours=3),
        retry_after: timedelta = timedelta(hours=21),
        return_after: timedelta = timedelta(hours=24),
    ) -> None:
        self.seed = seed
        self.failure_rate = settings.POSTAL_SIM_FAILURE_RATE if failure_rate is None else failure_rate
        self.max_attempts = settings.POSTAL_MAX_ATTEMPTS if max_attempts is None else max_attempts
        self.accept_after = accept_after
        self.out_after = out_after
        self.attempt_duration = attempt_duration
        self.retry_after = retry_after
        self.return_after = return_after

    # --- the operator's side ---------------------------------------------------------------------------------------

    def create_order(self, order: PostalOrder) -> str:
        return f"SIM-{order.tracking_number}"

    def cancel_order(self, order: PostalOrder) -> None:
        """Nothing to tell anyone: a cancelled order is no longer open, so :meth:`tick` skips it."""

    def poll(self, order: PostalOrder, *, now: datetime | None = None) -> list[CarrierEvent]:
        from django.utils import timezone

        now = now or timezone.now()
        return [event for event in self.story(order) if event.at <= now]

    # --- the simulation --------------------------------------------------------------------------------------------

    def story(self, order: PostalOrder) -> list[CarrierEvent]:
        """The order's every event from its creation to a final state, oldest first."""
        rng = random.Random(f"{self.seed}|{order.tracking_number}")  # noqa: S311 - a simulation, not a secret

        def later(at: datetime, delay: timedelta) -> datetime:
            # Jitter each delay by ±50 %, to the second, so events of different orders interleave.
            return at + timedelta(seconds=round(delay.total_seconds() * rng.uniform(0.5, 1.5)))

        events: list[CarrierEvent] = []

        def emit(kind: str, at: datetime, **details: object) -> None:
            events.append(
                CarrierEvent(
                    event_id=f"sim-{order.tracking_number}-{len(events) + 1}",
                    tracking_number=order.tracking_number,
                    kind=kind,
                    at=at,
                    details=dict(details),
                )
            )

        at = later(order.created_at, self.accept_after)
        emit("accepted", at)
        for attempt in range(1, self.max_attempts + 1):
            at = later(at, self.out_after if attempt == 1 else self.retry_after)
            emit("out_for_delivery", at, attempt=attempt)
            at = later(at, self.attempt_duration)
            if rng.random() >= self.failure_rate:
                emit(
                    "delivered",
                    at,
                    recipient_name=order.contact_name,
                    recipient_id_number=order.contact_id_number,
                    identity_checked=True,
                    recipient_relation="self",
                )
                return events
            emit("attempt_failed", at, attempt=attempt, reason=rng.choice(FAILURE_REASONS))
        emit("returned_to_counter", later(at, self.return_after))
        return events

    def open_orders(self) -> Iterator[PostalOrder]:
        return (
            PostalOrder.objects.filter(carrier=self.code, kind=OrderKind.DELIVERY)
            .exclude(status__in=FINAL_STATUSES)
            .only("pk", "tracking_number", "contact_name", "created_at", "last_event_at")
            .order_by("pk")
            .iterator(chunk_size=500)
        )

    def tick(self, now: datetime) -> list[CarrierEvent]:
        """The events due by ``now`` for every open order, not yet reflected by its ``last_event_at``,
        in time order (ingesting them twice is harmless: the ingest deduplicates by event id)."""
        due: list[CarrierEvent] = []
        for order in self.open_orders():
            after = order.last_event_at
            due += [e for e in self.story(order) if e.at <= now and (after is None or e.at > after)]
        due.sort(key=lambda e: (e.at, e.event_id))
        return due


__all__ = ["FAILURE_REASONS", "SimulatedCarrier"]
