"""The world of bench/desk.py: dossiers in every inbox state for one agency, and the raw SQL baselines.

A share of the dossiers (``real``) is received and moved through the real services, one recipe per state;
the rest are copies of those (dossier, steps, papers, history), inserted in bulk with a fresh code and
applicant, so every state in the table is one the services produced.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from intake import World, build_world

# (state, share of the dossiers). Shares of the agency's inbox in a busy week.
MIX: tuple[tuple[str, float], ...] = (
    ("received", 0.05),  # at the counter, not transferred yet
    ("new", 0.25),  # transferred, step in progress at the agency, nobody assigned
    ("assigned", 0.20),
    ("at_police", 0.05),  # parallel steps: one at the police, one at the agency
    ("due_soon", 0.05),
    ("overdue", 0.10),
    ("waiting", 0.10),  # supplement requested
    ("done", 0.20),  # approved, half of them returned
)


def build_desk_world() -> World:
    """intake.py's world (a post office serving a commune committee, a police agency, staff, a published
    procedure with five components and six steps), with the parts this bench names."""
    world = build_world()
    world.committee = world.reception.lead_agency
    world.office = world.reception.receiving_point
    world.version = world.reception.procedure_version
    world.national_code = world.version.procedure.national_code
    world.serial = itertools.count(1)
    world.alternate = itertools.cycle([True, False])
    return world


def id_number(serial: int) -> str:
    """A well-formed 12-digit personal number: province code 001 (Hà Nội), then the serial."""
    return f"001{serial:09d}"


def receive(world: World, *, received_at: datetime | None = None):
    from motcua.dossiers.services.receive import dossier_receive

    applicant = replace(world.reception.applicant, id_number=id_number(next(world.serial)))
    reception = replace(world.reception, applicant=applicant)
    return dossier_receive(reception=reception, actor=world.clerk, received_at=received_at)


def _received_before(world: World, *, due_in: timedelta) -> datetime:
    """A reception instant whose appointment falls ``due_in`` working time from now (negative: passed)."""
    from django.utils import timezone

    from motcua.dossiers.services.receive import limit_unit
    from motcua.workdays.selectors import work_calendar

    calendar = work_calendar(hours=world.office.office_hours or None)
    version, now = world.version, timezone.now()
    target = calendar.add_working_time(now, due_in)
    limit = calendar.working_time_between(
        now, calendar.due_at(now, amount=version.time_limit, unit=limit_unit(version))
    )
    start = calendar.add_working_time(target, -limit)
    # A limit in days may round the appointment (to a closing time, say): shift by what it is off.
    due = calendar.due_at(start, amount=version.time_limit, unit=limit_unit(version))
    return calendar.add_working_time(start, calendar.working_time_between(due, target))


def recipes(world: World) -> dict[str, Callable[[], Any]]:
    """How to reach each state of MIX through the services."""
    from motcua.dossiers.services import transitions as t

    def transfer(dossier):
        return t.dossier_transfer(dossier=dossier, actor=world.clerk, step_agencies={3: world.police})

    def assign(dossier):
        return t.dossier_step_assign(dossier=dossier, actor=world.leader, assignee=world.specialist)

    def at_police():
        return t.dossier_step_complete(dossier=transfer(receive(world)), actor=world.specialist)

    def done():
        dossier = t.dossier_step_complete(dossier=at_police(), actor=world.police_specialist)
        dossier = t.dossier_step_complete(dossier=dossier, actor=world.specialist)
        dossier = t.dossier_approve(dossier=dossier, actor=world.leader)
        if next(world.alternate):
            dossier = t.dossier_send_result(dossier=dossier, actor=world.specialist)
            dossier = t.dossier_return_result(
                dossier=dossier,
                actor=world.clerk,
                collector_name=dossier.applicant_name,
                collector_id_number=dossier.applicant_id_number,
                identity_checked=True,
            )
        return dossier

    def overdue():
        dossier = transfer(receive(world, received_at=_received_before(world, due_in=-timedelta(hours=12))))
        return assign(dossier) if next(world.alternate) else dossier

    return {
        "received": lambda: receive(world),
        "new": lambda: transfer(receive(world)),
        "assigned": lambda: assign(transfer(receive(world))),
        "at_police": at_police,
        "due_soon": lambda: transfer(receive(world, received_at=_received_before(world, due_in=timedelta(hours=2)))),
        "overdue": overdue,
        "waiting": lambda: t.dossier_request_supplement(
            dossier=transfer(receive(world)), actor=world.specialist, items=["Bản sao giấy khai sinh"], reason="Thiếu"
        ),
        "done": done,
    }


def populate(world: World, *, count: int, real: int) -> list:
    """``count`` dossiers spread over MIX, ``real`` of them through the services; returns the real ones."""
    ways = recipes(world)
    made = []
    for state, share in MIX:
        made += [ways[state]() for _ in range(max(1, round(real * share)))]
    clone(made, count - len(made), serial=world.serial)
    return made


def clone(templates: list, count: int, *, serial: itertools.count, batch: int = 500) -> None:
    """``count`` copies of ``templates`` (round robin) with their steps, papers and history, in bulk."""
    from django.db import connection

    from motcua.dossiers.models import Dossier, DossierComponent, DossierEvent, DossierStep

    def copy(model, row, **changes):
        fields = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields if not f.primary_key}
        return model(**{**fields, **changes})

    rows = list(Dossier.objects.filter(pk__in=[d.pk for d in templates]).prefetch_related("steps", "components"))
    events = {d.pk: [] for d in rows}
    for event in DossierEvent.objects.filter(dossier__in=rows):
        events[event.dossier_id].append(event)
    cycle = itertools.cycle(rows)
    for start in range(0, count, batch):
        sources = [next(cycle) for _ in range(min(batch, count - start))]
        copies = Dossier.objects.bulk_create(
            copy(
                Dossier,
                d,
                code=f"{d.code}-{n}",
                applicant_id_number=id_number(n),
                applicant_name=f"Nguyễn Văn {n}",
                submission_key="",
            )
            for d, n in zip(sources, serial, strict=False)
        )
        pairs = list(zip(sources, copies, strict=True))
        DossierStep.objects.bulk_create(copy(DossierStep, s, dossier_id=c.pk) for d, c in pairs for s in d.steps.all())
        DossierComponent.objects.bulk_create(
            copy(DossierComponent, p, dossier_id=c.pk) for d, c in pairs for p in d.components.all()
        )
        DossierEvent.objects.bulk_create(copy(DossierEvent, e, dossier_id=c.pk) for d, c in pairs for e in events[d.pk])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def history_dossier(world: World):
    """A dossier with ten events, still in process at the agency: the dossier page shows its forms too."""
    from motcua.dossiers.services import transitions as t

    dossier = receive(world)
    dossier = t.dossier_transfer(dossier=dossier, actor=world.clerk, step_agencies={3: world.police})
    dossier = t.dossier_step_assign(dossier=dossier, actor=world.leader, assignee=world.specialist)
    dossier = t.dossier_request_supplement(dossier=dossier, actor=world.specialist, items=["Tờ khai"], reason="Thiếu")
    dossier = t.dossier_receive_supplement(dossier=dossier, actor=world.clerk)
    dossier = t.dossier_step_complete(dossier=dossier, actor=world.specialist)
    dossier = t.dossier_step_complete(dossier=dossier, actor=world.police_specialist)
    dossier = t.dossier_request_obligation(
        dossier=dossier, actor=world.specialist, amount=120000, description="Lệ phí trước bạ"
    )
    dossier = t.dossier_meet_obligation(dossier=dossier, actor=world.clerk)
    return t.dossier_extend(
        dossier=dossier,
        actor=world.leader,
        new_appointment=dossier.appointment_at + timedelta(days=7),
        reason="Cần xác minh thêm",
    )


# --- reception: the form as the browser posts it, and the same data for the service -----------------------------


def reception_post(world: World, serial: int) -> dict[str, str]:
    reception, applicant = world.reception, world.reception.applicant
    data = {
        "submission_key": uuid.uuid4().hex,
        "receiving_point": str(reception.receiving_point.pk),
        "lead_agency": str(reception.lead_agency.pk),
        "applicant_kind": str(applicant.kind),
        "applicant_id_number": id_number(serial),
        "applicant_name": applicant.name,
        "applicant_phone": applicant.phone,
        "applicant_address": applicant.address,
        "fees_paid": str(reception.fees_paid),
        "return_method": "counter",
    }
    for paper in reception.components:
        data[f"received_{paper.component_id}"] = "on"
        data[f"count_{paper.component_id}"] = str(paper.count)
    return data


def reception_direct(world: World, serial: int):
    """The service's input for the same form: what ReceptionForm.reception() builds."""
    applicant = replace(world.reception.applicant, id_number=id_number(serial))
    return replace(world.reception, applicant=applicant, submission_key=uuid.uuid4().hex)


