"""The facts of every dossier the indicators count, defined once (docs/indicators.md, "Facts").

:func:`dossier_facts` annotates the dossiers with what the index asks of each of them — one SQL statement for
any number of dossiers, every fact a column or a correlated subquery (``EXISTS``/``COUNT``), never a loop in
Python. The indicators (:mod:`.scores`) count these facts through the named filters of :data:`FACT_FILTERS`,
and ``manage.py export_dossiers`` writes the same columns: there is no second formula anywhere.

Why an annotation and not a SQL view built by a migration: the facts lean on several apps' tables (history,
components, payments, ratings, complaints, national deliveries) whose meaning is already written as Django
queries (``REAL_WORK``, the counted complaints); a view would copy those rules into SQL that no test of theirs
would watch. The rollup tables of a later part of issue 15 are fed from the same function.

The on-time verdict is the dossier's own (``Dossier.completion``), fixed by the lifecycle when processing ended
(docs/domain.md, "Deadlines and verdicts"): late by time against the appointment (or the one a late-notified
extension replaced), late with more than one supplement request during processing, a supplement at reception
not counted, a dossier stopped while waiting for a supplement measured at the request. Refused and withdrawn
dossiers have no verdict; open dossiers are not yet decided (``None``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import Completion, Dossier, DossierComponent, DossierEvent
from motcua.feedback.models import Complaint, DossierRating
from motcua.feedback.models.rating import Score
from motcua.feedback.selectors import COUNTED as COUNTED_COMPLAINT
from motcua.national.models import Delivery, DeliveryStatus
from motcua.payments.models import Payment, PaymentStatus

# The columns of one dossier's facts, in the order the export writes them.
FACT_COLUMNS: tuple[str, ...] = (
    "code",
    "procedure_code",
    "province_code",
    "commune_code",
    "point_code",
    "agency_code",
    "channel",
    "received_at",
    "appointment_at",
    "finished_at",
    "returned_at",
    "status",
    "completion",
    "on_time",
    "supplement_requests",
    "digitized",
    "reused",
    "fee_bearing",
    "paid_online",
    "decided_with_document",
    "electronic_result",
    "rating",
    "complaint",
    "synced",
)
TIME_COLUMNS = ("received_at", "appointment_at", "finished_at", "returned_at")


def _boolean(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def _events(action: Action):
    return DossierEvent.objects.filter(dossier=OuterRef("pk"), action=action)


def _supplement_requests_during_processing() -> Coalesce:
    # A supplement asked for at reception (from "received") is not one of them (docs/domain.md).
    counted = (
        _events(Action.REQUEST_SUPPLEMENT)
        .exclude(from_status=Status.RECEIVED)
        .order_by()
        .values("dossier")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _rating() -> Coalesce:
    score = DossierRating.objects.filter(dossier=OuterRef("pk")).annotate(
        answer=Case(
            When(score=Score.NORMAL, then=Value("neutral")),
            default=F("score"),
            output_field=CharField(),
        )
    )
    return Coalesce(Subquery(score.values("answer")[:1], output_field=CharField()), Value("none"))


def dossier_facts(dossiers: QuerySet[Dossier] | None = None) -> QuerySet[Dossier]:
    """``dossiers`` (by default all real work: no training dossiers) with every fact annotated."""
    base = Dossier.objects.real() if dossiers is None else dossiers.filter(receiving_point__is_training=False)
    return base.annotate(
        procedure_code=F("procedure_version__procedure__national_code"),
        province_code=F("receiving_point__commune__province_id"),
        commune_code=F("receiving_point__commune_id"),
        point_code=F("receiving_point__code"),
        agency_code=F("lead_agency__code"),
        finished_at=F("processed_at"),
        on_time=Case(
            When(completion__in=[Completion.EARLY, Completion.ON_TIME], then=Value(True)),
            When(completion=Completion.LATE, then=Value(False)),
            default=Value(None),
            output_field=BooleanField(null=True),
        ),
        supplement_requests_during=_supplement_requests_during_processing(),
        digitized=Exists(DossierComponent.objects.filter(dossier=OuterRef("pk"), digitized=True)),
        reused=Exists(DossierComponent.objects.filter(dossier=OuterRef("pk"), reused=True)),
        fee_bearing=_boolean(Q(fees_charged__gt=0)),
        # As payments.selectors.dossier_paid_online: anything of the dossier paid through a gateway.
        paid_online=Exists(Payment.objects.filter(dossier=OuterRef("pk"), status=PaymentStatus.PAID)),
        # Processing ended with an approval: the result is a document (licence, certificate…), not a reason.
        decided_with_document=Exists(_events(Action.APPROVE)),
        electronic_result=_boolean(~Q(result_file="") & Q(result_file__isnull=False)),
        rating_answer=_rating(),
        complaint=Exists(Complaint.objects.filter(COUNTED_COMPLAINT, dossier=OuterRef("pk"))),
        synced=Exists(Delivery.objects.filter(dossier=OuterRef("pk"), status=DeliveryStatus.ACCEPTED)),
    )


# Columns whose name is taken on the dossier (``Dossier.supplement_requests`` counts every request, for the record;
# ``rating`` is the reverse accessor of the rating): the fact is annotated under another name, written under the
# column's.
SOURCE_OF_COLUMN = {"supplement_requests": "supplement_requests_during", "rating": "rating_answer"}


def fact_rows(dossiers: QuerySet[Dossier] | None = None) -> QuerySet:
    """The facts as plain rows, in reception order: dicts keyed by the sources of :data:`FACT_COLUMNS`
    (:data:`SOURCE_OF_COLUMN` names the renamed ones)."""
    return (
        dossier_facts(dossiers)
        .order_by("received_at", "pk")
        .values(*[SOURCE_OF_COLUMN.get(c, c) for c in FACT_COLUMNS])
    )


# --- the named filters an indicator counts -------------------------------------------------------------------------

Anchor = Literal["received_at", "finished_at"]


@dataclass(frozen=True)
class FactFilter:
    """Dossiers of a period that meet ``condition``; a period's dossiers are those whose ``anchor`` falls in it
    (received in the period, or whose processing ended in it)."""

    name: str
    anchor: Anchor
    condition: Q
    description: str


_RECEIVED: Anchor = "received_at"
_FINISHED: Anchor = "finished_at"
_MEASURED = Q(on_time__isnull=False)

FACT_FILTERS: dict[str, FactFilter] = {
    f.name: f
    for f in (
        FactFilter("received", _RECEIVED, Q(), "dossiers received in the period"),
        FactFilter("online", _RECEIVED, Q(channel="online"), "received online"),
        FactFilter("postal", _RECEIVED, Q(channel="postal"), "received through the public postal service"),
        FactFilter("synced", _RECEIVED, Q(synced=True), "received and accepted by the national portal"),
        FactFilter("digitized", _RECEIVED, Q(digitized=True), "received with at least one digitized component"),
        FactFilter("reused", _RECEIVED, Q(reused=True), "received with at least one component reused"),
        FactFilter("fee_bearing", _RECEIVED, Q(fee_bearing=True), "received with fees charged"),
        FactFilter(
            "fee_bearing_paid_online",
            _RECEIVED,
            Q(fee_bearing=True, paid_online=True),
            "received with fees charged, paid through a gateway",
        ),
        FactFilter("finished", _FINISHED, _MEASURED, "processing ended in the period with a verdict"),
        FactFilter("on_time", _FINISHED, Q(on_time=True), "ended in the period early or on time"),
        FactFilter("late", _FINISHED, Q(on_time=False), "ended in the period late"),
        FactFilter(
            "complaint_or_dislike",
            _FINISHED,
            _MEASURED & (Q(complaint=True) | Q(rating_answer=Score.DISSATISFIED)),
            "ended in the period with a verdict, with a complaint or a “dissatisfied” rating",
        ),
        FactFilter(
            "decided_with_document",
            _FINISHED,
            Q(decided_with_document=True),
            "ended in the period with an approval (the result is a document)",
        ),
        FactFilter(
            "electronic_result",
            _FINISHED,
            Q(decided_with_document=True, electronic_result=True),
            "approved in the period with an electronic result stored",
        ),
    )
}
