"""The quality loop (issue 12, item 8): per clerk, over a period, the signals that call for re-training, each as a rate
against the clerk's own volume, with the module to take again.

The signals, read from the dossiers' history and the digitization jobs, a handful of grouped queries for any number of
dossiers:

* **supplement after reception** — a dossier the clerk received as complete (reception checks every mandatory paper)
  for which a supplement was later asked for *during processing* (a ``request_supplement`` event from any state but
  "received"): the agency found a gap the counter let through. A supplement asked for before the transfer is the
  counter's own catch (slip 02 at reception), like the on-time verdict, which counts only the requests made during
  processing (docs/domain.md, "Deadlines and verdicts"). Rate against the dossiers the clerk received; module: the
  reception lessons of the field.
* **digitization refused** — a job the clerk started for a dossier that failed on its input (any failure but the
  machine's own: no signing certificate, a crash retried to the end) or that the clerk cancelled; and **digitization
  redone** — a paper digitized, then digitized again by a later job. Rate against the clerk's digitization jobs;
  module: the digitization lessons of the field.

Complaints are not counted: motcua records none (no complaint model), and neither its "returned to the counter"
(a delivery that failed, the postman's) nor the agency's "not approved" (a decision on substance) says anything about
the clerk's work, so no proxy stands in for them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import ReceivingPoint, Role, StaffAssignment
from motcua.core.localtime import local_date
from motcua.documents.models import DigitizationJob
from motcua.documents.models.job import JobStatus
from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.procedures.models import Field
from motcua.stages.models import StageCode
from motcua.training.models import Lesson

from .selectors import points_supervised

SUPPLEMENT, DIGITIZATION_REFUSED, DIGITIZATION_REDONE = "supplement", "digitization_refused", "digitization_redone"
SIGNAL_STAGE = {
    SUPPLEMENT: StageCode.RECEIVE,
    DIGITIZATION_REFUSED: StageCode.DIGITIZE,
    DIGITIZATION_REDONE: StageCode.DIGITIZE,
}
# Failures that are the machine's, not the clerk's: they call for an operator, not for training.
MACHINE_FAILURES = ("document_signing_unavailable", "document_job_interrupted")
SIGNAL_LABELS = {
    SUPPLEMENT: _("Supplement asked for during processing"),
    DIGITIZATION_REFUSED: _("Digitization failed on its input or cancelled"),
    DIGITIZATION_REDONE: _("Paper digitized again"),
}
PERIODS = (30, 90, 180, 365)
LESSONS_SHOWN = 3


@dataclass(frozen=True)
class Rule:
    """When a signal calls for re-training: its rate reaches the threshold, on at least ``min_volume`` pieces of
    work (fewer is too little to judge). The page states these figures; :meth:`configured` reads the settings
    (``QUALITY_*``)."""

    supplement_rate: float = 0.10
    digitization_refused_rate: float = 0.10
    digitization_redone_rate: float = 0.05
    min_volume: int = 10

    @classmethod
    def configured(cls) -> Rule:
        return cls(
            supplement_rate=settings.QUALITY_SUPPLEMENT_RATE,
            digitization_refused_rate=settings.QUALITY_DIGITIZATION_REFUSED_RATE,
            digitization_redone_rate=settings.QUALITY_DIGITIZATION_REDONE_RATE,
            min_volume=settings.QUALITY_MIN_VOLUME,
        )

    def threshold(self, key: str) -> float:
        return {
            SUPPLEMENT: self.supplement_rate,
            DIGITIZATION_REFUSED: self.digitization_refused_rate,
            DIGITIZATION_REDONE: self.digitization_redone_rate,
        }[key]


@dataclass
class Signal:
    key: str
    count: int
    volume: int
    threshold: float
    min_volume: int
    by_field: dict[int, int] = field(default_factory=dict)  # field id → count

    @property
    def label(self) -> str:
        return str(SIGNAL_LABELS[self.key])

    @property
    def rate(self) -> float | None:
        return self.count / self.volume if self.volume else None

    @property
    def judged(self) -> bool:
        return self.volume >= self.min_volume

    @property
    def flagged(self) -> bool:
        return self.judged and self.count > 0 and (self.rate or 0) >= self.threshold

    @property
    def stage_code(self) -> str:
        return str(SIGNAL_STAGE[self.key])

    @property
    def field_id(self) -> int | None:
        """The field where the clerk met the signal most often (ties: the lower id, for a stable page)."""
        if not self.by_field:
            return None
        return min(self.by_field, key=lambda f: (-self.by_field[f], f))


@dataclass
class Suggestion:
    """A module to take again: the stage's lessons of the field (and those for every field), and its path."""

    stage_code: str
    stage_label: str
    field: Field | None
    lessons: list[Any]
    path_url: str


@dataclass
class ClerkQuality:
    user: Any
    received: int
    digitizations: int
    signals: dict[str, Signal]
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return any(signal.flagged for signal in self.signals.values())


def _window(days: int, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = datetime.combine(end - timedelta(days=days - 1), time.min, tzinfo=tz)
    return start, datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)


def points_for_quality(*, user: Any) -> QuerySet[ReceivingPoint]:
    """The points whose clerks ``user`` may see: a supervisor's own points; a trainer's province, or every point for a
    trainer of the whole country; every point for an administrator."""
    day = local_date()
    trainer = (
        StaffAssignment.objects.filter(user=user, role=Role.TRAINER, is_active=True)
        .exclude(valid_from__gt=day)
        .exclude(valid_until__lt=day)
    )
    real = ReceivingPoint.objects.filter(is_training=False)  # the sandbox's practice is nobody's real work
    if trainer.filter(province__isnull=True).exists():
        return real.order_by("code")
    supervised = points_supervised(user=user)
    provinces = trainer.values("province")
    return real.filter(Q(pk__in=supervised.values("pk")) | Q(commune__province__in=provinces)).order_by("code")


