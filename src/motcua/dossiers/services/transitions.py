"""One service per lifecycle transition. Each locks the dossier row, checks the lifecycle table and
the actor's role and scope, changes the dossier, and records history, audit and outbox together.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from motcua.agencies.models import Agency
from motcua.agencies.models.staff import POINT_ROLES
from motcua.agencies.selectors import agency_ids_under, user_assignments
from motcua.core.input_guard import LARGEST_INTEGER as LARGEST_AMOUNT
from motcua.workdays.calendar import WorkCalendar
from motcua.workdays.clock import ProcessingClock
from motcua.workdays.selectors import work_calendar

from .. import errors
from ..checks import action_check
from ..lifecycle import ONE_STOP, UNMEASURED, Action, Clock, Status, Transition, transition_for
from ..models import Completion, Dossier, DossierEvent, DossierStep, StepStatus
from ..models.event import LATE_NOTICE, NEW_RECEIPT_DUE
from ..permissions import ScopeReader, step_for_user, step_to_complete
from ..selectors import extension_notice_is_late
from .collector import Collector, collector_check
from .history import dossier_event_record
from .locks import dossier_lock


@dataclass
class _Turn:
    dossier: Dossier
    transition: Transition
    from_status: str
    now: datetime
    calendar: WorkCalendar


def _begin(*, dossier: Dossier, action: Action, actor: Any, now: datetime | None = None) -> _Turn:
    """Lock the dossier and check the action's preconditions (:func:`~..checks.action_check`: the table, the
    actor's role and scope, and the action's own rules), the same check that decides which actions are
    offered. Nothing is written."""
    locked = dossier_lock(dossier_id=dossier.pk)
    transition = transition_for(action)
    action_check(action=action, dossier=locked, user=actor)
    calendar = work_calendar(hours=locked.receiving_point.office_hours or None)
    return _Turn(locked, transition, locked.status, now or timezone.now(), calendar)


def _finish(
    turn: _Turn,
    *,
    actor: Any,
    note: str = "",
    agency: Any = None,
    payload: dict | None = None,
    target: Status | None = None,
) -> Dossier:
    """Apply the transition's target state (or ``target``, where a service knows better) and clock effect,
    save, and record the event."""
    dossier, transition = turn.dossier, turn.transition
    clock = ProcessingClock.from_json(dossier.clock)
    # A dossier received after closing starts its clock the next morning; an action taken before then
    # acts at the clock's start.
    at = max(turn.now, clock.last_event_at)
    if transition.clock == Clock.PAUSE:
        clock = clock.pause(at=at)
    elif transition.clock == Clock.RESUME:
        clock = clock.resume(at=at, calendar=turn.calendar)
        payload = {**(payload or {}), **_appointment_moved(dossier.appointment_at, clock)}
        dossier.appointment_at = clock.due_at
        _shift_active_steps(turn, by=clock.pauses[-1].working_time)
    elif transition.clock == Clock.STOP:
        measured_at = turn.now
        if clock.is_paused:
            if turn.from_status == Status.SUPPLEMENT_REQUESTED:
                # Stopped while waiting for a supplement: measured at the request (docs/domain.md).
                measured_at = clock.pauses[-1].paused_at
            clock = clock.resume(at=at, calendar=turn.calendar)
        dossier.processed_at = turn.now
        # A dossier refused at reception or withdrawn by the applicant was never processed to a result:
        # it gets no verdict, neither early nor on time nor late (docs/domain.md, "Deadlines and verdicts").
        if transition.action not in UNMEASURED:
            dossier.completion = _verdict(dossier=dossier, finished_at=measured_at, calendar=turn.calendar)
    dossier.clock = clock.to_json()
    new_status = target or transition.target
    if new_status is not None:
        dossier.status = new_status
    dossier.save()
    dossier_event_record(
        dossier=dossier,
        action=transition.action.value,
        actor=actor,
        from_status=turn.from_status,
        agency=agency,
        note=note,
        payload=payload,
        at=turn.now,
    )
    return dossier


def _shift_active_steps(turn: _Turn, *, by: timedelta) -> None:
    """The applicant's time to supplement must not make the agency late: running steps' deadlines move too."""
    if by <= timedelta(0):
        return
    for step in DossierStep.objects.filter(dossier=turn.dossier, status=StepStatus.ACTIVE, due_at__isnull=False):
        if step.due_at is not None:
            step.due_at = turn.calendar.add_working_time(step.due_at, by)
            step.save(update_fields=["due_at"])


def _appointment_moved(previous: datetime, clock: ProcessingClock) -> dict[str, Any]:
    """What a resumed clock did to the appointment, for the history: the receipt the applicant holds is
    out of date (``new_receipt_due``) when the appointment it shows, to the minute, has changed."""
    printed = "%H:%M %d/%m/%Y"
    return {
        "appointment_before": timezone.localtime(previous).isoformat(),
        "appointment_at": timezone.localtime(clock.due_at).isoformat(),
        "paused_working_seconds": int(clock.pauses[-1].working_time.total_seconds()),
        NEW_RECEIPT_DUE: timezone.localtime(previous).strftime(printed)
        != timezone.localtime(clock.due_at).strftime(printed),
    }


def _verdict(*, dossier: Dossier, finished_at: datetime, calendar: WorkCalendar) -> str:
    """Early, on time or late against the appointment (docs/domain.md, "Deadlines and verdicts").

    More than one supplement request *during processing* counts as late; one asked for at reception does
    not count. An extension notified late (:data:`LATE_NOTICE`) does not excuse: the dossier is measured
    against the appointment it replaced. A dossier whose appointment was reset after an apology is at
    best on time against its new date, never early.
    """
    history = DossierEvent.objects.filter(dossier=dossier)
    requests = history.filter(action=Action.REQUEST_SUPPLEMENT).exclude(from_status=Status.RECEIVED).count()
    due = dossier.appointment_at
    late_extension = history.filter(action=Action.EXTEND).order_by("-seq").first()
    if late_extension is not None and late_extension.payload.get(LATE_NOTICE):
        due = datetime.fromisoformat(late_extension.payload["previous"])
    if requests > 1 or not calendar.finished_on_time(finished_at=finished_at, due_at=due):
        return Completion.LATE
    if not dossier.extension_reason and timezone.localdate(finished_at) < timezone.localdate(dossier.appointment_at):
        return Completion.EARLY
    return Completion.ON_TIME


def _require(text: str) -> str:
    if not text or not text.strip():
        raise errors.reason_required()
    return text.strip()


# --- reception side --------------------------------------------------------------------------------------------


@transaction.atomic
def dossier_refuse(*, dossier: Dossier, actor: Any, reasons: str) -> Dossier:
    """Refuse at reception (slip 03): out of scope or ineligible."""
    turn = _begin(dossier=dossier, action=Action.REFUSE, actor=actor)
    return _finish(turn, actor=actor, note=_require(reasons))


@transaction.atomic
def dossier_transfer(
    *, dossier: Dossier, actor: Any, step_agencies: dict[int, Agency] | None = None, now: datetime | None = None
) -> Dossier:
    """Hand the dossier to the lead agency: reception steps are done, the first processing step starts.

    ``step_agencies`` names, by step order, the agency of each inter-agency step (set once, here or later).
    """
    turn = _begin(dossier=dossier, action=Action.TRANSFER, actor=actor, now=now)
    steps = list(DossierStep.objects.filter(dossier=turn.dossier).order_by("order"))
    for index, step in enumerate(steps):
        changed = []
        if step_agencies and step.order in step_agencies:
            step.agency = step_agencies[step.order]
            changed.append("agency")
        if index == 0 and step.role in ONE_STOP and step.status == StepStatus.PENDING:
            # The reception step was done at the counter.
            step.status, step.started_at, step.finished_at = StepStatus.DONE, turn.dossier.received_at, turn.now
            step.completed_by = turn.dossier.received_by
            changed += ["status", "started_at", "finished_at", "completed_by"]
        if changed:
            step.save(update_fields=changed)
    # Decree 118's transfer rule (docs/domain.md, "Deadlines and verdicts"): received after 15:00, the
    # dossier reaches the agency at the start of the next working day, and its time counts from then.
    _activate_next(turn, counts_from=turn.calendar.transfer_counts_from(turn.dossier.received_at))
    return _finish(turn, actor=actor, agency=turn.dossier.lead_agency)


def _activate_next(turn: _Turn, *, counts_from: datetime | None = None) -> list[DossierStep]:
    """Start the next pending processing step, with every step of its parallel group.

    Their budgets count from now, or from ``counts_from`` when that is later."""
    # Counter and post steps (reception, return) are not processing steps: the lifecycle does them.
    pending = DossierStep.objects.filter(dossier=turn.dossier, status=StepStatus.PENDING).exclude(role__in=POINT_ROLES)
    first = pending.order_by("order").first()
    if first is None or DossierStep.objects.filter(dossier=turn.dossier, status=StepStatus.ACTIVE).exists():
        return []
    group = pending.filter(parallel_group=first.parallel_group) if first.parallel_group is not None else [first]
    started = []
    start = turn.calendar.next_working_instant(turn.now)
    if counts_from is not None and counts_from > start:
        start = counts_from
    for step in group:
        step.status, step.started_at = StepStatus.ACTIVE, turn.now
        step.due_at = turn.calendar.add_working_hours(start, step.duration_hours)
        step.save(update_fields=["status", "started_at", "due_at"])
        started.append(step)
    return started


# --- agency side -----------------------------------------------------------------------------------------------


def _chosen_step(turn: _Turn, *, actor: Any, to_complete: bool = False) -> DossierStep:
    """The step ``actor`` acts on (:func:`~..permissions.step_for_user`); the preconditions checked in
    :func:`_begin` guarantee there is one (and, to complete it, that the actor holds its role)."""
    reader = ScopeReader(user=actor, dossier=turn.dossier)
    chosen = step_to_complete if to_complete else step_for_user
    step = chosen(user=actor, dossier=turn.dossier, reader=reader)
    if step is None:  # only if the rows changed under a lock we hold: a broken invariant, not bad input
        raise errors.no_active_step()
    return step


@transaction.atomic
def dossier_step_assign(*, dossier: Dossier, actor: Any, assignee: Any) -> Dossier:
    """Give the step in progress at the actor's agency to a colleague who holds the step's role there."""
    turn = _begin(dossier=dossier, action=Action.ASSIGN_STEP, actor=actor)
    step = _chosen_step(turn, actor=actor)
    units = agency_ids_under(roots=[step.agency_id]) if step.agency_id else set()
    eligible = [
        a for a in user_assignments(user=assignee) if a.role == step.role and (not units or a.agency_id in units)
    ]
    if not eligible:
        raise errors.assignee_not_eligible(username=assignee.get_username(), step=step.name)
    step.assignee = assignee
    step.save(update_fields=["assignee"])
    payload = {"step": step.order, "assignee": assignee.get_username()}
    return _finish(turn, actor=actor, agency=step.agency, payload=payload)


@transaction.atomic
def dossier_step_complete(
    *, dossier: Dossier, actor: Any, note: str = "", next_agency: Agency | None = None, now: datetime | None = None
) -> Dossier:
    """Finish the step in progress at the actor's agency; when its group is done, start the next one.

    ``next_agency`` routes the next step when it is at another agency and none was named at transfer.
    """
    turn = _begin(dossier=dossier, action=Action.COMPLETE_STEP, actor=actor, now=now)
    step = _chosen_step(turn, actor=actor, to_complete=True)
    step.status, step.finished_at, step.completed_by = StepStatus.DONE, turn.now, actor
    step.assignee = step.assignee or actor
    step.save(update_fields=["status", "finished_at", "assignee", "completed_by"])
    if next_agency is not None:
        upcoming = (
            DossierStep.objects.filter(dossier=turn.dossier, status=StepStatus.PENDING, agency__isnull=True)
            .order_by("order")
            .first()
        )
        if upcoming is not None:
            upcoming.agency = next_agency
            upcoming.save(update_fields=["agency"])
    started = _activate_next(turn)
    payload = {"step": step.order, "step_name": step.name, "started": [s.order for s in started]}
    return _finish(turn, actor=actor, note=note, agency=step.agency, payload=payload)


@transaction.atomic
def dossier_request_supplement(*, dossier: Dossier, actor: Any, items: list[str], reason: str) -> Dossier:
    """Ask the applicant to complete the dossier (slip 02). The clock stops until the supplement arrives."""
    turn = _begin(dossier=dossier, action=Action.REQUEST_SUPPLEMENT, actor=actor)
    if not items:
        raise errors.reason_required()
    turn.dossier.supplement_requests += 1
    return _finish(turn, actor=actor, note=_require(reason), payload={"items": list(items)})


@transaction.atomic
def dossier_receive_supplement(*, dossier: Dossier, actor: Any, note: str = "", now: datetime | None = None) -> Dossier:
    """The applicant supplemented: the clock runs again and the appointment moves by the paused time.

    A supplement asked for at reception returns the dossier to "received" (it has not been transferred
    yet); one asked for during processing returns it to processing: the table's ``returns_to``.
    """
    turn = _begin(dossier=dossier, action=Action.RECEIVE_SUPPLEMENT, actor=actor, now=now)
    request = (
        DossierEvent.objects.filter(dossier=turn.dossier, action=Action.REQUEST_SUPPLEMENT).order_by("-seq").first()
    )
    back_to = turn.transition.target_from(request.from_status if request is not None else None)
    return _finish(turn, actor=actor, note=note, target=back_to)


@transaction.atomic
def dossier_request_obligation(*, dossier: Dossier, actor: Any, amount: int, description: str) -> Dossier:
    """Ask the applicant to meet a financial obligation (fees, taxes); the clock stops meanwhile.

    ``amount`` is a whole number of dong, at least 1 and at most what an amount column holds: every interface
    (desk form, API) meets this one check."""
    if isinstance(amount, bool) or not isinstance(amount, int) or not 1 <= amount <= LARGEST_AMOUNT:
        raise errors.obligation_amount_invalid(amount=amount)
    turn = _begin(dossier=dossier, action=Action.REQUEST_OBLIGATION, actor=actor)
    return _finish(turn, actor=actor, note=_require(description), payload={"amount": amount})


@transaction.atomic
def dossier_meet_obligation(*, dossier: Dossier, actor: Any, note: str = "") -> Dossier:
    turn = _begin(dossier=dossier, action=Action.MEET_OBLIGATION, actor=actor)
    return _finish(turn, actor=actor, note=note)


@transaction.atomic
def dossier_withdraw(*, dossier: Dossier, actor: Any, reason: str) -> Dossier:
    """Stop at the applicant's written request, before a decision (slip 05)."""
    turn = _begin(dossier=dossier, action=Action.WITHDRAW, actor=actor)
    return _finish(turn, actor=actor, note=_require(reason))


