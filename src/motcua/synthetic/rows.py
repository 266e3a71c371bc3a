"""A dossier's rows in the services' shapes, computed in memory per table (tuples in the table's column order):
the dossier, its history, papers, fee lines, steps, an online payment and a rating now and then."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models

from motcua.core.localtime import local_date
from motcua.core.text import fold
from motcua.dossiers.lifecycle import Channel, Status
from motcua.dossiers.lookup_secrets import LOOKUP_SECRET_ALPHABET, LOOKUP_SECRET_LENGTH
from motcua.dossiers.models import Completion, Dossier, DossierComponent, DossierEvent, DossierFee, DossierStep
from motcua.feedback.models import DossierRating
from motcua.payments.models import Payment
from motcua.workdays.calendar import WorkCalendar
from motcua.workdays.clock import ProcessingClock

from .plan import SynthPlan
from .world import Route, World, step_agency

if TYPE_CHECKING:
    from .story import Story


@dataclass
class Rows:
    """The rows of one batch, per table, as tuples in the table's column order."""

    tables: dict[type[models.Model], Table] = field(default_factory=dict)

    def table(self, model: type[models.Model], *, with_id: bool = False) -> Table:
        if model not in self.tables:
            self.tables[model] = Table(model, with_id=with_id)
        return self.tables[model]


class Table:
    def __init__(self, model: type[models.Model], *, with_id: bool) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if with_id or not f.primary_key]
        self.template = {f.attname: f.get_default() for f in self.fields}
        self.json = [f.attname for f in self.fields if isinstance(f, models.JSONField)]
        self.pick = itemgetter(*(f.attname for f in self.fields))
        self.rows: list[tuple] = []

    def add(self, **values: Any) -> None:
        row = self.template.copy()
        row.update(values)
        for name in self.json:
            row[name] = json.dumps(row[name], ensure_ascii=False)
        self.rows.append(self.pick(row))


def rows_add(
    rows: Rows,
    world: World,
    plan: SynthPlan,
    route: Route,
    story: Story,
    clock: ProcessingClock,
    applicant: dict,
    steps: dict,
    step_times: dict,
    supplements: list[int],
    *,
    dossier_id: int,
    index: int,
    code: str,
    channel: str,
    by_post: bool,
    receiver: int,
    rng: random.Random,
) -> None:
    version, calendar = route.version, route.calendar
    received_at = story.events[0]["at"]
    ended = {"approve", "reject", "refuse", "withdraw"}
    end = next((e for e in story.events if e["action"] in ended), None)
    completion = ""
    if end is not None and end["action"] in ("approve", "reject"):
        completion = _verdict(calendar, finished_at=end["at"], due_at=clock.due_at, requests=len(supplements))
    returned = story.events[-1]["at"] if story.status == Status.RETURNED else None
    fee_rows, charged = _fees(rng, route)
    postage = rng.randrange(44, 91) * 500 if by_post else None
    paid_online = channel == Channel.ONLINE and (charged or postage) and rng.random() < 0.6
    rows.table(Dossier, with_id=True).add(
        id=dossier_id,
        code=code,
        issuing_agency_id=route.issuer.pk,
        procedure_version_id=version.pk,
        lead_agency_id=route.lead.pk,
        status=story.status,
        channel=channel if channel == Channel.ONLINE else route.point.reception_channel,
        **applicant,
        receiving_point_id=route.point.pk,
        received_by_id=receiver,
        received_at=received_at,
        appointment_at=clock.due_at,
        original_appointment_at=clock.base_due_at,
        clock=clock.to_json(),
        supplement_requests=len(supplements) + (1 if story.status == Status.SUPPLEMENT_REQUESTED else 0),
        fees_charged=charged,
        fees_paid=0 if paid_online else charged,
        return_method="post" if by_post else "counter",
        return_address=applicant["applicant_address"] if by_post else "",
        return_postage=postage,
        processed_at=end["at"] if end else None,
        returned_at=returned,
        completion=completion,
        lookup_secret="".join(rng.choices(LOOKUP_SECRET_ALPHABET, k=LOOKUP_SECRET_LENGTH)),
        submission_key=f"synth:{plan.run_id}:{index}",
        search_text=fold(f"{code} {applicant['applicant_name']}"),
    )
    events = rows.table(DossierEvent)
    for seq, event in enumerate(story.events, start=1):
        events.add(dossier_id=dossier_id, seq=seq, **event)
    papers = rows.table(DossierComponent)
    reuse, scan = {"online": (0.35, 0.97), "counter": (0.12, 0.75)}.get(channel, (0.08, 0.6))
    for component in route.components:
        papers.add(
            dossier_id=dossier_id,
            component_id=component.pk,
            name=component.name,
            form=component.form,
            count=component.quantity,
            reused=rng.random() < reuse,
            digitized=rng.random() < scan,
        )
    for seq in supplements:
        papers.add(
            dossier_id=dossier_id,
            name=f"Giấy tờ bổ sung: {story.events[seq - 2]['payload']['items'][0]}"[:500],
            form="original",
            digitized=True,
            supplement_seq=seq,
        )
    for values in fee_rows:
        rows.table(DossierFee).add(dossier_id=dossier_id, **values)
    table = rows.table(DossierStep)
    for step in route.steps:
        done = step_times.get(step.order, {})
        table.add(
            dossier_id=dossier_id,
            order=step.order,
            name=step.name,
            role=step.role,
            agency_id=done.pop("agency_id", step_agency(route, step) if not step.at_other_agency else None),
            parallel_group=step.parallel_group,
            duration_hours=version.working_hours(step.duration),
            **{"status": "pending", **done},
        )
    if paid_online:
        _payment(rows, dossier_id, index, plan, received_at, charged, postage or 0, rng)
    if returned is not None and rng.random() < 0.08:
        rated = returned + timedelta(minutes=rng.randint(10, 2880))
        if rated <= world.horizon:
            score = rng.choices(("satisfied", "normal", "dissatisfied"), (0.85, 0.1, 0.05))[0]
            rows.table(DossierRating).add(
                dossier_id=dossier_id,
                lead_agency_id=route.lead.pk,
                receiving_point_id=route.point.pk,
                received_by_id=receiver,
                returned_by_id=receiver,
                score=score,
                source="link",
                rated_at=rated,
                reasons=["fast"] if score == "satisfied" else ["slow"] if score == "dissatisfied" else [],
            )


