"""When dossiers are received: the year's days weighted by weekday and month, the day's receptions by half hour.

**Deterministic.** Every day of the year gets its share of N (weekday and month seasonality, largest remainders)
and its own random generator seeded with ``seed`` and the day, so a day's dossiers are the same whatever the batch
they are written in; the same parameters give the same rows (database ids aside)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from motcua.core.localtime import LOCAL_TIME_ZONE, local_date

from .plan import SynthPlan

if TYPE_CHECKING:
    from .world import World


WEEKDAY_WEIGHT = (1.25, 1.1, 1.0, 1.0, 0.9, 0.45, 0.3)  # Monday … Sunday (a working weekend day is a make-up day)
MONTH_WEIGHT = (1.1, 0.7, 1.05, 1.0, 0.95, 1.0, 1.0, 1.05, 1.0, 1.05, 1.1, 1.2)  # Tết in February, rush in December
# Receptions per half hour of the day from 07:00 (a morning peak, a quieter afternoon).
HALF_HOURS = (
    (7, 0, 5),
    (7, 30, 8),
    (8, 0, 10),
    (8, 30, 10),
    (9, 0, 9),
    (9, 30, 8),
    (10, 0, 7),
    (10, 30, 5),
    (11, 0, 2),
    (13, 30, 4),
    (14, 0, 6),
    (14, 30, 6),
    (15, 0, 5),
    (15, 30, 4),
    (16, 0, 3),
    (16, 30, 2),
)


def day_counts(days: list[date], count: int) -> list[tuple[date, int]]:
    """N spread over the days by weekday and month (largest remainders: the counts add up to N exactly)."""
    weights = [WEEKDAY_WEIGHT[d.weekday()] * MONTH_WEIGHT[d.month - 1] for d in days]
    total = sum(weights)
    exact = [count * w / total for w in weights]
    counts = [int(x) for x in exact]
    for index in sorted(range(len(days)), key=lambda i: (counts[i] - exact[i], i))[: count - sum(counts)]:
        counts[index] += 1
    return list(zip(days, counts, strict=True))


def day_dossiers(world: World, plan: SynthPlan, day: date, count: int) -> Iterator[dict[str, Any]]:
    """The day's dossiers in reception order, each a dict of what :func:`.story.dossier_rows` writes."""
    rng = random.Random(f"{plan.seed}:{day.toordinal()}:{plan.province}")  # noqa: S311 - data, not secrets
    slots = [(h, m) for h, m, _ in HALF_HOURS]
    slot_weights = [w for _, _, w in HALF_HOURS]
    opening = datetime(day.year, day.month, day.day, tzinfo=LOCAL_TIME_ZONE)
    times = sorted(
        opening + timedelta(hours=h, minutes=m, seconds=rng.randrange(1800))
        for h, m in rng.choices(slots, slot_weights, k=count)
    )
    channels, shares = world.channels
    for received_at in times:
        channel = rng.choices(channels, shares)[0]
        pool, weights = world.routes[channel]
        route = rng.choices(pool, weights)[0]
        received_at = route.calendar.next_working_instant(received_at)
        if local_date(received_at) != day:  # after this point's closing: the last instant of its day
            received_at = route.calendar.closing_of(day)
        yield {
            "rng": random.Random(rng.getrandbits(64)),  # noqa: S311 - data, not secrets
            "route": route,
            "channel": channel,
            "received_at": received_at,
        }
