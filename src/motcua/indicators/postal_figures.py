"""The postal channel's figures beside the index (issue 15, item 4; docs/indicators.md, "Postal-channel figures"):
home pickups done on time, deliveries at the first attempt, results returned to the counter, the money postmen
collected, and the cost per dossier carried.

Read from the postal orders and collections in two grouped queries, plus the stage catalogue's pickup stage. A
scope selects orders as it selects dossiers: by the order's receiving point (its code, commune or province) or
its lead agency. Orders of training points are nobody's real work and are left out, as the dossier facts do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Case, Count, DateTimeField, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce, Least
from django.db.models.lookups import LessThanOrEqual

from motcua.core.errors import ApplicationError
from motcua.postal.models import Collection, CollectionKind, OrderKind, OrderStatus, PostalOrder
from motcua.stages.events import POSTAL_EVENTS
from motcua.stages.models import Boundary, EventKind, StageCode, TimeBasis
from motcua.stages.selectors import stage_get

from .periods import Period
from .scopes import Scope

PICKUP_DONE = (OrderStatus.COLLECTED, OrderStatus.HANDED_OVER)
DELIVERY_ENDED = (OrderStatus.DELIVERED, OrderStatus.RETURNED_TO_COUNTER)
COST_BASIS = "postage charged for the pickups and deliveries ended in the period ÷ the dossiers they carried"


@dataclass(frozen=True)
class PickupStandard:
    """The catalogue's pickup stage as a test of a pickup booked without a window: its span (first start event
    to the first end event at or after it, both read on the order) within ``minutes``, elapsed. Elapsed, not
    working, minutes: the test runs in SQL over every order at once, and the calendar's working time does not."""

    minutes: int
    start: Any  # an expression over PostalOrder
    end: Any


@dataclass(frozen=True)
class PostalFigures:
    """Counts and money (VND) of one scope and period; a rate is None when nothing was there to count."""

    pickups_done: int  # collected in the period
    pickups_without_window: int
    pickups_judged: int  # those with a window, and those without when the catalogue's standard can be measured
    pickups_on_time: int
    pickup_standard_minutes: int | None  # None: pickups without a window are not judged
    deliveries_ended: int  # delivered or returned to the counter in the period
    delivered_first_attempt: int
    returned_to_counter: int
    postage_collected: int
    postage_collections: int
    fees_collected: int
    fees_collections: int
    orders_ended: int  # pickups done + deliveries ended
    postage_charged: int  # the postage of those orders, whoever pays it
    dossiers_carried: int

    @property
    def pickup_on_time_rate(self) -> float | None:
        return _share(self.pickups_on_time, self.pickups_judged)

    @property
    def delivered(self) -> int:
        return self.deliveries_ended - self.returned_to_counter

    @property
    def first_attempt_rate(self) -> float | None:
        return _share(self.delivered_first_attempt, self.deliveries_ended)

    @property
    def returned_rate(self) -> float | None:
        return _share(self.returned_to_counter, self.deliveries_ended)

    @property
    def cost_per_dossier(self) -> int | None:
        """Postage charged ÷ dossiers carried, in whole đồng (:data:`COST_BASIS`)."""
        if not self.dossiers_carried:
            return None
        return round(self.postage_charged / self.dossiers_carried)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def orders_of(scope: Scope, prefix: str = "") -> Q:
    """The real orders of ``scope`` (``prefix``: the path to the order, ``order__`` from a collection)."""
    place = {
        "point": "receiving_point__code",
        "agency": "lead_agency__code",
        "commune": "receiving_point__commune_id",
        "province": "receiving_point__commune__province_id",
    }
    real = Q(**{f"{prefix}receiving_point__is_training": False})
    field = place.get(scope.kind)
    return real if field is None else real & Q(**{f"{prefix}{field}": scope.code})


def _earliest(values: list[Any]) -> Any:
    """The first non-empty instant of ``values``, the same on PostgreSQL and SQLite (whose LEAST is empty as
    soon as one argument is)."""
    if len(values) == 1:
        return values[0]
    return Least(*[Coalesce(value, *values[:i], *values[i + 1 :]) for i, value in enumerate(values)])


