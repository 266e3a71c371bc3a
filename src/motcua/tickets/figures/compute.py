"""The queue's figures: what the tickets say about the waits at a centre, against Decision 468's 15 minutes.

Decision 468/QĐ-TTg sets the target — at most ``QUEUE_WAIT_TARGET_MINUTES`` (15) minutes from the ticket to the
call — but no share of visitors that must meet it; motcua sets that share (``QUEUE_TARGET_SHARE``, 0.9 by default),
and a day **meets the target** when at least that share of the visitors called that day waited no longer than the
target. A day on which nobody was called has no verdict (``None``), never a pass.

Definitions (docs/queue.md), per ticket of the period (``Ticket.day``, the local day it was issued):

* arrivals: tickets issued; called: tickets called at least once (``called_at``, the first call);
* wait: ``called_at − issued_at`` of the called tickets (a transfer keeps the first call: a wait counts once);
* service: ``finished_at − called_at`` of the tickets served (status done);
* abandonment: tickets cancelled by the visitor or expired unserved at closing, and their share of the arrivals;
  no-shows: tickets called that nobody answered; priority and appointment shares of the arrivals;
* ratings: the counter ratings of those tickets, by score, with the reasons ticked most often.

Each figure is given for the whole scope, per centre, per day, per hour of the day (the local hour the ticket was
issued, ``motcua.core.localtime``), per counter (the one that called it last) and per clerk (the one who called
it). Counts are grouped in the database in one query; the percentiles need every wait, so the waits and service
times of the period are read as narrow rows (one centre-month is tens of thousands: bounded) and sorted in
Python. Five queries, whatever the size of the scope.
"""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.db.models.functions import ExtractHour
from django.utils.translation import gettext as _

from motcua.agencies.models import Counter, ReceivingPoint
from motcua.core.localtime import LOCAL_TIME_ZONE
from motcua.core.stats import percentile_interpolated
from motcua.tickets.models import CounterRating, RatingScore, Ticket, TicketChannel, TicketStatus
from motcua.tickets.models.rating import RATING_REASONS

DATE_FORMAT = "%d/%m/%Y"
TOP_REASONS = 3


def percentile(ordered: Sequence[float], q: float) -> float | None:
    """The ``q`` quantile of sorted values by linear interpolation (as ``stages.measure`` computes its p90)."""
    return percentile_interpolated(ordered, q) if ordered else None


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