@transaction.atomic
def dossier_stop(*, dossier: Dossier, actor: Any, reason: str) -> Dossier:
    """Stop processing: the applicant did not supplement or meet the obligation."""
    turn = _begin(dossier=dossier, action=Action.STOP, actor=actor)
    return _finish(turn, actor=actor, note=_require(reason))


@transaction.atomic
def dossier_approve(
    *,
    dossier: Dossier,
    actor: Any,
    note: str = "",
    result_file: File | None = None,
    result_reference: str = "",
    now: datetime | None = None,
) -> Dossier:
    """The leader signs the result. Processing ends; the completion verdict is fixed now.

    ``result_file`` is the signed result document (a licence, a certificate…) and ``result_reference``
    its number; both are kept on the dossier for the counter to print and return.

    Every step of the internal process must be done first, but the leader's own step in progress: an
    approval cannot skip another unit's work (a refusal can, see :func:`dossier_reject`).
    """
    turn = _begin(dossier=dossier, action=Action.APPROVE, actor=actor, now=now)  # every other step done
    _close_processing_steps(turn, actor=actor)
    payload = {}
    if result_file is not None:
        from motcua.documents.results import result_document_check  # a signed PDF or a refusal (item 13)

        result_document_check(file=result_file)
        turn.dossier.result_file.save(_file_name(result_file), result_file, save=False)
        payload["result_file"] = turn.dossier.result_file.name
    if result_reference.strip():
        turn.dossier.result_reference = result_reference.strip()
        payload["result_reference"] = turn.dossier.result_reference
    return _finish(turn, actor=actor, note=note, agency=turn.dossier.lead_agency, payload=payload or None)