# --- baselines: hand-written SQL ----------------------------------------------------------------------------------

# The six tab counts of an agency's inbox in one statement. Thresholds come per set of office hours
# (computed once, outside the timing, by the app's calendar: that is Python work, not SQL).
INBOX_COUNTS_SQL = """
SELECT
  count(*) FILTER (WHERE d.status = 'in_process' AND x.unassigned) AS new,
  count(*) FILTER (WHERE d.status = 'in_process' AND x.assigned AND NOT x.unassigned) AS in_progress,
  count(*) FILTER (WHERE d.status = ANY(%(running)s) AND d.appointment_at < t.soon
                   AND d.appointment_at >= t.overdue) AS due_soon,
  count(*) FILTER (WHERE d.status = ANY(%(running)s) AND d.appointment_at < t.overdue) AS overdue,
  count(*) FILTER (WHERE d.status = ANY(%(paused)s)) AS waiting,
  count(*) FILTER (WHERE d.status = ANY(%(ended)s) AND d.processed_at >= %(done_since)s) AS done
FROM dossiers_dossier d
JOIN agencies_receivingpoint p ON p.id = d.receiving_point_id
JOIN unnest(%(hours)s::text[], %(overdue)s::timestamptz[], %(soon)s::timestamptz[]) AS t(hours, overdue, soon)
  ON t.hours = p.office_hours
LEFT JOIN LATERAL (
  SELECT coalesce(bool_or(s.assignee_id IS NULL), false) AS unassigned,
         coalesce(bool_or(s.assignee_id IS NOT NULL), false) AS assigned
  FROM dossiers_dossierstep s
  WHERE s.dossier_id = d.id AND s.status = 'active'
    AND (s.agency_id = ANY(%(agencies)s) OR (s.agency_id IS NULL AND d.lead_agency_id = ANY(%(agencies)s)))
) x ON true
WHERE d.lead_agency_id = ANY(%(agencies)s)
   OR EXISTS (SELECT 1 FROM dossiers_dossierstep s
              WHERE s.dossier_id = d.id AND s.status = 'active' AND s.agency_id = ANY(%(agencies)s))
"""