@dataclass
class Bucket:
    """The figures of one group of tickets (a centre, a day, an hour, a counter, a clerk, or all of them)."""

    key: Any
    label: str
    target_minutes: float
    target_share: float
    arrivals: int = 0
    served: int = 0
    cancelled: int = 0
    expired: int = 0
    no_shows: int = 0
    priority: int = 0
    appointments: int = 0
    waits: list[float] = field(default_factory=list)  # minutes, sorted by :meth:`close`
    services: list[float] = field(default_factory=list)  # minutes, sorted by :meth:`close`
    ratings: Tally[str] = field(default_factory=Tally)
    reasons: Tally[str] = field(default_factory=Tally)

    def close(self) -> None:
        self.waits.sort()
        self.services.sort()

    # --- waits
    @property
    def called(self) -> int:
        return len(self.waits)

    @property
    def wait_mean(self) -> float | None:
        return _mean(self.waits)

    @property
    def wait_median(self) -> float | None:
        return percentile(self.waits, 0.5)

    @property
    def wait_p90(self) -> float | None:
        return percentile(self.waits, 0.9)

    @property
    def wait_max(self) -> float | None:
        return self.waits[-1] if self.waits else None

    @property
    def within_target(self) -> int:
        return sum(1 for wait in self.waits if wait <= self.target_minutes)

    @property
    def within_share(self) -> float | None:
        return _share(self.within_target, self.called)

    @property
    def target_met(self) -> bool | None:
        """At least ``QUEUE_TARGET_SHARE`` of the visitors called waited at most the target; None: nobody called."""
        share = self.within_share
        return None if share is None else share >= self.target_share

    # --- service, abandonment, mix
    @property
    def service_mean(self) -> float | None:
        return _mean(self.services)

    @property
    def service_p90(self) -> float | None:
        return percentile(self.services, 0.9)

    @property
    def abandoned(self) -> int:
        return self.cancelled + self.expired

    @property
    def abandoned_share(self) -> float | None:
        return _share(self.abandoned, self.arrivals)

    @property
    def no_show_share(self) -> float | None:
        return _share(self.no_shows, self.arrivals)

    @property
    def priority_share(self) -> float | None:
        return _share(self.priority, self.arrivals)

    @property
    def appointment_share(self) -> float | None:
        return _share(self.appointments, self.arrivals)

    # --- ratings
    @property
    def rated(self) -> int:
        return sum(self.ratings.values())

    @property
    def satisfied_share(self) -> float | None:
        return _share(self.ratings[RatingScore.SATISFIED], self.rated)

    @property
    def neutral_share(self) -> float | None:
        return _share(self.ratings[RatingScore.NEUTRAL], self.rated)

    @property
    def dissatisfied_share(self) -> float | None:
        return _share(self.ratings[RatingScore.DISSATISFIED], self.rated)

    @property
    def top_reasons(self) -> list[tuple[str, str, int]]:
        """The reasons ticked most often: (code, label, count), most first, ties by code."""
        ranked = sorted(self.reasons.items(), key=lambda item: (-item[1], item[0]))[:TOP_REASONS]
        return [(code, str(RATING_REASONS.get(code, code)), count) for code, count in ranked]

    def as_dict(self) -> dict[str, Any]:
        """The figures as plain JSON values (the command's ``--json``)."""
        return {
            "label": self.label,
            "arrivals": self.arrivals,
            "called": self.called,
            "served": self.served,
            "wait_mean": self.wait_mean,
            "wait_median": self.wait_median,
            "wait_p90": self.wait_p90,
            "wait_max": self.wait_max,
            "within_target": self.within_target,
            "within_share": self.within_share,
            "target_met": self.target_met,
            "service_mean": self.service_mean,
            "service_p90": self.service_p90,
            "cancelled": self.cancelled,
            "expired": self.expired,
            "abandoned_share": self.abandoned_share,
            "no_shows": self.no_shows,
            "priority_share": self.priority_share,
            "appointment_share": self.appointment_share,
            "rated": self.rated,
            "satisfied_share": self.satisfied_share,
            "neutral_share": self.neutral_share,
            "dissatisfied_share": self.dissatisfied_share,
            "top_reasons": [{"code": code, "count": count} for code, _label, count in self.top_reasons],
        }


@dataclass
class Figures:
    """The figures of ``points`` from ``start`` to ``end`` (local days, both included)."""

    points: list[ReceivingPoint]
    start: date
    end: date
    target_minutes: float
    target_share: float
    total: Bucket
    by_point: list[Bucket]
    by_day: list[Bucket]
    by_hour: list[Bucket]
    by_counter: list[Bucket]
    by_clerk: list[Bucket]

    @property
    def days_measured(self) -> int:
        return sum(1 for day in self.by_day if day.target_met is not None)

    @property
    def days_met(self) -> int:
        return sum(1 for day in self.by_day if day.target_met)

    @property
    def period_label(self) -> str:
        if self.start == self.end:
            return self.start.strftime(DATE_FORMAT)
        return f"{self.start.strftime(DATE_FORMAT)} – {self.end.strftime(DATE_FORMAT)}"


class _Groups:
    """Buckets by key, created on first use, in the order asked for at the end."""

    def __init__(self, target_minutes: float, target_share: float) -> None:
        self.target = (target_minutes, target_share)
        self.buckets: dict[Any, Bucket] = {}

    def __getitem__(self, key: Any) -> Bucket:
        if key not in self.buckets:
            self.buckets[key] = Bucket(key, "", *self.target)
        return self.buckets[key]

    def ordered(self, labels: dict[Any, str] | None = None, order: dict[Any, Any] | None = None) -> list[Bucket]:
        """The buckets sorted by ``order`` (key → sort value), else by label, else by key; labelled."""

        def rank(key: Any) -> Any:
            if order is not None:
                return order.get(key, ())
            return labels.get(key, "") if labels is not None else key

        found = []
        for key in sorted(self.buckets, key=rank):
            bucket = self.buckets[key]
            bucket.close()
            if labels is not None:
                bucket.label = labels.get(key, str(key))
            found.append(bucket)
        return found


def _local_hour(moment: datetime) -> int:
    return moment.astimezone(LOCAL_TIME_ZONE).hour


def _hour_label(hour: int) -> str:
    return f"{hour:02d}:00–{hour + 1:02d}:00"