def _file_name(upload: File) -> str:
    return os.path.basename(upload.name or "") or "result.pdf"


@transaction.atomic
def dossier_reject(*, dossier: Dossier, actor: Any, reason: str) -> Dossier:
    """The leader decides not to grant: the result is the written reason. Steps not done are cancelled."""
    turn = _begin(dossier=dossier, action=Action.REJECT, actor=actor)
    _close_processing_steps(turn, actor=actor)
    return _finish(turn, actor=actor, note=_require(reason), agency=turn.dossier.lead_agency)


def _close_processing_steps(turn: _Turn, *, actor: Any) -> None:
    """The leader's decision ends the steps in progress (their own signing step among them) as done by them."""
    DossierStep.objects.filter(dossier=turn.dossier, status=StepStatus.ACTIVE).update(
        status=StepStatus.DONE, finished_at=turn.now, completed_by=actor
    )
    DossierStep.objects.filter(dossier=turn.dossier, status=StepStatus.PENDING).exclude(role__in=POINT_ROLES).update(
        status=StepStatus.CANCELLED
    )


@transaction.atomic
def dossier_send_result(*, dossier: Dossier, actor: Any, by_post: bool = False) -> Dossier:
    """Send the result to the counter, or hand it to the post for delivery."""
    action = Action.SEND_RESULT_TO_POST if by_post else Action.SEND_RESULT_TO_COUNTER
    turn = _begin(dossier=dossier, action=action, actor=actor)  # the way the applicant chose
    return _finish(turn, actor=actor, agency=turn.dossier.lead_agency)


