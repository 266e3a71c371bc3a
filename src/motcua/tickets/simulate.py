"""A simulated morning at a centre's door, driven through the queue's real services on a virtual clock.

Why: the figures, the planner's calibration and the demo need a day of tickets that looks like a real one, and
the cheapest honest way to get it is to let simulated visitors and clerks press the same buttons as real ones
(``ticket_issue``, ``appointment_check_in``, ``call_next``, ``ticket_recall``, ``ticket_no_show``,
``ticket_transfer``, ``ticket_finish``, ``ticket_cancel``, ``rating_give``), each with ``at=`` set to the
simulated instant. Nothing is written around the services, so a simulated day obeys every rule a real one does.

The model (docs/queue.md, "The simulated morning"): a discrete-event loop on a ``heapq``; ``visitors`` arrivals
drawn from a Poisson process whose rate peaks in the first half of the morning (given their number, the arrival
instants are independent draws from the rate's shape); services chosen by weight; about 10 % priority visitors;
some visitors with an appointment, checked in at the kiosk; service times lognormal around each service's
``service_minutes``; a patience after which a waiting visitor cancels on their phone or leaves silently (then is
a no-show when called); a few transfers; ratings from about 40 % of those served, less happy after a long wait.
Arrivals stop at ``end``; the clerks serve everyone who came, then close their counters. A seed makes runs repeat.
"""

from __future__ import annotations

import heapq
import itertools
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from motcua.agencies.models import Counter, ReceivingPoint, Role, StaffAssignment
from motcua.core.localtime import LOCAL_TIME_ZONE, local_day_bounds
from motcua.procedures.models import Field

from .models import (
    Appointment,
    CounterShift,
    DeviceKind,
    Priority,
    QueueDevice,
    QueueService,
    RatingScore,
    RatingSource,
    ServiceKind,
    Ticket,
    TicketChannel,
    TicketDayCounter,
    TicketStatus,
)
from .services import (
    appointment_check_in,
    call_next,
    rating_give,
    shift_close,
    shift_open,
    ticket_cancel,
    ticket_finish,
    ticket_issue,
    ticket_no_show,
    ticket_recall,
    ticket_transfer,
)

# Shares of the simulated population; tuned so a morning looks like a provincial centre's (docs/queue.md).
PRIORITY_SHARE = 0.10
APPOINTMENT_SHARE = 0.12
PHONE_SHARE = 0.15
ABSENT_SHARE = 0.03  # called, but stepped out: recalled, then marked a no-show
RATING_SHARE = 0.40
TRANSFER_SHARE = {ServiceKind.GUIDANCE: 0.20, ServiceKind.SUBMIT: 0.03, ServiceKind.COLLECT: 0.0}
CANCEL_WHEN_IMPATIENT = 0.5  # the others leave without a word and become no-shows
PATIENCE_MEDIAN_MINUTES = 55.0
SERVICE_SIGMA = 0.45  # of the log of a service time
WALK = timedelta(seconds=45)  # from hearing the call to sitting at the counter
SIM_EMAIL_DOMAIN = "mo-phong.invalid"  # marks the appointments a simulation made, for --replace
SIM_CLERK = "sim-clerk-{n}"


@dataclass
class Visitor:
    ticket: Ticket
    gone: bool = False  # left the queue silently after losing patience
    absent: bool = False  # will not answer the first calls
    transferred: bool = False


@dataclass
class Clerk:
    user: object
    counter: Counter
    busy: bool = False


@dataclass
class MorningResult:
    point: str
    day: date
    visitors: int = 0
    appointments: int = 0
    served: int = 0
    no_shows: int = 0
    cancelled: int = 0
    transfers: int = 0
    ratings: int = 0
    still_open: int = 0
    waits: list[float] = field(default_factory=list)  # minutes, first call − issue

    @property
    def mean_wait(self) -> float:
        return sum(self.waits) / len(self.waits) if self.waits else 0.0

    @property
    def within_target(self) -> float:
        target = settings.QUEUE_WAIT_TARGET_MINUTES
        return sum(1 for w in self.waits if w <= target) / len(self.waits) if self.waits else 0.0


class DayTaken(Exception):
    """The day already has tickets at the point and ``replace`` was not asked for."""


def local_at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=LOCAL_TIME_ZONE)


def day_has_tickets(*, point: ReceivingPoint, day: date) -> bool:
    return Ticket.objects.filter(point=point, day=day).exists()