def _count_into(buckets: Iterable[Bucket], row: dict[str, Any]) -> None:
    n = row["n"]
    status = row["status"]
    for bucket in buckets:
        bucket.arrivals += n
        bucket.served += n if status == TicketStatus.DONE else 0
        bucket.cancelled += n if status == TicketStatus.CANCELLED else 0
        bucket.expired += n if status == TicketStatus.EXPIRED else 0
        bucket.no_shows += n if status == TicketStatus.NO_SHOW else 0
        bucket.priority += n if row["priority"] else 0
        bucket.appointments += n if row["channel"] == TicketChannel.APPOINTMENT else 0


def figures_compute(*, points: Sequence[ReceivingPoint], start: date, end: date) -> Figures:
    """The figures of the tickets issued at ``points`` on the local days ``start`` to ``end`` (both included)."""
    target_minutes = float(settings.QUEUE_WAIT_TARGET_MINUTES)
    target_share = float(settings.QUEUE_TARGET_SHARE)
    point_ids = [point.pk for point in points]
    tickets = Ticket.objects.filter(point_id__in=point_ids, day__gte=start, day__lte=end).order_by()
    total = Bucket("all", _("All centres"), target_minutes, target_share)
    groups = {name: _Groups(target_minutes, target_share) for name in ("point", "day", "hour", "counter", "clerk")}

    def buckets_of(point_id: int, day: date, hour: int, counter_id: int | None, clerk_id: int | None) -> list[Bucket]:
        found = [total, groups["point"][point_id], groups["day"][day], groups["hour"][hour]]
        if counter_id is not None:
            found.append(groups["counter"][counter_id])
        if clerk_id is not None:
            found.append(groups["clerk"][clerk_id])
        return found

    counted = tickets.values(
        "point_id", "day", "counter_id", "clerk_id", "status", "priority", "channel",
        hour=ExtractHour("issued_at", tzinfo=LOCAL_TIME_ZONE),
    ).annotate(n=Count("id"))  # fmt: skip
    for row in counted:
        found = buckets_of(row["point_id"], row["day"], row["hour"], row["counter_id"], row["clerk_id"])
        _count_into(found, dict(row))

    timed = tickets.filter(called_at__isnull=False).values_list(
        "point_id", "day", "counter_id", "clerk_id", "status", "issued_at", "called_at", "finished_at"
    )
    for point_id, day, counter_id, clerk_id, status, issued_at, called_at, finished_at in timed:
        assert called_at is not None  # filtered above
        wait = (called_at - issued_at).total_seconds() / 60
        service = None
        if status == TicketStatus.DONE and finished_at is not None:
            service = (finished_at - called_at).total_seconds() / 60
        for bucket in buckets_of(point_id, day, _local_hour(issued_at), counter_id, clerk_id):
            bucket.waits.append(wait)
            if service is not None:
                bucket.services.append(service)

    rated = CounterRating.objects.filter(ticket__in=tickets).values_list(
        "ticket__point_id", "ticket__day", "ticket__issued_at", "counter_id", "clerk_id", "score", "reasons"
    )
    for point_id, day, issued_at, counter_id, clerk_id, score, reasons in rated:
        for bucket in buckets_of(point_id, day, _local_hour(issued_at), counter_id, clerk_id):
            bucket.ratings[score] += 1
            bucket.reasons.update(code for code in reasons or [] if isinstance(code, str))

    total.close()
    several = len(points) > 1
    point_labels = {point.pk: f"{point.name} ({point.code})" for point in points}
    counter_labels, counter_order = {}, {}
    for pk, number, name, code in Counter.objects.filter(pk__in=list(groups["counter"].buckets)).values_list(
        "pk", "number", "name", "receiving_point__code"
    ):
        label = name or _("Counter %(number)s") % {"number": number}
        counter_labels[pk] = f"{label} · {code}" if several else label
        counter_order[pk] = (code, number)
    clerk_labels = {
        user.pk: str(user) for user in get_user_model().objects.filter(pk__in=list(groups["clerk"].buckets))
    }
    by_day = groups["day"].ordered()
    for bucket in by_day:
        bucket.label = bucket.key.strftime(DATE_FORMAT)
    by_hour = groups["hour"].ordered()
    for bucket in by_hour:
        bucket.label = _hour_label(bucket.key)
    return Figures(
        points=list(points),
        start=start,
        end=end,
        target_minutes=target_minutes,
        target_share=target_share,
        total=total,
        by_point=groups["point"].ordered(point_labels),
        by_day=by_day,
        by_hour=by_hour,
        by_counter=groups["counter"].ordered(counter_labels, counter_order),
        by_clerk=groups["clerk"].ordered(clerk_labels),
    )