def _verdict(calendar: WorkCalendar, *, finished_at: datetime, due_at: datetime, requests: int) -> str:
    """As the services judge it (docs/domain.md, "Deadlines and verdicts"): more than one supplement request during
    processing is late; finishing on an earlier day than the appointment is early."""
    if requests > 1 or not calendar.finished_on_time(finished_at=finished_at, due_at=due_at):
        return Completion.LATE
    return Completion.EARLY if local_date(finished_at) < local_date(due_at) else Completion.ON_TIME


def _fees(rng: random.Random, route: Route) -> tuple[list[dict[str, Any]], int]:
    """One line of each alternative group, every required line, an optional per-unit line now and then; a few
    applicants exempt."""
    groups: dict[int, list[Any]] = defaultdict(list)
    chosen = []
    for fee in route.fees:
        if fee.group is not None:
            groups[fee.group].append(fee)
        elif not fee.optional or (fee.per_unit and rng.random() < 0.2):
            chosen.append(fee)
    chosen += [rng.choice(lines) for _, lines in sorted(groups.items())]
    exempt = rng.random() < 0.03
    lines, total = [], 0
    for fee in sorted(chosen, key=lambda f: f.order):
        quantity = rng.randint(1, 2) if fee.per_unit and fee.optional else 1
        amount = 0 if exempt and fee.exemptions else fee.amount * quantity
        total += amount
        lines.append(
            {
                "fee_id": fee.pk,
                "order": fee.order,
                "kind": fee.kind,
                "description": fee.description,
                "unit_amount": fee.amount,
                "quantity": quantity,
                "per_unit": fee.per_unit,
                "amount": amount,
                "exemption_reason": "Thuộc đối tượng được miễn theo quy định"
                if amount == 0 and exempt and fee.exemptions
                else "",
            }
        )
    return lines, total


def _payment(
    rows: Rows,
    dossier_id: int,
    index: int,
    plan: SynthPlan,
    received_at: datetime,
    fees: int,
    postage: int,
    rng: random.Random,
) -> None:
    created = received_at - timedelta(minutes=rng.randint(5, 90))
    settled = created + timedelta(seconds=rng.randint(30, 400))
    lines = [{"kind": "fee", "description": "Phí, lệ phí", "amount": fees}] if fees else []
    lines += [{"kind": "postage", "description": "Cước trả kết quả", "amount": postage}] if postage else []
    rows.table(Payment).add(
        dossier_id=dossier_id,
        reference=f"SYN{plan.run_id}{index:010d}",
        provider=settings.PAYMENT_PROVIDER,
        transaction_no=f"SYN{plan.run_id}{index:010d}",
        status="paid",
        lines=lines,
        fees_amount=fees,
        postage_amount=postage,
        amount_requested=fees + postage,
        amount_confirmed=fees + postage,
        created_at=created,
        started_at=created,
        settled_at=settled,
    )