@transaction.atomic
def day_clear(*, point: ReceivingPoint, day: date) -> int:
    """Delete ``day``'s tickets at ``point`` (their events, links and ratings go with them), the appointments a
    simulation made for that day, and the day's numbering, so numbers start at 1 again."""
    start, stop = local_day_bounds(day)
    Appointment.objects.filter(
        point=point, slot_start__gte=start, slot_start__lt=stop, email__endswith=f"@{SIM_EMAIL_DOMAIN}"
    ).delete()
    Appointment.objects.filter(ticket__point=point, ticket__day=day).update(ticket=None)
    deleted, _ = Ticket.objects.filter(point=point, day=day).delete()
    TicketDayCounter.objects.filter(point=point, day=day).delete()
    return deleted


def sim_clerks(*, point: ReceivingPoint, count: int) -> list:
    """``count`` postal clerks of ``point`` with no counter open: its own first, then ``sim-clerk-N`` users."""
    users = get_user_model()
    busy = CounterShift.objects.filter(closed_at__isnull=True).values("user_id")
    own = list(
        users.objects.filter(
            is_active=True,
            assignments__receiving_point=point,
            assignments__role=Role.POSTAL_CLERK,
            assignments__is_active=True,
        )
        .exclude(pk__in=busy)
        .distinct()
        .order_by("username")[:count]
    )
    n = 0
    while len(own) < count:
        n += 1
        user, created = users.objects.get_or_create(
            username=SIM_CLERK.format(n=n), defaults={"full_name": f"Nhân viên mô phỏng {n}"}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if user in own or CounterShift.objects.filter(user=user, closed_at__isnull=True).exists():
            continue
        StaffAssignment.objects.get_or_create(user=user, role=Role.POSTAL_CLERK, receiving_point=point)
        own.append(user)
    return own


class Morning:
    """One simulated morning; ``run`` returns what happened."""

    def __init__(
        self,
        *,
        point: ReceivingPoint,
        day: date,
        visitors: int,
        seed: int,
        clerks: int | None,
        start: time,
        end: time,
        until: datetime | None,
        progress: Callable[[str], None] | None,
    ) -> None:
        self.point, self.day, self.count = point, day, visitors
        self.rng = random.Random(seed)  # noqa: S311 - a simulation, repeatable by its seed; no secret
        self.start, self.end = local_at(day, start), local_at(day, end)
        self.until = until
        self.progress = progress or (lambda _message: None)
        self.services = list(QueueService.objects.filter(point=point, is_active=True).order_by("order", "letter"))
        self.kiosk = QueueDevice.objects.filter(point=point, kind=DeviceKind.KIOSK, is_active=True).first()
        self.pads = set(
            QueueDevice.objects.filter(point=point, kind=DeviceKind.PAD, is_active=True).values_list(
                "counter_id", flat=True
            )
        )
        free = CounterShift.objects.filter(closed_at__isnull=True).values("counter_id")
        counters = list(Counter.objects.filter(receiving_point=point, is_active=True).exclude(pk__in=free))
        counters.sort(key=lambda c: c.number)
        wanted = min(clerks or len(counters), len(counters))
        self.clerks = [
            Clerk(user=u, counter=c) for u, c in zip(sim_clerks(point=point, count=wanted), counters, strict=False)
        ]
        self.fields = list(Field.objects.filter(pk__in={s.field_id for s in self.services if s.field_id}))
        self.fields.sort(key=lambda f: f.code)
        self.queue: list[tuple[datetime, int, str, object]] = []
        self.order = itertools.count()
        self.people: dict[int, Visitor] = {}
        self.result = MorningResult(point=point.code, day=day)

    # --- the event loop ---------------------------------------------------------------------------------------

    def at(self, when: datetime, kind: str, payload: object = None) -> None:
        heapq.heappush(self.queue, (when, next(self.order), kind, payload))

    def run(self) -> MorningResult:
        if not self.services:
            raise ValueError(f"{self.point.code} offers no queue services")
        if not self.clerks:
            raise ValueError(f"{self.point.code} has no free counter")
        for clerk in self.clerks:
            shift_open(user=clerk.user, counter=clerk.counter, at=self.start)
        for index, moment in enumerate(self.arrivals()):
            self.at(moment, "arrive", index)
        last = self.start
        while self.queue:
            when, _order, kind, payload = heapq.heappop(self.queue)
            if self.until is not None and when > self.until:
                break
            last = when
            getattr(self, f"on_{kind}")(when, payload)
        closing = self.until if self.until is not None and self.queue else last
        for clerk in self.clerks:
            shift_close(user=clerk.user, at=closing)
        self.result.still_open = Ticket.objects.filter(
            point=self.point, day=self.day, status__in=(TicketStatus.WAITING, TicketStatus.CALLED)
        ).count()
        return self.result

    def arrivals(self) -> list[datetime]:
        """``count`` instants in [start, end): a flat rate plus a peak at a third of the morning."""
        span = (self.end - self.start).total_seconds()
        peak, width = span / 3, span / 6

        def rate(s: float) -> float:
            return 0.35 + math.exp(-0.5 * ((s - peak) / width) ** 2)

        moments: list[datetime] = []
        while len(moments) < self.count:
            s = self.rng.uniform(0, span)
            if self.rng.uniform(0, 1.35) <= rate(s):
                moments.append(self.start + timedelta(seconds=int(s)))
        return sorted(moments)

    # --- visitors ---------------------------------------------------------------------------------------------

    def pick_service(self) -> QueueService:
        weights = []
        submits = 0
        for service in self.services:
            if service.kind == ServiceKind.SUBMIT:
                submits += 1
                weights.append(3.0 if submits <= 2 else 1.2)  # the first two fields are the busiest
            else:
                weights.append(2.0 if service.kind == ServiceKind.COLLECT else 1.0)
        return self.rng.choices(self.services, weights=weights)[0]

    def on_arrive(self, when: datetime, index: int) -> None:
        service = self.pick_service()
        draw = self.rng.random()
        if service.appointments and draw < APPOINTMENT_SHARE:
            ticket = self.check_in(service, when, index)
        else:
            priority = self.rng.choice([p for p in Priority.values if p]) if self.rng.random() < PRIORITY_SHARE else ""
            phone = draw > 1 - PHONE_SHARE
            ticket = ticket_issue(
                point=self.point,
                service=service,
                channel=TicketChannel.PHONE if phone else TicketChannel.KIOSK,
                priority=priority,
                device=None if phone else self.kiosk,
                at=when,
            )
        self.people[ticket.pk] = Visitor(ticket=ticket, absent=self.rng.random() < ABSENT_SHARE)
        self.result.visitors += 1
        patience = self.rng.lognormvariate(math.log(PATIENCE_MEDIAN_MINUTES), 0.5)
        self.at(when + timedelta(minutes=patience), "impatient", ticket.pk)
        self.wake(when)
        if (index + 1) % max(1, self.count // 10) == 0:
            local = when.astimezone(LOCAL_TIME_ZONE)
            self.progress(f"{local:%H:%M} {index + 1}/{self.count} visitors arrived")

    def check_in(self, service: QueueService, when: datetime, index: int) -> Ticket:
        """A visitor who booked: the slot is the next one after their arrival (they come a little early)."""
        slot = settings.QUEUE_SLOT_MINUTES
        midnight = local_day_bounds(self.day)[0]
        minutes = (when - midnight).total_seconds() / 60
        slot_start = midnight + timedelta(minutes=math.ceil(minutes / slot) * slot)
        if slot_start - when > timedelta(minutes=settings.QUEUE_APPOINTMENT_EARLY_MINUTES):
            slot_start -= timedelta(minutes=slot)
        appointment = Appointment.objects.create(
            point=self.point,
            service=service,
            slot_start=slot_start,
            slot_minutes=slot,
            name=f"Khách hẹn {index + 1}",
            email=f"khach{index + 1}@{SIM_EMAIL_DOMAIN}",
            created_at=midnight - timedelta(days=2),
        )
        self.result.appointments += 1
        return appointment_check_in(point=self.point, code=appointment.code, device=self.kiosk, at=when)

    def on_impatient(self, when: datetime, pk: int) -> None:
        visitor = self.people[pk]
        if Ticket.objects.filter(pk=pk, status=TicketStatus.WAITING).exists():
            if self.rng.random() < CANCEL_WHEN_IMPATIENT:
                ticket_cancel(ticket=visitor.ticket, at=when)
                self.result.cancelled += 1
            else:
                visitor.gone = True

    # --- clerks -----------------------------------------------------------------------------------------------

    def wake(self, when: datetime) -> None:
        """Someone joined the queue: the idle clerks call (a few seconds later, one after the other)."""
        for clerk in self.clerks:
            if not clerk.busy:
                self.at(when + timedelta(seconds=5), "free", clerk)

    def on_free(self, when: datetime, clerk: Clerk) -> None:
        if clerk.busy:
            return
        ticket = call_next(user=clerk.user, at=when)
        if ticket is None:
            return
        clerk.busy = True
        visitor = self.people[ticket.pk]
        if ticket.calls == 1 and not visitor.transferred:
            self.result.waits.append((ticket.wait_seconds or 0.0) / 60)
        if visitor.gone or visitor.absent:
            self.at(when + timedelta(minutes=1), "recall", (clerk, ticket))
            return
        minutes = ticket.service.service_minutes
        # lognormal with mean ``minutes``: mu = ln(mean) − sigma²/2
        length = self.rng.lognormvariate(math.log(minutes) - SERVICE_SIGMA**2 / 2, SERVICE_SIGMA)
        self.at(when + WALK + timedelta(minutes=length), "done", (clerk, ticket))

    def on_recall(self, when: datetime, job: tuple[Clerk, Ticket]) -> None:
        clerk, ticket = job
        recalled = ticket_recall(user=clerk.user, label=ticket.label, at=when)
        if recalled.calls < settings.QUEUE_NO_SHOW_CALLS:
            self.at(when + timedelta(minutes=1), "recall", job)
            return
        ticket_no_show(user=clerk.user, label=ticket.label, at=when + timedelta(minutes=1))
        self.result.no_shows += 1
        self.release(clerk, when + timedelta(minutes=1))

    def on_done(self, when: datetime, job: tuple[Clerk, Ticket]) -> None:
        clerk, ticket = job
        visitor = self.people[ticket.pk]
        moves = not visitor.transferred and self.rng.random() < TRANSFER_SHARE[ServiceKind(ticket.service.kind)]
        if moves and self.transfer(clerk, ticket, when):
            self.release(clerk, when)
            return
        finished = ticket_finish(user=clerk.user, label=ticket.label, at=when)
        self.result.served += 1
        if self.rng.random() < RATING_SHARE:
            self.rate(finished, when + timedelta(seconds=self.rng.randint(20, 240)))
        self.release(clerk, when)

    def release(self, clerk: Clerk, when: datetime) -> None:
        clerk.busy = False
        self.at(when + timedelta(seconds=self.rng.randint(10, 60)), "free", clerk)

    def transfer(self, clerk: Clerk, ticket: Ticket, when: datetime) -> bool:
        """Guidance ends at a field's counter; now and then a clerk sends a visitor to another open counter."""
        if ticket.service.kind == ServiceKind.GUIDANCE and self.fields:
            ticket_transfer(user=clerk.user, label=ticket.label, field=self.rng.choice(self.fields), at=when)
        else:
            others = [c.counter for c in self.clerks if c is not clerk]
            if not others:
                return False
            ticket_transfer(user=clerk.user, label=ticket.label, counter=self.rng.choice(others), at=when)
        self.people[ticket.pk].transferred = True
        self.result.transfers += 1
        self.wake(when)
        return True

    def rate(self, ticket: Ticket, when: datetime) -> None:
        """Mostly satisfied; a long wait makes a neutral or dissatisfied vote, and the reason says so."""
        wait = (ticket.called_at - ticket.issued_at).total_seconds() / 60 if ticket.called_at else 0.0
        target = settings.QUEUE_WAIT_TARGET_MINUTES
        weights = (85, 12, 3) if wait <= target else (50, 30, 20) if wait <= 2 * target else (30, 30, 40)
        score = self.rng.choices(list(RatingScore.values), weights=weights)[0]
        if score == RatingScore.SATISFIED:
            reasons = [self.rng.choice(["fast", "helpful"])] if self.rng.random() < 0.5 else []
        elif wait > target:
            reasons = ["long_wait"]
        else:
            reasons = [self.rng.choice(["unclear_guidance", "asked_again", "attitude", "other"])]
        source = RatingSource.PAD if ticket.counter_id in self.pads else RatingSource.PHONE
        rating_give(ticket=ticket, score=score, source=source, reasons=reasons, at=when)
        self.result.ratings += 1


def morning_simulate(
    *,
    point: ReceivingPoint,
    day: date,
    visitors: int,
    seed: int = 0,
    clerks: int | None = None,
    start: time = time(7, 30),
    end: time = time(11, 30),
    replace: bool = False,
    until: datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> MorningResult:
    """Simulate ``visitors`` visitors at ``point`` on ``day`` between ``start`` and ``end`` (local times) with
    ``clerks`` clerks (every free counter by default). ``until`` stops the clock early (today's demo morning:
    not past now); the clerks then close their counters and whoever still waits is left in the queue."""
    if visitors < 0 or visitors > 100_000:
        raise ValueError("visitors must be between 0 and 100000")
    if end <= start:
        raise ValueError("the morning must end after it starts")
    if day_has_tickets(point=point, day=day):
        if not replace:
            raise DayTaken(f"{point.code} already has tickets on {day:%d/%m/%Y}")
        day_clear(point=point, day=day)
    morning = Morning(
        point=point,
        day=day,
        visitors=visitors,
        seed=seed,
        clerks=clerks,
        start=start,
        end=end,
        until=until,
        progress=progress,
    )
    return morning.run()
