"""Calibration: what motcua measured at its receiving points, against what a scenario plans, and one click to use it.

Two measures, per receiving point (or every point of a province), over a period:

* **arrivals**: visits to the point per hour of the week (local time), with the number of weeks observed. Queue
  tickets are the first source (``Ticket.issued_at``): a ticket counts every visit, returns of results and refusals
  included. A point with no ticket in the period falls back on its dossiers (``Dossier.received_at``), which
  count only the receptions that made one; there only citizens who came to the counter count: dossiers filed
  online and dossiers a postman picked up at home are left out. ``Arrivals.source`` says which was used, and so
  does the provenance of every number it replaces.
* **counter minutes per visit**, from the tickets served (``finished_at − called_at``): a "submit a dossier"
  ticket is a reception visit (the stages guide, receive, digitize and fees of the plan), a "collect a result"
  ticket a return visit (return_counter). Applied as ``visit:reception`` / ``visit:return``, the measured mean
  replaces the sum of the visit's planned stage minutes, shared between them as the plan shares it. Without
  tickets there is no such measure and the stage durations below remain the only one.
* **stage durations**: per stage of the published catalogue, from ``stages.measure`` (count, mean, p50, p90 in
  working minutes). These are spans between two recorded events, waits included (docs/stages.md): the counter
  stages of version 1 (guidance, reception, digitization) have no start event and are not measured; a measured
  stage of the plan (fees, the return at the counter) bounds its counter time rather than equals it, so the page
  and the command never apply a stage unless asked to.

:func:`calibration_apply` writes the chosen measures into a new version of a scenario through
``scenario_version_save``, each replaced number with its provenance ("measured at point … from … to …, n = …"),
and refuses a measure taken on fewer than ``minimum`` dossiers or tickets (:data:`MIN_SAMPLES` by default).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet

from motcua.agencies.models import ReceivingPoint
from motcua.core.localtime import LOCAL_TIME_ZONE, local_date
from motcua.core.stats import percentile_interpolated
from motcua.dossiers.lifecycle import Channel
from motcua.dossiers.models import Dossier
from motcua.postal.models import OrderKind
from motcua.stages.measure import stage_durations
from motcua.stages.selectors import catalogue_current
from motcua.tickets.models import ServiceKind, Ticket, TicketStatus

from . import errors
from .inputs import WEEKDAYS, ScenarioInputs, inputs_from_dict, open_hours_by_slot, opening_intervals
from .model.demand import HOURS_PER_WEEK, communes_for, week_for
from .models import Scenario, ScenarioVersion
from .scenarios import scenario_version_save
from .selectors import planning_scope, scenario_latest_version

#: The fewest dossiers a measure must rest on before it may replace a planned number.
MIN_SAMPLES = 30
#: The period measured when none is given: the last 12 weeks.
DEFAULT_DAYS = 84
ARRIVALS = "arrivals"
STAGE_PREFIX = "stage:"
VISIT_PREFIX = "visit:"
TICKETS, DOSSIERS = "queue tickets", "dossiers"
#: Counter visits the tickets measure: (measure name, ticket service kind, the plan's stages the visit covers).
VISITS = (
    ("reception", ServiceKind.SUBMIT, ("guide", "receive", "digitize", "fees")),
    ("return", ServiceKind.COLLECT, ("return_counter",)),
)


@dataclass(frozen=True)
class Period:
    """Local days ``start`` to ``end``, both included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def weeks(self) -> float:
        return self.days / 7

    def label(self) -> str:
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"

    def occurrences(self, weekday: int) -> int:
        """How many times the weekday (0 = Monday) falls in the period."""
        first = (weekday - self.start.weekday()) % 7
        return 0 if first >= self.days else (self.days - 1 - first) // 7 + 1


