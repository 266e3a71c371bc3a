"""One dossier's story up to the horizon: its outcome, the history the services would have written (reception,
transfer, step completions, supplement requests with the clock paused, a withdrawal or the decision, the result
sent and returned), then its rows (:func:`motcua.synthetic.rows.rows_add`)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from motcua.agencies.models.staff import POINT_ROLES
from motcua.dossiers.lifecycle import ONE_STOP, Status
from motcua.dossiers.services.receive import limit_unit
from motcua.workdays.clock import ProcessingClock

from .applicants import applicant_draw
from .plan import SynthPlan
from .rows import Rows, rows_add
from .world import Route, World, step_agency

# Outcomes of a dossier received long enough before the horizon (shares; "on_time" takes the rest).
OUTCOMES = (("refuse", 0.02), ("withdraw", 0.015), ("reject", 0.03), ("late", 0.07), ("supp1", 0.07), ("supp2", 0.02))


def _outcome(rng: random.Random) -> str:
    draw = rng.random()
    for name, share in OUTCOMES:
        if draw < share:
            return name
        draw -= share
    return "on_time"


class Story:
    """One dossier's history up to the horizon: events appended in time order, the rest derived from them."""

    def __init__(self, *, horizon: datetime) -> None:
        self.horizon = horizon
        self.events: list[dict[str, Any]] = []
        self.status = ""
        self.cut = False

    def add(self, action: str, to_status: str | None, at: datetime, **values: Any) -> bool:
        """Append the event unless it falls after the horizon (the dossier is still open then); say which."""
        if self.cut or at > self.horizon:
            self.cut = True
            return False
        new_status = to_status or self.status
        self.events.append({"action": action, "from_status": self.status, "to_status": new_status, "at": at, **values})
        self.status = new_status
        return True


def dossier_rows(
    rows: Rows, world: World, plan: SynthPlan, item: dict[str, Any], *, dossier_id: int, index: int, code: str
) -> None:
    rng, route, channel, received_at = item["rng"], item["route"], item["channel"], item["received_at"]
    version, calendar, point = route.version, route.calendar, route.point
    receiver = rng.choice(world.receivers[point.pk])
    specialist, leader = world.specialists.get(route.lead.pk), world.leaders.get(route.lead.pk)
    applicant = applicant_draw(rng, world, route)
    due = calendar.due_at(received_at, amount=version.time_limit, unit=limit_unit(version))
    clock = ProcessingClock.start(started_at=calendar.next_working_instant(received_at), due_at=due)
    story = Story(horizon=world.horizon)
    story.add(
        "receive",
        Status.RECEIVED,
        received_at,
        actor_id=receiver,
        agency_id=point.operator_id,
        payload={"appointment_at": timezone.localtime(due).isoformat(), "procedure": version.procedure.national_code},
    )
    by_post = version.postal_return and rng.random() < {"postal": 0.7, "online": 0.35}.get(channel, 0.1)
    steps = _step_plan(route)
    outcome = _outcome(rng)
    decided = None
    supplements: list[int] = []
    step_times: dict[int, dict[str, Any]] = {}
    if outcome == "refuse":
        story.add(
            "refuse",
            Status.REFUSED,
            received_at + timedelta(minutes=rng.randint(5, 40)),
            actor_id=receiver,
            note="Hồ sơ không thuộc thẩm quyền giải quyết hoặc không đủ điều kiện tiếp nhận",
        )
    else:
        transferred = calendar.add_working_hours(received_at, Decimal(rng.randint(5, 150)) / 100)
        start = max(calendar.next_working_instant(transferred), calendar.transfer_counts_from(received_at))
        if steps["reception"] is not None:
            step_times[steps["reception"].order] = {
                "started_at": received_at,
                "finished_at": transferred,
                "status": "done",
                "completed_by_id": receiver,
            }
        if story.add("transfer", Status.IN_PROCESS, transferred, actor_id=receiver, agency_id=route.lead.pk):
            decided, clock = _process(
                story,
                rng,
                route,
                steps,
                step_times,
                outcome,
                start=start,
                clock=clock,
                actors=(receiver, specialist, leader),
                supplements=supplements,
            )
    if decided is not None:
        sent = calendar.add_working_hours(decided, Decimal(rng.randint(10, 300)) / 100)
        action = "send_result_to_post" if by_post else "send_result_to_counter"
        to = Status.RESULT_WITH_POST if by_post else Status.RESULT_AT_COUNTER
        if story.add(action, to, sent, actor_id=specialist, agency_id=route.lead.pk):
            back = calendar.add_working_hours(sent, Decimal(rng.randint(400 if by_post else 30, 2400)) / 100)
            if story.add(
                "return_result",
                Status.RETURNED,
                back,
                actor_id=receiver,
                payload={
                    "collector_name": applicant["applicant_name"],
                    "collector_id_number": applicant["applicant_id_number"],
                    "identity_checked": True,
                },
            ):
                for step in steps["delivery"]:
                    step_times[step.order] = {
                        "started_at": back,
                        "finished_at": back,
                        "status": "done",
                        "assignee_id": receiver,
                        "completed_by_id": receiver,
                    }
    rows_add(
        rows,
        world,
        plan,
        route,
        story,
        clock,
        applicant,
        steps,
        step_times,
        supplements,
        dossier_id=dossier_id,
        index=index,
        code=code,
        channel=channel,
        by_post=by_post,
        receiver=receiver,
        rng=rng,
    )