def _event_times(stage: Any, boundary: str) -> list[tuple[str, str]]:
    """The (field, required status) of the stage's postal events on a pickup order; events recorded elsewhere (the
    dossier's history, the carriers' tracking) cannot be read on the order and are left aside."""
    sources = [
        POSTAL_EVENTS.get(event.name)
        for event in stage.events.all()
        if event.boundary == boundary and event.kind == EventKind.POSTAL
    ]
    return [(s.field, s.status) for s in sources if s is not None and s.order_kind == OrderKind.PICKUP and s.field]


def _at(field: str, status: str, after: Any = None) -> F | Case:
    condition = Q(status=status) if status else Q()
    if after is not None:
        condition &= Q(**{f"{field}__gte": after})
    if not condition:
        return F(field)
    return Case(When(condition, then=F(field)), output_field=DateTimeField())


def pickup_standard() -> PickupStandard | None:
    """The published catalogue's pickup stage, when it can judge a pickup: a time standard per dossier, and start
    and end events read on the order. None otherwise (no catalogue, no standard, events kept elsewhere)."""
    try:
        stage = stage_get(StageCode.PICKUP)
    except ApplicationError:
        return None
    starts, ends = _event_times(stage, Boundary.START), _event_times(stage, Boundary.END)
    if not stage.time_standard_minutes or stage.time_basis != TimeBasis.DOSSIER or not starts or not ends:
        return None
    start = _earliest([_at(field, status) for field, status in starts])
    end = _earliest([_at(field, status, after=start) for field, status in ends])
    return PickupStandard(minutes=stage.time_standard_minutes, start=start, end=end)


def _order_counts(scope: Scope, period: Period, standard: PickupStandard | None) -> dict[str, int | None]:
    pickup = Q(kind=OrderKind.PICKUP)
    delivery = Q(kind=OrderKind.DELIVERY)
    windowed = Q(window_start__isnull=False, window_end__isnull=False)
    in_window = Q(done_at__gte=F("window_start"), done_at__lte=F("window_end"))
    orders = PostalOrder.objects.filter(
        orders_of(scope),
        (pickup & Q(status__in=PICKUP_DONE)) | (delivery & Q(status__in=DELIVERY_ENDED)),
        done_at__gte=period.start,
        done_at__lt=period.end,
    ).order_by()
    judged, on_time = pickup & windowed, pickup & windowed & in_window
    if standard is not None:
        within = LessThanOrEqual(standard.end, standard.start + Value(timedelta(minutes=standard.minutes)))
        judged, on_time = pickup, on_time | (pickup & ~windowed & Q(within))
    return orders.aggregate(
        pickups_done=Count("pk", filter=pickup),
        pickups_without_window=Count("pk", filter=pickup & ~windowed),
        pickups_judged=Count("pk", filter=judged),
        pickups_on_time=Count("pk", filter=on_time),
        deliveries_ended=Count("pk", filter=delivery),
        delivered_first_attempt=Count("pk", filter=delivery & Q(status=OrderStatus.DELIVERED, attempts=0)),
        returned_to_counter=Count("pk", filter=delivery & Q(status=OrderStatus.RETURNED_TO_COUNTER)),
        orders_ended=Count("pk"),
        postage_charged=Sum("postage"),
        # A dossier picked up and delivered in the same period is one dossier; a pickup not yet handed over has
        # no dossier yet and stands for the one it will become.
        dossiers_with_code=Count("dossier", distinct=True),
        pickups_before_dossier=Count("pk", filter=Q(dossier__isnull=True)),
    )


def _collections(scope: Scope, period: Period) -> dict[str, int | None]:
    postage, fees = Q(kind=CollectionKind.POSTAGE), Q(kind=CollectionKind.FEES)
    return Collection.objects.filter(
        orders_of(scope, "order__"), collected_at__gte=period.start, collected_at__lt=period.end
    ).aggregate(
        postage_collected=Sum("amount", filter=postage),
        postage_collections=Count("pk", filter=postage),
        fees_collected=Sum("amount", filter=fees),
        fees_collections=Count("pk", filter=fees),
    )