def _receptions(points: QuerySet[ReceivingPoint], start: datetime, end: datetime) -> list[tuple[int, int, int, int]]:
    """(clerk, field, dossiers received, of which needed a supplement during processing), grouped by the database."""
    supplemented = DossierEvent.objects.filter(dossier=OuterRef("pk"), action=Action.REQUEST_SUPPLEMENT).exclude(
        from_status=Status.RECEIVED
    )
    return list(
        Dossier.objects.filter(receiving_point__in=points, received_at__gte=start, received_at__lt=end)
        .annotate(supplemented=Exists(supplemented))
        .values("received_by", "procedure_version__procedure__field")
        .annotate(total=Count("pk"), late=Count("pk", filter=Q(supplemented=True)))
        .values_list("received_by", "procedure_version__procedure__field", "total", "late")
        .order_by()
    )


def _digitizations(
    points: QuerySet[ReceivingPoint], start: datetime, end: datetime
) -> list[tuple[int, int, int, int, int]]:
    """(clerk, field, jobs, refused, redone) for the jobs clerks started for dossiers of ``points``."""
    redone_later = DigitizationJob.objects.filter(
        component=OuterRef("component"), status=JobStatus.DONE, created_at__gt=OuterRef("created_at")
    )
    refused = Q(status=JobStatus.CANCELLED) | Q(status=JobStatus.FAILED) & ~Q(error_code__in=MACHINE_FAILURES)
    return list(
        DigitizationJob.objects.filter(
            dossier__receiving_point__in=points, created_by__isnull=False, created_at__gte=start, created_at__lt=end
        )
        .annotate(superseded=Exists(redone_later))
        .values("created_by", "dossier__procedure_version__procedure__field")
        .annotate(
            total=Count("pk"),
            refused=Count("pk", filter=refused),
            redone=Count("pk", filter=Q(superseded=True, status=JobStatus.DONE, component__isnull=False)),
        )
        .values_list("created_by", "dossier__procedure_version__procedure__field", "total", "refused", "redone")
        .order_by()
    )


def quality_report(
    *, points: QuerySet[ReceivingPoint], days: int = 90, end: date | None = None, rule: Rule | None = None
) -> list[ClerkQuality]:
    """Every clerk who received or digitized dossiers at ``points`` in the ``days`` up to ``end`` (today), with the
    signals and, for each signal that calls for it under ``rule``, the module suggested; flagged clerks first."""
    rule = rule or Rule.configured()
    start, stop = _window(days, end or local_date())
    received: dict[int, int] = defaultdict(int)
    digitized: dict[int, int] = defaultdict(int)
    counts: dict[int, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for user_id, field_id, total, late in _receptions(points, start, stop):
        received[user_id] += total
        if late:
            counts[user_id][SUPPLEMENT][field_id] += late
    for user_id, field_id, total, refused, redone in _digitizations(points, start, stop):
        digitized[user_id] += total
        if refused:
            counts[user_id][DIGITIZATION_REFUSED][field_id] += refused
        if redone:
            counts[user_id][DIGITIZATION_REDONE][field_id] += redone
    users = get_user_model().objects.in_bulk(set(received) | set(digitized))
    rows = []
    for user_id, user in users.items():
        volume = {SUPPLEMENT: received[user_id], DIGITIZATION_REFUSED: digitized[user_id]}
        volume[DIGITIZATION_REDONE] = digitized[user_id]
        signals = {
            key: Signal(
                key=key,
                count=sum(counts[user_id][key].values()),
                volume=volume[key],
                threshold=rule.threshold(key),
                min_volume=rule.min_volume,
                by_field=dict(counts[user_id][key]),
            )
            for key in (SUPPLEMENT, DIGITIZATION_REFUSED, DIGITIZATION_REDONE)
        }
        rows.append(ClerkQuality(user, received[user_id], digitized[user_id], signals))
    _suggest(rows)
    return sorted(rows, key=lambda row: (not row.flagged, row.user.get_username()))


def _suggest(rows: list[ClerkQuality]) -> None:
    """One suggestion per stage and field a flagged signal points to, with the published lessons of that stage for
    that field or for every field (one query for the whole page)."""
    wanted: dict[int, list[tuple[str, int | None]]] = {}
    for row in rows:
        chosen = [(s.stage_code, s.field_id) for s in row.signals.values() if s.flagged]
        wanted[id(row)] = list(dict.fromkeys(chosen))
    pairs = {pair for row_pairs in wanted.values() for pair in row_pairs}
    if not pairs:
        return
    field_ids = {pair[1] for pair in pairs if pair[1] is not None}
    fields = Field.objects.in_bulk(field_ids)
    lessons: dict[tuple[str, int | None], list[Any]] = defaultdict(list)
    stages = {pair[0] for pair in pairs}
    for lesson in Lesson.objects.filter(Q(field__isnull=True) | Q(field__in=field_ids), stage_code__in=stages).filter(
        published=True
    ):
        lessons[(lesson.stage_code, lesson.field_id)].append(lesson)
    path = reverse("training:path")
    for row in rows:
        for stage, field_id in wanted[id(row)]:
            found = (lessons[(stage, field_id)] + lessons[(stage, None)])[:LESSONS_SHOWN]
            row.suggestions.append(
                Suggestion(
                    stage_code=stage,
                    stage_label=str(StageCode(stage).label),
                    field=fields.get(field_id) if field_id is not None else None,
                    lessons=found,
                    path_url=f"{path}?linh-vuc={field_id}" if field_id is not None else path,
                )
            )
