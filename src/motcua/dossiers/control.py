"""Processing control: the slip 06 record of a dossier, and the periodic watch over deadlines.

**Slip 06** (Phiếu kiểm soát quá trình giải quyết hồ sơ, Circular 03/2025 Annex I) lists every
hand-over of a dossier between units: who gave it, who received it, when, and whether the giver was
early, on time or late against the deadline of its part of the work. :func:`dossier_control_record`
derives it from the append-only history and the steps, without writing anything.

**The deadline watch** (:func:`dossier_deadlines_flag`, run by Celery beat or cron) writes one outbox
message the first time an open dossier is due soon or overdue, and the first time a step is overdue.
The message key names the dossier, the flag and the appointment, so reruns never duplicate and a new
appointment (after an extension or a pause) is flagged afresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.agencies.models import Agency
from motcua.agencies.selectors import agencies_for
from motcua.core.localtime import local_date
from motcua.workdays.calendar import WorkCalendar
from motcua.workdays.clock import ProcessingClock

from .lifecycle import NATIONAL_STATUS_CODE, ONE_STOP, Action, Status
from .models import Completion, Dossier, DossierEvent, DossierStep, OutboxMessage, StepStatus
from .models.event import LATE_NOTICE
from .outbox import outbox_kick
from .selectors import (
    RUNNING,
    DueFlag,
    before_threshold,
    calendar_for_point,
    dossier_needs_apology,
    due_soon_threshold,
    overdue_threshold,
)

# --- slip 06 ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    code: str
    name: str


@dataclass(frozen=True)
class HandOver:
    """One row of the control sheet. ``result`` is a :class:`Completion` value, or "" when the row is a
    round trip to the applicant (supplement, financial obligation) or the final return."""

    no: int
    action: str
    giver: Unit
    giver_actor: str
    receiver: Unit
    at: datetime
    due_at: datetime | None
    result: str
    note: str = ""


@dataclass(frozen=True)
class ControlRecord:
    code: str
    procedure: str
    applicant: str
    receiving_point: Unit
    lead_agency: Unit
    co_agencies: tuple[Unit, ...]
    received_at: datetime
    appointment_at: datetime
    original_appointment_at: datetime | None  # the appointment before it was reset (slip 04), if it was
    extension_reason: str
    completion: str
    rows: tuple[HandOver, ...]
    # The apology and extension (slip 04) was notified less than one working day before the due time, or
    # after it: a late notice, which does not excuse the delay (docs/domain.md, "Deadlines and verdicts").
    extension_late_notice: bool = False
    extension_noticed_at: datetime | None = None


def _unit(agency: Agency | None) -> Unit:
    return Unit(agency.code, agency.name) if agency is not None else Unit("", "")


def timeliness(*, at: datetime, due_at: datetime, calendar: WorkCalendar) -> str:
    """Early (an earlier day), on time, or late (working time passed the deadline), as for the dossier."""
    if not calendar.finished_on_time(finished_at=at, due_at=due_at):
        return Completion.LATE
    if local_date(at) < local_date(due_at):
        return Completion.EARLY
    return Completion.ON_TIME


def step_due_at(*, step: DossierStep, clock: ProcessingClock, calendar: WorkCalendar, until: datetime) -> datetime:
    """A step's deadline moved by the working time the dossier's clock stood still while the step ran.

    The services set a step's ``due_at`` when it starts and move it when a pause ends; the applicant's
    time to supplement must not make the agency late (docs/domain.md, "Deadlines and verdicts"). A reception step has no
    ``due_at`` stored: its budget counts from the reception.
    """
    started = step.started_at or until
    if step.due_at is not None:
        # Stored deadlines already moved by every finished pause (the services shift running steps on
        # resume); only a pause still open is added here.
        due, pauses = step.due_at, [pause for pause in clock.pauses if pause.resumed_at is None]
    else:
        due = calendar.add_working_hours(calendar.next_working_instant(started), step.duration_hours)
        pauses = list(clock.pauses)
    paused = timedelta(0)
    for pause in pauses:
        start, end = max(pause.paused_at, started), min(pause.resumed_at or until, until)
        if end > start:
            paused += calendar.working_time_between(start, end)
    return calendar.add_working_time(due, paused) if paused > timedelta(0) else due


def dossier_control_record(*, dossier: Dossier) -> ControlRecord:
    """The slip 06 data of ``dossier``, derived from its history and steps. Reads only."""
    dossier = Dossier.objects.select_related(
        "receiving_point__operator", "lead_agency", "procedure_version__procedure"
    ).get(pk=dossier.pk)
    steps = {s.order: s for s in DossierStep.objects.filter(dossier=dossier).select_related("agency").order_by("order")}
    events = list(DossierEvent.objects.filter(dossier=dossier).select_related("actor", "agency").order_by("seq"))
    walk = _Walk(dossier=dossier, steps=steps)
    for event in events:
        walk.visit(event)
    lead = dossier.lead_agency
    co_agencies: dict[str, Unit] = {}
    for step in steps.values():
        if step.agency is not None and step.agency_id != lead.pk and step.status != StepStatus.CANCELLED:
            co_agencies.setdefault(step.agency.code, _unit(step.agency))
    previous = walk.previous_appointment
    return ControlRecord(
        code=dossier.code,
        procedure=dossier.procedure_version.procedure.name,
        applicant=dossier.applicant_name,
        receiving_point=walk.point,
        lead_agency=_unit(lead),
        co_agencies=tuple(co_agencies.values()),
        received_at=dossier.received_at,
        appointment_at=dossier.appointment_at,
        original_appointment_at=datetime.fromisoformat(previous) if previous else None,
        extension_reason=dossier.extension_reason,
        completion=dossier.completion,
        rows=tuple(walk.rows),
        extension_late_notice=walk.extension_late_notice,
        extension_noticed_at=walk.extension_noticed_at,
    )


class _Walk:
    """Replays the history, keeping who holds the dossier, and turns each hand-over into rows."""

    def __init__(self, *, dossier: Dossier, steps: dict[int, DossierStep]) -> None:
        self.dossier, self.steps = dossier, steps
        self.calendar = calendar_for_point(dossier.receiving_point)
        self.clock = ProcessingClock.from_json(dossier.clock)
        self.point = Unit(dossier.receiving_point.code, dossier.receiving_point.name)
        self.lead = _unit(dossier.lead_agency)
        self.applicant = Unit("", dossier.applicant_name)
        self.holders: list[Unit] = [self.point]
        self.waiting: list[Unit] = []  # who holds the dossier while the applicant acts
        self.completed: set[int] = set()
        self.rows: list[HandOver] = []
        self.previous_appointment: str | None = None
        self.extension_late_notice = False
        self.extension_noticed_at: datetime | None = None
        self._agency_codes: dict[int, set[str]] = {}  # actor id → codes of their agencies, read once

    def add(self, event: DossierEvent, giver: Unit, receivers: list[Unit], **fields: Any) -> None:
        for receiver in receivers:
            self.rows.append(
                HandOver(
                    no=len(self.rows) + 1,
                    action=event.action,
                    giver=giver,
                    giver_actor=str(event.actor) if event.actor else "",
                    receiver=receiver,
                    at=event.at,
                    **{"due_at": None, "result": "", "note": event.note, **fields},
                )
            )
        self.holders = receivers

    def judged(self, event: DossierEvent, steps: list[DossierStep]) -> dict[str, Any]:
        """Deadline and result of the work handed over: the latest deadline of the steps it finishes."""
        dues = [step_due_at(step=s, clock=self.clock, calendar=self.calendar, until=event.at) for s in steps]
        if not dues:
            return {}
        due = max(dues)
        return {"due_at": due, "result": timeliness(at=event.at, due_at=due, calendar=self.calendar)}

    def actor_unit(self, event: DossierEvent) -> Unit:
        """The unit the actor acted for: the event's unit, else the holder among the actor's agencies."""
        if event.agency is not None:
            return _unit(event.agency)
        if event.actor is not None:
            if event.actor.pk not in self._agency_codes:
                self._agency_codes[event.actor.pk] = set(agencies_for(user=event.actor).values_list("code", flat=True))
            theirs = self._agency_codes[event.actor.pk]
            for unit in self.holders:
                if unit.code in theirs:
                    return unit
        return self.holders[0]

    def visit(self, event: DossierEvent) -> None:
        action = event.action
        processing = [s for s in self.steps.values() if s.role not in ONE_STOP]
        if action == Action.TRANSFER:
            reception = [s for s in self.steps.values() if s.role in ONE_STOP][:1]
            self.add(
                event, self.point, [_unit(event.agency) if event.agency else self.lead], **self.judged(event, reception)
            )
        elif action == Action.COMPLETE_STEP:
            step = self.steps.get(int(event.payload.get("step", 0)))
            if step is None:
                return
            self.completed.add(step.order)
            started = [self.steps[o] for o in event.payload.get("started", []) if o in self.steps]
            receivers = list(dict.fromkeys(_unit(s.agency) if s.agency else self.lead for s in started))
            giver = _unit(step.agency) if step.agency else self.lead
            remaining = [u for u in self.holders if u != giver]
            self.add(event, giver, receivers or [self.lead], **self.judged(event, [step]))
            # A parallel group is held by all its units until each one finishes.
            if not receivers and remaining:
                self.holders = remaining
        elif action in (Action.REQUEST_SUPPLEMENT, Action.REQUEST_OBLIGATION):
            self.waiting = self.holders
            if event.from_status == Status.RECEIVED:
                self.add(event, self.point, [self.applicant])
            else:
                self.add(event, self.actor_unit(event), [self.point])
        elif action in (Action.RECEIVE_SUPPLEMENT, Action.MEET_OBLIGATION):
            if self.waiting == [self.point]:  # asked at reception: the applicant brings it to the counter
                self.add(event, self.applicant, [self.point])
            else:
                self.add(event, self.point, [u for u in self.waiting if u != self.point] or [self.lead])
        elif action == Action.EXTEND:
            self.previous_appointment = self.previous_appointment or event.payload.get("previous")
            self.extension_late_notice = bool(event.payload.get(LATE_NOTICE))
            self.extension_noticed_at = event.at
        elif action in (Action.APPROVE, Action.REJECT):
            closed = [
                s for s in processing if s.status == StepStatus.DONE and s.order not in self.completed and s.finished_at
            ]
            self.add(event, self.lead, [self.lead], **self.judged(event, closed))
        elif action in (Action.SEND_RESULT_TO_COUNTER, Action.SEND_RESULT_TO_POST):
            receiver = (
                self.point if action == Action.SEND_RESULT_TO_COUNTER else _unit(self.dossier.receiving_point.operator)
            )
            due = self.dossier.appointment_at
            self.add(
                event,
                self.lead,
                [receiver],
                due_at=due,
                result=timeliness(at=event.at, due_at=due, calendar=self.calendar),
            )
        elif action == Action.RETURN_RESULT:
            self.add(event, self.holders[0], [self.applicant])


# --- deadline watch --------------------------------------------------------------------------------------------

DUE_SOON, OVERDUE, STEP_OVERDUE = DueFlag.DUE_SOON.value, DueFlag.OVERDUE.value, "step_overdue"
KEY_CHUNK = 500


def _utc(value: datetime) -> str:
    # Keys must not depend on the zone an instant happens to be held in.
    return value.astimezone(UTC).isoformat()


def deadline_key(*, dossier_id: int, flag: str, due_at: datetime) -> str:
    return f"deadline:{dossier_id}:{flag}:{_utc(due_at)}"


@transaction.atomic
def dossier_deadlines_flag(*, at: datetime | None = None) -> dict[str, int]:
    """Write one outbox message per (dossier, flag, appointment) newly due soon or overdue, and per
    (step, deadline) newly overdue. Idempotent: a rerun writes nothing new. Returns the counts written."""
    now = at or timezone.now()
    messages: list[OutboxMessage] = []
    dossiers = (
        Dossier.objects.real()
        .filter(status__in=RUNNING)
        .filter(before_threshold(field="appointment_at", at=now, threshold=due_soon_threshold))
        .select_related("receiving_point", "lead_agency")
        .order_by("pk")
    )
    for dossier in dossiers.iterator(chunk_size=2000):
        calendar = calendar_for_point(dossier.receiving_point)
        flag = OVERDUE if dossier.appointment_at < overdue_threshold(calendar=calendar, at=now) else DUE_SOON
        messages.append(
            OutboxMessage(
                key=deadline_key(dossier_id=dossier.pk, flag=flag, due_at=dossier.appointment_at),
                topic=f"dossier.{flag}",
                payload={
                    "code": dossier.code,
                    "flag": flag,
                    "appointment_at": dossier.appointment_at.isoformat(),
                    "at": now.isoformat(),
                    "lead_agency": dossier.lead_agency.code,
                    "receiving_point": dossier.receiving_point.code,
                    "national_status": NATIONAL_STATUS_CODE[dossier.status],
                    "needs_apology": dossier_needs_apology(dossier=dossier, at=now),
                },
            )
        )
    messages += _overdue_steps(at=now)
    keys = [m.key for m in messages]
    existing: set[str] = set()
    for start in range(0, len(keys), KEY_CHUNK):  # SQLite caps the parameters of one statement
        existing.update(
            OutboxMessage.objects.filter(key__in=keys[start : start + KEY_CHUNK]).values_list("key", flat=True)
        )
    new = [m for m in messages if m.key not in existing]
    # ignore_conflicts: a concurrent run that wrote the same key first wins, silently.
    OutboxMessage.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        outbox_kick()
    counts = {DUE_SOON: 0, OVERDUE: 0, STEP_OVERDUE: 0}
    for message in new:
        counts[message.payload["flag"]] += 1
    return {**counts, "checked": len(messages)}


def _overdue_steps(*, at: datetime) -> list[OutboxMessage]:
    steps = (
        DossierStep.objects.filter(status=StepStatus.ACTIVE, due_at__isnull=False, dossier__status__in=RUNNING)
        .exclude(dossier__receiving_point__is_training=True)
        .filter(before_threshold(field="due_at", at=at, threshold=overdue_threshold, point="dossier__receiving_point"))
        .select_related("dossier__receiving_point", "agency")
        .order_by("dossier_id", "order")
    )
    messages = []
    for step in steps:
        calendar = calendar_for_point(step.dossier.receiving_point)
        clock = ProcessingClock.from_json(step.dossier.clock)
        due = step_due_at(step=step, clock=clock, calendar=calendar, until=at)
        if not due < overdue_threshold(calendar=calendar, at=at):
            continue  # the applicant's pause moved it
        messages.append(
            OutboxMessage(
                key=deadline_key(dossier_id=step.dossier_id, flag=f"step{step.order}_overdue", due_at=due),
                topic="dossier.step_overdue",
                payload={
                    "code": step.dossier.code,
                    "flag": STEP_OVERDUE,
                    "step": step.order,
                    "step_name": step.name,
                    "agency": step.agency.code if step.agency else None,
                    "due_at": timezone.localtime(due).isoformat(),
                    "at": at.isoformat(),
                },
            )
        )
    return messages