def postal_figures(scope: Scope, period: Period) -> PostalFigures:
    """The postal channel of ``scope`` in ``period``. Pickups count on their collection (``done_at``), deliveries
    on their end (delivered or returned to the counter), money on the day the postman took it."""
    standard = pickup_standard()
    orders = _order_counts(scope, period, standard)
    money = _collections(scope, period)
    return PostalFigures(
        pickups_done=orders["pickups_done"] or 0,
        pickups_without_window=orders["pickups_without_window"] or 0,
        pickups_judged=orders["pickups_judged"] or 0,
        pickups_on_time=orders["pickups_on_time"] or 0,
        pickup_standard_minutes=standard.minutes if standard else None,
        deliveries_ended=orders["deliveries_ended"] or 0,
        delivered_first_attempt=orders["delivered_first_attempt"] or 0,
        returned_to_counter=orders["returned_to_counter"] or 0,
        postage_collected=money["postage_collected"] or 0,
        postage_collections=money["postage_collections"] or 0,
        fees_collected=money["fees_collected"] or 0,
        fees_collections=money["fees_collections"] or 0,
        orders_ended=orders["orders_ended"] or 0,
        postage_charged=orders["postage_charged"] or 0,
        dossiers_carried=(orders["dossiers_with_code"] or 0) + (orders["pickups_before_dossier"] or 0),
    )


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def postal_figures_as_json(figures: PostalFigures) -> dict[str, Any]:
    """The ``postal`` key of ``manage.py indicators --json``; keys are only ever added."""
    f = figures
    return {
        "pickups": {
            "done": f.pickups_done,
            "without_window": f.pickups_without_window,
            "judged": f.pickups_judged,
            "on_time": f.pickups_on_time,
            "on_time_rate": _rate(f.pickup_on_time_rate),
            "standard_minutes": f.pickup_standard_minutes,
        },
        "deliveries": {
            "ended": f.deliveries_ended,
            "delivered": f.delivered,
            "first_attempt": f.delivered_first_attempt,
            "first_attempt_rate": _rate(f.first_attempt_rate),
            "returned_to_counter": f.returned_to_counter,
            "returned_rate": _rate(f.returned_rate),
        },
        "collected_vnd": {"postage": f.postage_collected, "fees": f.fees_collected},
        "collections": {"postage": f.postage_collections, "fees": f.fees_collections},
        "cost_per_dossier": {
            "vnd": f.cost_per_dossier,
            "postage_charged_vnd": f.postage_charged,
            "orders_ended": f.orders_ended,
            "dossiers_carried": f.dossiers_carried,
            "basis": COST_BASIS,
        },
    }


def postal_figures_as_table(figures: PostalFigures) -> list[str]:
    """The short block the ``indicators`` command prints under the index."""
    f = figures

    def rate(value: float | None) -> str:
        return "—" if value is None else f"{value * 100:.1f}%"

    cost = "—" if f.cost_per_dossier is None else f"{f.cost_per_dossier:,} VND"
    standard = "not judged" if f.pickup_standard_minutes is None else f"{f.pickup_standard_minutes} min"
    return [
        "postal channel",
        f"  pickups on time          {f.pickups_on_time:>6} / {f.pickups_judged:<6} {rate(f.pickup_on_time_rate):>8}"
        f"  ({f.pickups_done} done, {f.pickups_without_window} without a window: catalogue standard {standard})",
        f"  delivered, 1st attempt   {f.delivered_first_attempt:>6} / {f.deliveries_ended:<6} "
        f"{rate(f.first_attempt_rate):>8}",
        f"  returned to the counter  {f.returned_to_counter:>6} / {f.deliveries_ended:<6} {rate(f.returned_rate):>8}",
        f"  collected                postage {f.postage_collected:,} VND, fees {f.fees_collected:,} VND",
        f"  cost per dossier         {cost} = {f.postage_charged:,} VND postage of {f.orders_ended} orders ÷ "
        f"{f.dossiers_carried} dossiers",
    ]
