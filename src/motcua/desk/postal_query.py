"""What the postal operations page reads: the orders of the user's post offices, filtered, with counts.

Read only. Scope: the orders of ``receiving_points_for(user=)`` (administrators see every post office).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Role
from motcua.agencies.selectors import receiving_points_for, user_ids_at_point
from motcua.core.localtime import local_date
from motcua.postal.models import OrderKind, OrderStatus, PostalOrder

WAITING_PICKUP = (OrderStatus.BOOKED, OrderStatus.ASSIGNED)
FAILED_DELIVERY = (OrderStatus.ATTEMPT_FAILED, OrderStatus.RETURNED_TO_COUNTER)
CLOSED = (OrderStatus.HANDED_OVER, OrderStatus.DELIVERED, OrderStatus.RETURNED_TO_COUNTER, OrderStatus.CANCELLED)
LATE, FAILED = "late", "failed"


def orders_in_scope(*, user: Any) -> QuerySet[PostalOrder]:
    return PostalOrder.objects.filter(receiving_point__in=receiving_points_for(user=user)).select_related(
        "commune", "postman", "receiving_point", "dossier"
    )


def order_in_scope_or_404(*, user: Any, number: str) -> PostalOrder:
    """The order if it belongs to one of the user's post offices; 404 alike whether it exists or not."""
    order = orders_in_scope(user=user).filter(tracking_number=number).first()
    if order is None:
        raise Http404
    return order


def late_pickups(orders: QuerySet[PostalOrder], *, now: dt.datetime) -> QuerySet[PostalOrder]:
    """Pickups whose window has ended with the papers not yet collected."""
    return orders.filter(kind=OrderKind.PICKUP, status__in=WAITING_PICKUP, window_end__lt=now)


def failed_deliveries(orders: QuerySet[PostalOrder]) -> QuerySet[PostalOrder]:
    return orders.filter(kind=OrderKind.DELIVERY, status__in=FAILED_DELIVERY)


def on_day(orders: QuerySet[PostalOrder], day: dt.date) -> QuerySet[PostalOrder]:
    """Orders due that day: by their window, or, without one, by the day they were made (local time)."""
    return orders.filter(Q(window_start__date=day) | Q(window_start__isnull=True, created_at__date=day))


@dataclass(frozen=True)
class Tab:
    key: str
    label: str | Promise
    count: int
    alert: bool = False


def tabs_for(orders: QuerySet[PostalOrder], *, now: dt.datetime) -> list[Tab]:
    """All, late pickups, failed deliveries, then one tab per status that has orders (three queries)."""
    by_status = dict(orders.order_by().values_list("status").annotate(n=Count("pk")))
    late = late_pickups(orders, now=now).count()
    failed = failed_deliveries(orders).count()
    tabs = [
        Tab("", _("All"), sum(by_status.values())),
        Tab(LATE, _("Late pickups"), late, alert=late > 0),
        Tab(FAILED, _("Failed deliveries"), failed, alert=failed > 0),
    ]
    tabs += [Tab(s.value, s.label, by_status[s.value]) for s in OrderStatus if by_status.get(s.value)]
    return tabs


def in_tab(orders: QuerySet[PostalOrder], tab: str, *, now: dt.datetime) -> QuerySet[PostalOrder]:
    if tab == LATE:
        return late_pickups(orders, now=now)
    if tab == FAILED:
        return failed_deliveries(orders)
    if tab in OrderStatus.values:
        return orders.filter(status=tab)
    return orders


@dataclass(frozen=True)
class CommuneCount:
    name: str
    total: int
    open: int
    late: int
    failed: int


def counts_by_commune(orders: QuerySet[PostalOrder], *, now: dt.datetime) -> list[CommuneCount]:
    late = Q(kind=OrderKind.PICKUP, status__in=WAITING_PICKUP, window_end__lt=now)
    failed = Q(kind=OrderKind.DELIVERY, status__in=FAILED_DELIVERY)
    rows = (
        orders.order_by()
        .values("commune__name")
        .annotate(
            total=Count("pk"),
            open=Count("pk", filter=~Q(status__in=CLOSED)),
            late=Count("pk", filter=late),
            failed=Count("pk", filter=failed),
        )
        .order_by("-total", "commune__name")
    )
    return [CommuneCount(r["commune__name"], r["total"], r["open"], r["late"], r["failed"]) for r in rows]


def postmen_of(*, points: Any) -> QuerySet[Any]:
    """The active postmen of the given post offices today."""
    ids: set[int] = set()
    for point in points:
        ids.update(user_ids_at_point(point=point, role=Role.POSTMAN).values_list("user_id", flat=True))
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("last_name", "first_name", "username")


def postman_today(*, user: Any, now: dt.datetime | None = None) -> list[PostalOrder]:
    """The postman's work for today: pickups due today (or earlier and still waiting), collected papers not yet
    handed over, and every open delivery; ordered by window, then address."""
    now = now or timezone.now()
    today = local_date(now)
    pickups = Q(kind=OrderKind.PICKUP) & (
        Q(status=OrderStatus.COLLECTED)
        | Q(status=OrderStatus.ASSIGNED) & (Q(window_start__isnull=True) | Q(window_start__date__lte=today))
    )
    deliveries = Q(kind=OrderKind.DELIVERY) & Q(
        status__in=(OrderStatus.CREATED, OrderStatus.ACCEPTED, OrderStatus.OUT_FOR_DELIVERY, OrderStatus.ATTEMPT_FAILED)
    )
    orders = (
        PostalOrder.objects.filter(postman=user)
        .filter(pickups | deliveries)
        .select_related("commune", "receiving_point", "dossier", "procedure_version")
    )
    far = now + dt.timedelta(days=3650)
    return sorted(orders, key=lambda o: (o.window_start or far, o.address, o.tracking_number))


def postman_slips_to_give(*, user: Any) -> QuerySet[PostalOrder]:
    """Pickups received at the one-stop whose slip 01 the postman still has to bring back to the applicant."""
    return (
        PostalOrder.objects.filter(
            postman=user, kind=OrderKind.PICKUP, status=OrderStatus.HANDED_OVER, slip_given_at__isnull=True
        )
        .exclude(dossier__isnull=True)
        .select_related("commune", "dossier")
        .order_by("checked_at", "pk")
    )


def postman_done_today(*, user: Any) -> QuerySet[PostalOrder]:
    return PostalOrder.objects.filter(postman=user, done_at__date=local_date()).select_related("commune")
