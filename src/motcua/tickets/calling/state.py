"""What the calling pages show, read in one place: the clerk's panel and the display's state.

Read-only (selectors): the writes are the queue's services (``motcua.tickets.services``). The display's feed is
polled every two seconds by every TV of a centre, so it reads a handful of small indexed queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from motcua.agencies.models import Counter, ReceivingPoint
from motcua.agencies.selectors import receiving_points_for
from motcua.core.localtime import local_date
from motcua.procedures.models import Field

from ..models import CounterShift, QueueDevice, QueueService, Ticket, TicketEvent, TicketEventKind, TicketStatus
from ..services import counter_current, queue_for_counter, shift_for
from .audio import call_sentence

WAITING_SHOWN = 30
DISPLAY_SERVING = 8
DISPLAY_NEXT_PER_SERVICE = 5
DISPLAY_EVENTS_MAX = 20
CALL_KINDS = (TicketEventKind.CALLED, TicketEventKind.RECALLED)
# A call older than this is not spoken any more (a display back after a power cut does not read out a backlog).
CALL_FRESH = timedelta(minutes=3)


@dataclass
class Panel:
    """The clerk's queue panel: the counter open, the visitor served, who waits, and the centre's open counters."""

    shift: CounterShift | None
    counters: list[Counter]
    taken: set[int]
    current: Ticket | None = None
    waiting: list[Ticket] = field(default_factory=list)
    waiting_count: int = 0
    open_shifts: list[CounterShift] = field(default_factory=list)
    open_counters: list[tuple[CounterShift, str]] = field(default_factory=list)
    transfer_counters: list[Counter] = field(default_factory=list)
    transfer_fields: list[Field] = field(default_factory=list)
    no_show_calls: int = 0

    @property
    def no_show_allowed(self) -> bool:
        return self.current is not None and self.current.calls >= self.no_show_calls

    @property
    def waited_minutes(self) -> int:
        """The visitor's wait, from the ticket to the first call (Decision 468's wait), in whole minutes."""
        seconds = self.current.wait_seconds if self.current is not None else None
        return int((seconds or 0) // 60)


def counters_for(*, user) -> list[Counter]:
    """The active counters of the points where ``user`` receives, the ones they may open."""
    return list(
        Counter.objects.filter(receiving_point__in=receiving_points_for(user=user), is_active=True)
        .select_related("receiving_point")
        .order_by("receiving_point__name", "number")
    )


def clerk_panel(*, user, at: datetime | None = None) -> Panel:
    shift = shift_for(user=user)
    counters = counters_for(user=user)
    taken = set(
        CounterShift.objects.filter(closed_at__isnull=True, counter__in=counters)
        .exclude(user=user)
        .values_list("counter_id", flat=True)
    )
    panel = Panel(shift=shift, counters=counters, taken=taken, no_show_calls=settings.QUEUE_NO_SHOW_CALLS)
    if shift is None:
        return panel
    counter = shift.counter
    panel.current = _with_service(counter_current(counter=counter))
    queue = queue_for_counter(counter, at=at).select_related("service")
    panel.waiting = list(queue[:WAITING_SHOWN])
    panel.waiting_count = queue.count() if len(panel.waiting) == WAITING_SHOWN else len(panel.waiting)
    open_shifts = (
        CounterShift.objects.filter(closed_at__isnull=True, counter__receiving_point_id=counter.receiving_point_id)
        .select_related("counter", "user")
        .order_by("counter__number")
    )
    serving = dict(
        Ticket.objects.filter(
            point_id=counter.receiving_point_id, day=local_date(at), status=TicketStatus.CALLED
        ).values_list("counter_id", "label")
    )
    panel.open_counters = [(open_shift, serving.get(open_shift.counter_id, "")) for open_shift in open_shifts]
    panel.transfer_counters = list(
        Counter.objects.filter(receiving_point_id=counter.receiving_point_id, is_active=True)
        .exclude(pk=counter.pk)
        .order_by("number")
    )
    panel.transfer_fields = list(fields_at(counter.receiving_point))
    return panel


def fields_at(point: ReceivingPoint) -> QuerySet[Field]:
    """The fields some active counter of ``point`` serves: where a visitor can be sent."""
    return Field.objects.filter(counters__receiving_point=point, counters__is_active=True).distinct().order_by("name")


def _with_service(ticket: Ticket | None) -> Ticket | None:
    if ticket is None:
        return None
    return Ticket.objects.select_related("service", "counter").get(pk=ticket.pk)


# --- the display -------------------------------------------------------------------------------------------------


def service_name(service: QueueService) -> str:
    return service.name_en if get_language() == "en" and service.name_en else service.name


def display_device(key: str) -> QueueDevice | None:
    """The active display whose secret is ``key``; None for any other key (a kiosk's or a pad's included)."""
    if not key or len(key) > 64:
        return None
    return QueueDevice.objects.select_related("point").filter(key=key, kind="display", is_active=True).first()


def display_seen(device: QueueDevice, *, at: datetime) -> None:
    """Record that the display asked for its state, at most once every half minute (one small write)."""
    stale = at - timedelta(seconds=30)
    QueueDevice.objects.filter(pk=device.pk).filter(Q(last_seen_at__isnull=True) | Q(last_seen_at__lt=stale)).update(
        last_seen_at=at
    )


def last_call_id(point: ReceivingPoint) -> int:
    last = TicketEvent.objects.filter(point=point, kind__in=CALL_KINDS).order_by("-id").values_list("id", flat=True)
    return last.first() or 0


def display_state(*, device: QueueDevice, after: int | None, at: datetime | None = None) -> dict[str, Any]:
    """The display's state as JSON-ready data: the numbers served (latest call first), the next numbers per
    service, and the calls after event ``after`` with their sentence and audio address, oldest first.

    With no ``after`` (the page just loaded) no call is returned, only the last call's id: a TV switched on at
    ten o'clock does not read out the morning."""
    at = at or timezone.now()
    point = device.point
    day = local_date(at)
    serving = (
        Ticket.objects.filter(point=point, day=day, status=TicketStatus.CALLED)
        .select_related("counter", "service")
        .order_by("-last_called_at", "-pk")[:DISPLAY_SERVING]
    )
    waiting = []
    for service in QueueService.objects.filter(point=point, is_active=True).order_by("order", "letter"):
        queue = Ticket.objects.filter(point=point, day=day, status=TicketStatus.WAITING, service=service)
        labels = list(queue.order_by("rank_at", "sequence").values_list("label", flat=True)[:DISPLAY_NEXT_PER_SERVICE])
        waiting.append(
            {
                "letter": service.letter,
                "service": service_name(service),
                "count": queue.count() if len(labels) == DISPLAY_NEXT_PER_SERVICE else len(labels),
                "next": labels,
            }
        )
    calls = []
    if after is None:
        last_id = last_call_id(point)
    else:
        last_id = after
        events = (
            TicketEvent.objects.filter(point=point, kind__in=CALL_KINDS, id__gt=after)
            .select_related("ticket", "counter")
            .order_by("id")[:DISPLAY_EVENTS_MAX]
        )
        for event in events:
            if event.at >= at - CALL_FRESH:
                calls.append(call_data(device, event))
            last_id = event.pk
    return {
        "centre": point.name,
        "date": day.strftime("%d/%m/%Y"),
        "now": int(at.timestamp() * 1000),
        "last_event_id": last_id,
        "serving": [
            {
                "label": ticket.label,
                "counter": ticket.counter.number if ticket.counter else None,
                "service": service_name(ticket.service),
            }
            for ticket in serving
        ],
        "waiting": waiting,
        "calls": calls,
    }


def event_counter_number(event: TicketEvent) -> int | None:
    number = (event.detail or {}).get("counter_number")
    if isinstance(number, int):
        return number
    return event.counter.number if event.counter is not None else None


def call_data(device: QueueDevice, event: TicketEvent) -> dict[str, Any]:
    number = event_counter_number(event) or 0
    return {
        "id": event.pk,
        "kind": event.kind,
        "label": event.ticket.label,
        "counter": number,
        "sentence": call_sentence(label=event.ticket.label, counter_number=number),
        "audio": reverse("tickets:display_call_wav", kwargs={"key": device.key, "event_id": event.pk}),
    }