def _step_plan(route: Route) -> dict[str, Any]:
    """The version's steps as the services walk them: the reception step, processing groups, the return steps."""
    steps = route.steps
    reception = steps[0] if steps and steps[0].role in ONE_STOP else None
    rest = steps[1:] if reception is not None else steps
    groups: list[list[Any]] = []
    for step in rest:
        if step.role in POINT_ROLES:
            continue
        if groups and step.parallel_group is not None and groups[-1][0].parallel_group == step.parallel_group:
            groups[-1].append(step)
        else:
            groups.append([step])
    return {"reception": reception, "groups": groups, "delivery": [s for s in rest if s.role in POINT_ROLES]}


def _process(
    story: Story,
    rng: random.Random,
    route: Route,
    steps: dict[str, Any],
    step_times: dict,
    outcome: str,
    *,
    start: datetime,
    clock: ProcessingClock,
    actors: tuple,
    supplements: list[int],
):
    """Processing from the transfer to the decision: step completions, supplement requests (the clock pauses), a
    withdrawal, or the leader's decision. Returns the decision's time (None when there is none) and the clock."""
    calendar = route.calendar
    receiver, specialist, leader = actors
    groups = steps["groups"]
    budget = max(calendar.working_time_between(start, clock.due_at), timedelta(hours=1))
    share = rng.uniform(1.05, 1.8) if outcome == "late" else rng.uniform(0.3, 0.97)
    span = budget * share
    pauses: list[tuple[timedelta, timedelta]] = []  # (running time of the request, working time paused)
    for _ in range({"supp1": 1, "supp2": 2}.get(outcome, 0)):
        pauses.append((span * rng.uniform(0.1, 0.8), timedelta(minutes=rng.randint(240, 2880))))
    pauses.sort()

    def instant(running: timedelta) -> datetime:
        paused = sum((p for at, p in pauses if at < running), timedelta(0))
        return calendar.add_working_time(start, running + paused)

    weights = [
        max((route.version.working_hours(s.duration) for s in g), default=Decimal(1)) or Decimal(1) for g in groups
    ]
    total = sum(weights) or Decimal(1)
    ends, acc = [], Decimal(0)
    for weight in weights:
        acc += weight
        ends.append(span * float(acc / total))
    # No processing step at all: the leader decides at the end of the span.
    timeline: list[tuple[timedelta, str, Any]] = [(end, "group", k) for k, end in enumerate(ends or [span])]
    timeline += [(at, "pause", pause) for at, pause in pauses]
    if outcome == "withdraw":
        timeline = [t for t in timeline if t[0] < span * 0.5] + [(span * 0.5, "withdraw", None)]
    timeline.sort(key=lambda t: (t[0], t[1] != "pause"))
    active = _activate(step_times, route, groups, 0, at=story.events[-1]["at"], counts_from=start)
    for running, kind, value in timeline:
        at = instant(running)
        if kind == "pause":
            asked = at
            item = rng.choice(route.components).name if route.components else "Giấy tờ còn thiếu"
            if not story.add(
                "request_supplement",
                Status.SUPPLEMENT_REQUESTED,
                asked,
                actor_id=specialist,
                note="Hồ sơ chưa đầy đủ, đề nghị bổ sung",
                payload={"items": [item]},
            ):
                return None, clock
            clock = clock.pause(at=asked)
            resumed = calendar.add_working_time(asked, value)
            before = clock.due_at
            if resumed > story.horizon:
                story.cut = True
                return None, clock
            clock = clock.resume(at=resumed, calendar=calendar)
            for order in active:
                step_times[order]["due_at"] = calendar.add_working_time(step_times[order]["due_at"], value)
            story.add(
                "receive_supplement",
                Status.IN_PROCESS,
                resumed,
                actor_id=receiver,
                payload={
                    "appointment_before": timezone.localtime(before).isoformat(),
                    "appointment_at": timezone.localtime(clock.due_at).isoformat(),
                    "paused_working_seconds": int(clock.pauses[-1].working_time.total_seconds()),
                    "new_receipt_due": timezone.localtime(before).strftime("%H:%M %d/%m/%Y")
                    != timezone.localtime(clock.due_at).strftime("%H:%M %d/%m/%Y"),
                },
            )
            supplements.append(len(story.events))
        elif kind == "withdraw":
            story.add("withdraw", Status.WITHDRAWN, at, actor_id=receiver, note="Người dân có đơn xin rút hồ sơ")
            return None, clock
        elif value < len(groups) - 1:  # a group's steps complete one after another; the last one starts the next
            for position, step in enumerate(groups[value]):
                done_at = at - timedelta(minutes=len(groups[value]) - 1 - position)
                last = position == len(groups[value]) - 1
                started = (
                    _activate(step_times, route, groups, value + 1, at=done_at) if last and story.cut is False else []
                )
                agency = step_times[step.order].get("agency_id")
                if not story.add(
                    "complete_step",
                    None,
                    done_at,
                    actor_id=specialist,
                    agency_id=agency,
                    payload={"step": step.order, "step_name": step.name, "started": started},
                ):
                    for order in started:
                        step_times.pop(order)
                    return None, clock
                step_times[step.order].update(
                    status="done", finished_at=done_at, assignee_id=specialist, completed_by_id=specialist
                )
            active = started
        else:  # the leader decides: the steps in progress end with the decision
            action, to = ("reject", Status.NOT_APPROVED) if outcome == "reject" else ("approve", Status.APPROVED)
            if not story.add(
                action,
                to,
                at,
                actor_id=leader,
                agency_id=route.lead.pk,
                note="Hồ sơ không đủ điều kiện giải quyết" if action == "reject" else "",
            ):
                return None, clock
            for order in active:
                step_times[order].update(status="done", finished_at=at, completed_by_id=leader)
            return at, clock
    return None, clock


def _activate(
    step_times: dict,
    route: Route,
    groups: list[list[Any]],
    k: int,
    *,
    at: datetime,
    counts_from: datetime | None = None,
) -> list[int]:
    if k >= len(groups):
        return []
    begin = route.calendar.next_working_instant(at)
    if counts_from is not None and counts_from > begin:
        begin = counts_from
    for step in groups[k]:
        step_times[step.order] = {
            "status": "active",
            "started_at": at,
            "agency_id": step_agency(route, step),
            "due_at": route.calendar.add_working_hours(begin, route.version.working_hours(step.duration)),
        }
    return [step.order for step in groups[k]]