@dataclass(frozen=True)
class Arrivals:
    """Dossiers received per hour of the week (0 = Monday 00:00–01:00, local time) over ``period``.

    ``counts[h]``: dossiers received in hour ``h`` over the whole period; ``per_hour[h]``: the mean per occurrence
    of that hour (the count ÷ the number of such weekdays in the period).
    """

    count: int
    weeks: float
    counts: tuple[int, ...]
    per_hour: tuple[float, ...]
    source: str = DOSSIERS  # what was counted: queue tickets, or dossiers where the point had no ticket

    @property
    def per_week(self) -> float:
        return self.count / self.weeks if self.weeks else 0.0

    def by_clock_hour(self) -> dict[int, int]:
        totals: Counter[int] = Counter()
        for hour, count in enumerate(self.counts):
            totals[hour % 24] += count
        return dict(sorted(totals.items()))

    def by_weekday(self) -> dict[int, int]:
        totals: Counter[int] = Counter()
        for hour, count in enumerate(self.counts):
            totals[hour // 24] += count
        return {day: totals[day] for day in range(7)}


@dataclass(frozen=True)
class StageMeasure:
    code: str
    name_vi: str
    name_en: str
    count: int
    mean: float | None
    p50: float | None
    p90: float | None


@dataclass(frozen=True)
class VisitMeasure:
    """Counter minutes of one kind of visit, measured on the queue tickets served (``source``: queue tickets)."""

    kind: str  # "reception" or "return"
    stages: tuple[str, ...]  # the plan's stages the visit covers
    count: int
    mean: float | None
    p50: float | None
    p90: float | None


@dataclass(frozen=True)
class Calibration:
    """What was measured at ``points`` (codes) over ``period``; ``province``/``communes``: where they are."""

    points: tuple[str, ...]
    province: str
    communes: tuple[str, ...]
    period: Period
    arrivals: Arrivals
    stages: tuple[StageMeasure, ...]
    visits: tuple[VisitMeasure, ...] = ()  # empty when the points had no ticket served in the period

    def where(self) -> str:
        if len(self.points) == 1:
            return f"point {self.points[0]}"
        return f"the {len(self.points)} points of province {self.province} ({', '.join(self.points)})"

    def provenance(self, count: int, source: str = DOSSIERS) -> str:
        """The provenance of a number replaced by this measure, in the words of ``ScenarioVersion.provenance``."""
        return (
            f"measured at {self.where()} from {self.period.start:%d/%m/%Y} to {self.period.end:%d/%m/%Y}, "
            f"n = {count} {source}"
        )

    def visit(self, kind: str) -> VisitMeasure | None:
        return next((visit for visit in self.visits if visit.kind == kind), None)

    def stage(self, code: str) -> StageMeasure | None:
        return next((stage for stage in self.stages if stage.code == code), None)


# --- measuring ----------------------------------------------------------------------------------------------


def calibration_points(*, user, point: str | None = None, province: str | None = None) -> list[ReceivingPoint]:
    """The receiving points to measure: ``point`` (a code) or every point of ``province``, within the user's
    planning scope (``user=None``: a command, any point). A point out of scope answers like a missing one."""
    if not point and not province:
        raise errors.calibration_scope_missing()
    points = ReceivingPoint.objects.select_related("commune").order_by("code")
    points = points.filter(code=point) if point else points.filter(commune__province_id=province)
    if user is not None:
        scope = planning_scope(user=user)
        if not scope.country:
            points = points.filter(commune__province_id__in=scope.provinces)
    found = list(points)
    if not found:
        raise errors.calibration_point_not_found(code=point or str(province))
    return found


def period_for(*, since: date | None = None, until: date | None = None) -> Period:
    """From ``since`` (default: 12 weeks ago) to ``until`` (default: yesterday, the last whole day)."""
    today = local_date()
    end = until or today - timedelta(days=1)
    start = since or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end or end > today:
        raise errors.calibration_period_invalid()
    return Period(start=start, end=end)


def counter_dossiers(points: Sequence[ReceivingPoint], period: Period) -> QuerySet[Dossier]:
    """The dossiers citizens brought to the counters of ``points`` during ``period``."""
    start = datetime.combine(period.start, time.min, tzinfo=LOCAL_TIME_ZONE)
    end = datetime.combine(period.end + timedelta(days=1), time.min, tzinfo=LOCAL_TIME_ZONE)
    return (
        Dossier.objects.real()
        .filter(receiving_point__in=list(points), received_at__gte=start, received_at__lt=end)
        .exclude(channel=Channel.ONLINE)
        .exclude(postal_orders__kind=OrderKind.PICKUP)
    )


def counter_tickets(points: Sequence[ReceivingPoint], period: Period) -> QuerySet[Ticket]:
    """The queue tickets issued at ``points`` during ``period``: every visit, whatever became of it."""
    return Ticket.objects.filter(point__in=list(points), day__gte=period.start, day__lte=period.end)


def _arrivals(moments: Iterable[datetime], period: Period, source: str) -> Arrivals:
    counts = [0] * HOURS_PER_WEEK
    for moment in moments:
        local = moment.astimezone(LOCAL_TIME_ZONE)
        counts[local.weekday() * 24 + local.hour] += 1
    per_hour = tuple(
        count / occurrences if (occurrences := period.occurrences(hour // 24)) else 0.0
        for hour, count in enumerate(counts)
    )
    return Arrivals(count=sum(counts), weeks=period.weeks, counts=tuple(counts), per_hour=per_hour, source=source)


def arrivals_measure(dossiers: QuerySet[Dossier], period: Period) -> Arrivals:
    return _arrivals(dossiers.values_list("received_at", flat=True), period, DOSSIERS)


def ticket_arrivals_measure(tickets: QuerySet[Ticket], period: Period) -> Arrivals:
    return _arrivals(tickets.values_list("issued_at", flat=True), period, TICKETS)


def visit_measures(tickets: QuerySet[Ticket]) -> tuple[VisitMeasure, ...]:
    """Counter minutes per reception and per return visit, from the tickets served (one query)."""
    minutes: dict[str, list[float]] = {kind: [] for kind, _service, _stages in VISITS}
    names: dict[str, str] = {str(service): kind for kind, service, _stages in VISITS}
    served = tickets.filter(status=TicketStatus.DONE, service__kind__in=list(names), finished_at__isnull=False)
    for kind, called_at, finished_at in served.values_list("service__kind", "called_at", "finished_at"):
        if called_at is not None and finished_at is not None:  # a served ticket has both
            minutes[names[kind]].append((finished_at - called_at).total_seconds() / 60)
    found = []
    for kind, _service, stages in VISITS:
        values = sorted(minutes[kind])
        if not values:
            continue
        mean = sum(values) / len(values)
        found.append(
            VisitMeasure(
                kind,
                stages,
                len(values),
                mean,
                percentile_interpolated(values, 0.5),
                percentile_interpolated(values, 0.9),
            )
        )
    return tuple(found)


def calibration_measure(
    *, user, point: str | None = None, province: str | None = None, since: date | None = None, until: date | None = None
) -> Calibration:
    """Arrivals and stage durations measured at ``point`` (or the points of ``province``) over the period."""
    points = calibration_points(user=user, point=point, province=province)
    period = period_for(since=since, until=until)
    dossiers = counter_dossiers(points, period)
    tickets = counter_tickets(points, period)
    has_tickets = tickets.exists()
    stages = []
    for stage in catalogue_current().stages.all():
        measured = stage_durations(Dossier.objects.filter(pk__in=dossiers.values("pk")), stage.code)
        stages.append(
            StageMeasure(
                stage.code, stage.name_vi, stage.name_en, measured.count, measured.mean, measured.p50, measured.p90
            )
        )
    return Calibration(
        points=tuple(p.code for p in points),
        province=points[0].commune.province_id,
        communes=tuple(sorted({p.commune_id for p in points})),
        period=period,
        arrivals=ticket_arrivals_measure(tickets, period) if has_tickets else arrivals_measure(dossiers, period),
        stages=tuple(stages),
        visits=visit_measures(tickets) if has_tickets else (),
    )


# --- planned against measured -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageRow:
    code: str
    name_vi: str
    name_en: str
    planned: float | None  # counter minutes in the scenario (None: the plan has no such stage)
    measured: StageMeasure

    @property
    def difference(self) -> float | None:
        if self.planned is None or self.measured.mean is None:
            return None
        return self.measured.mean - self.planned

    @property
    def applicable(self) -> bool:
        return self.planned is not None and self.measured.count > 0


@dataclass(frozen=True)
class HourRow:
    weekday: int  # 0 = Monday
    hour: int
    measured: float  # dossiers per hour
    planned: float | None  # the model's counter receptions per hour at the communes measured

    @property
    def day(self) -> str:
        return WEEKDAYS[self.weekday]

    @property
    def difference(self) -> float | None:
        return None if self.planned is None else self.measured - self.planned


@dataclass(frozen=True)
class Comparison:
    calibration: Calibration
    version: ScenarioVersion
    stages: tuple[StageRow, ...]
    hours: tuple[HourRow, ...]  # hours where something was planned or measured
    planned_per_week: float | None
    minimum: int


def planned_receptions(inputs: ScenarioInputs, communes: Iterable[str], province: str) -> list[float] | None:
    """Counter receptions per hour of the week the model plans at ``communes`` (None when the model cannot say:
    the scenario has no figures for the province or the communes are not on today's map)."""
    if province not in inputs.provinces:
        return None
    wanted = set(communes)
    areas = [area for area in communes_for(inputs, province=province) if area.code in wanted]
    if not areas:
        return None
    week = week_for(inputs)
    service = inputs.service
    reception = max(0.0, 1 - service.online_share - service.pickup_share)
    returning = max(0.0, 1 - service.online_share - service.delivery_share)
    share = reception / (reception + returning) if reception + returning else 0.0
    population = sum(area.population for area in areas)
    return [
        sum(week.arrivals(population, code, hour) for code in inputs.fields) * share * week.open_hours[hour]
        for hour in range(HOURS_PER_WEEK)
    ]


def calibration_compare(
    *, calibration: Calibration, version: ScenarioVersion, minimum: int = MIN_SAMPLES
) -> Comparison:
    inputs = inputs_from_dict(version.inputs)
    planned_minutes = inputs.service.stage_minutes
    stages = tuple(
        StageRow(measure.code, measure.name_vi, measure.name_en, planned_minutes.get(measure.code), measure)
        for measure in calibration.stages
    )
    planned = planned_receptions(inputs, calibration.communes, calibration.province)
    measured = calibration.arrivals.per_hour
    hours = tuple(
        HourRow(hour // 24, hour % 24, measured[hour], planned[hour] if planned else None)
        for hour in range(HOURS_PER_WEEK)
        if measured[hour] > 0 or (planned and planned[hour] > 0)
    )
    return Comparison(
        calibration=calibration,
        version=version,
        stages=stages,
        hours=hours,
        planned_per_week=sum(planned) if planned else None,
        minimum=minimum,
    )


# --- applying -----------------------------------------------------------------------------------------------


def measured_profile(inputs: ScenarioInputs, arrivals: Arrivals) -> tuple[dict[str, float], dict[str, float]]:
    """The scenario's hour and day weights rewritten from the measured arrivals.

    The model spreads a week's arrivals by day weight × hour weight × the open part of the hour, so an hour's
    weight is its measured dossiers per open hour (07:00–08:00 open from 07:30 counts its dossiers twice);
    hours with no measured dossiers get 0. Day weights are the days' dossiers with Monday to Friday averaging 1,
    hour weights the clock hours' with the hours that received any averaging 1 (only the ratios matter).
    """
    open_part = open_hours_by_slot(opening_intervals(inputs.profile.weekday_hours, field="profile.weekday_hours"))
    saturday = open_hours_by_slot(opening_intervals(inputs.profile.saturday_hours, field="profile.saturday_hours"))
    clock = arrivals.by_clock_hour()
    per_open = {hour: count / (open_part[hour] or saturday[hour] or 1.0) for hour, count in clock.items() if count > 0}
    mean_hour = sum(per_open.values()) / len(per_open) if per_open else 1.0
    keys = sorted(set(inputs.profile.hour_weights) | {f"{hour:02d}" for hour in per_open})
    hour_weights = {key: round(per_open.get(int(key), 0.0) / mean_hour, 3) for key in keys}
    per_day = [sum(arrivals.per_hour[day * 24 : (day + 1) * 24]) for day in range(7)]
    mean_day = sum(per_day[:5]) / 5 if any(per_day[:5]) else 1.0
    day_weights = {WEEKDAYS[day]: round(per_day[day] / mean_day, 3) for day in range(7)}
    return hour_weights, day_weights


def calibration_apply(
    *,
    actor,
    scenario: Scenario,
    calibration: Calibration,
    measures: Iterable[str] = (ARRIVALS,),
    minimum: int = MIN_SAMPLES,
) -> ScenarioVersion:
    """A new version of ``scenario`` with the chosen ``measures`` (``"arrivals"``, ``"stage:<code>"``,
    ``"visit:reception"``, ``"visit:return"``) in place of the planned numbers, each with its provenance. Refuses
    the whole lot if one measure rests on fewer than ``minimum`` dossiers or tickets, or if the scenario does not
    plan the measured province."""
    chosen = list(dict.fromkeys(measures))
    if not chosen:
        raise errors.calibration_nothing_chosen()
    if scenario.province_id not in (None, calibration.province):
        raise errors.province_not_in_scope(code=calibration.province)
    latest = scenario_latest_version(scenario=scenario)
    inputs = inputs_from_dict(latest.inputs)
    provenance: dict[str, str] = {}
    for measure in chosen:
        if measure == ARRIVALS:
            count, source = calibration.arrivals.count, calibration.arrivals.source
            _check_samples(measure, count, minimum)
            hours, days = measured_profile(inputs, calibration.arrivals)
            inputs.profile.hour_weights, inputs.profile.day_weights = hours, days
            keys = [f"profile.hour_weights.{key}" for key in hours] + [f"profile.day_weights.{key}" for key in days]
        elif measure.startswith(VISIT_PREFIX):
            visit = calibration.visit(measure.removeprefix(VISIT_PREFIX))
            if visit is None or visit.mean is None:
                _check_samples(measure, 0, minimum)
                continue
            count, source = visit.count, TICKETS
            _check_samples(measure, count, minimum)
            keys = _visit_apply(inputs, visit)
        elif measure.startswith(STAGE_PREFIX):
            code = measure.removeprefix(STAGE_PREFIX)
            stage = calibration.stage(code)
            if stage is None or code not in inputs.service.stage_minutes or stage.mean is None:
                _check_samples(measure, 0, minimum)
                continue
            count, source = stage.count, DOSSIERS
            _check_samples(measure, count, minimum)
            inputs.service.stage_minutes[code] = round(stage.mean, 1)
            keys = [f"service.stage_minutes.{code}"]
        else:
            raise errors.calibration_nothing_chosen()
        provenance.update(dict.fromkeys(keys, calibration.provenance(count, source)))
    note = f"calibrated: {', '.join(chosen)} measured at {calibration.where()}, {calibration.period.label()}"
    return scenario_version_save(actor=actor, scenario=scenario, inputs=inputs, note=note, provenance=provenance)


def _visit_apply(inputs: ScenarioInputs, visit: VisitMeasure) -> list[str]:
    """The visit's planned stage minutes scaled so that they add up to the measured mean (a plan with none:
    all of it on the first stage). Returns the keys replaced."""
    assert visit.mean is not None
    minutes = inputs.service.stage_minutes
    planned = sum(minutes.get(code, 0.0) for code in visit.stages)
    for code in visit.stages:
        if planned > 0:
            minutes[code] = round(minutes.get(code, 0.0) * visit.mean / planned, 1)
        else:
            minutes[code] = round(visit.mean, 1) if code == visit.stages[0] else 0.0
    return [f"service.stage_minutes.{code}" for code in visit.stages]


def _check_samples(measure: str, count: int, minimum: int) -> None:
    if count < minimum:
        raise errors.calibration_too_few_samples(measure=measure, count=count, minimum=minimum)