# The rows a dossier page shows: the dossier with what it points at, its papers, steps and history.
DOSSIER_READS_SQL = (
    """SELECT d.*, la.name, ia.name, p.name, p.office_hours, v.name, v.number, pr.national_code, u.full_name
       FROM dossiers_dossier d
       JOIN agencies_agency la ON la.id = d.lead_agency_id
       JOIN agencies_agency ia ON ia.id = d.issuing_agency_id
       JOIN agencies_receivingpoint p ON p.id = d.receiving_point_id
       JOIN procedures_procedureversion v ON v.id = d.procedure_version_id
       JOIN procedures_procedure pr ON pr.id = v.procedure_id
       JOIN accounts_user u ON u.id = d.received_by_id
       WHERE d.code = %(code)s""",
    "SELECT * FROM dossiers_dossiercomponent WHERE dossier_id = %(id)s ORDER BY id",
    """SELECT s.*, a.name, u.full_name FROM dossiers_dossierstep s
       LEFT JOIN agencies_agency a ON a.id = s.agency_id LEFT JOIN accounts_user u ON u.id = s.assignee_id
       WHERE s.dossier_id = %(id)s ORDER BY s."order\"""",
    """SELECT e.*, a.name, u.full_name FROM dossiers_dossierevent e
       LEFT JOIN agencies_agency a ON a.id = e.agency_id LEFT JOIN accounts_user u ON u.id = e.actor_id
       WHERE e.dossier_id = %(id)s ORDER BY e.seq""",
)


def inbox_sql_params(*, user: Any, at: datetime) -> dict[str, Any]:
    """The parameters of INBOX_COUNTS_SQL for ``user`` at ``at``: their agencies, the state sets of the
    lifecycle table and each set of office hours' thresholds."""
    from motcua.agencies.models import ReceivingPoint
    from motcua.agencies.selectors import agencies_for
    from motcua.dossiers.inbox import DONE_DAYS
    from motcua.dossiers.lifecycle import ENDED
    from motcua.dossiers.selectors import PAUSED, RUNNING, due_soon_threshold, overdue_threshold
    from motcua.workdays.selectors import work_calendar

    hours = list(ReceivingPoint.objects.order_by().values_list("office_hours", flat=True).distinct())
    calendars = [work_calendar(hours=h or None) for h in hours]
    return {
        "agencies": list(agencies_for(user=user).values_list("pk", flat=True)),
        "running": sorted(RUNNING),
        "paused": sorted(PAUSED),
        "ended": sorted(ENDED),
        "done_since": at - timedelta(days=DONE_DAYS),
        "hours": hours,
        "overdue": [overdue_threshold(calendar=c, at=at) for c in calendars],
        "soon": [due_soon_threshold(calendar=c, at=at) for c in calendars],
    }