@transaction.atomic
def dossier_return_result(
    *,
    dossier: Dossier,
    actor: Any,
    note: str = "",
    collector_name: str = "",
    collector_id_number: str = "",
    identity_checked: bool = False,
    collector_relation: str = "",
    collector_authorization: str = "",
    now: datetime | None = None,
) -> Dossier:
    """The applicant (or someone they authorised) received the result (register 07).

    Whoever takes it passes :func:`~.collector.collector_check`, the one rule of the counter and the
    postman (docs/domain.md, "The postal steps of a home pickup and a delivery"): name, a valid ID number,
    identity paper checked; someone other than the applicant also gives their relation to the applicant and
    the authorisation paper they showed. All of it goes into the history event's payload.
    ``now``: when it happened, if not now (a postman's delivery reported later by the carrier).
    """
    turn = _begin(dossier=dossier, action=Action.RETURN_RESULT, actor=actor, now=now)
    collector = collector_check(
        dossier=turn.dossier,
        collector=Collector(
            name=collector_name,
            id_number=collector_id_number,
            identity_checked=bool(identity_checked),
            relation=collector_relation,
            authorization=collector_authorization,
        ),
    )
    turn.dossier.returned_at = turn.now
    DossierStep.objects.filter(dossier=turn.dossier, status=StepStatus.PENDING).update(
        status=StepStatus.DONE, started_at=turn.now, finished_at=turn.now, assignee=actor, completed_by=actor
    )
    payload = {
        key: value
        for key, value in (
            ("collector_name", collector.name),
            ("collector_id_number", collector.id_number),
            ("identity_checked", collector.identity_checked),
            ("collector_relation", collector.relation),
            ("collector_authorization", collector.authorization),
        )
        if value
    }
    return _finish(turn, actor=actor, note=note, payload=payload)


@transaction.atomic
def dossier_return_to_counter(*, dossier: Dossier, actor: Any, reason: str, now: datetime | None = None) -> Dossier:
    """The post could not deliver the result: it goes back to the counter, where the applicant collects it.

    ``now``: when the post gave up, if not now (reported later by the carrier).
    """
    turn = _begin(dossier=dossier, action=Action.RETURN_TO_COUNTER, actor=actor, now=now)
    return _finish(turn, actor=actor, note=_require(reason))


@transaction.atomic
def dossier_extend(*, dossier: Dossier, actor: Any, new_appointment: datetime, reason: str) -> Dossier:
    """Apologise and set a new appointment (slip 04). Allowed once per dossier, with a reason."""
    turn = _begin(dossier=dossier, action=Action.EXTEND, actor=actor)  # once per dossier
    reason = _require(reason)
    if new_appointment <= turn.dossier.appointment_at:
        raise errors.extension_not_later(due=timezone.localtime(turn.dossier.appointment_at).strftime("%H:%M %d/%m/%Y"))
    previous = turn.dossier.appointment_at
    # Notified less than one working day before the due time, or after it: a late notice (docs/domain.md).
    late_notice = extension_notice_is_late(calendar=turn.calendar, at=turn.now, due_at=previous)
    turn.dossier.appointment_at = turn.calendar.next_working_instant(new_appointment)
    turn.dossier.extension_reason = reason
    clock = ProcessingClock.from_json(turn.dossier.clock)
    turn.dossier.clock = replace(clock, due_at=turn.dossier.appointment_at).to_json()
    return _finish(
        turn,
        actor=actor,
        note=reason,
        payload={
            "previous": timezone.localtime(previous).isoformat(),
            "new": timezone.localtime(turn.dossier.appointment_at).isoformat(),
            LATE_NOTICE: late_notice,
        },
    )
