"""Reading dossiers: the inboxes of each kind of staff, the deadline filters, one dossier by code, history.

Every list starts from :func:`dossier_list_for_user`, so no filter can reach past the caller's scope.
Deadlines are compared in *working time* with the calendar of each dossier's receiving point (office
hours differ between localities): the selectors turn "overdue at ``at``" and "due within N working
hours of ``at``" into one instant per set of office hours and let the database compare
``appointment_at`` with it, so the filters stay indexable and exact to the microsecond.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from hmac import compare_digest
from typing import Any, Protocol

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency, ReceivingPoint, Role
from motcua.agencies.models.staff import POINT_ROLES
from motcua.agencies.selectors import (
    agencies_for,
    agency_ids_served,
    receiving_points_for,
    training_points_for,
    user_has_role,
)
from motcua.core.text import fold
from motcua.workdays.calendar import WorkCalendar
from motcua.workdays.clock import ProcessingClock
from motcua.workdays.selectors import work_calendar

from . import errors
from .lifecycle import OPEN, TRANSITIONS, Clock
from .lookup_secrets import lookup_secret_normalize
from .models import REAL_WORK, Dossier, DossierComponent, DossierEvent, DossierStep, HandOver, StepStatus
from .models.event import NEW_RECEIPT_DUE
from .permissions import ERRAND_ROLES, ERRAND_SCOPES

# States in which the clock stands still: the targets of the transitions that pause it (the table
# decides, not a list kept here). Paused dossiers are neither due soon nor overdue.
PAUSED = frozenset(t.target for t in TRANSITIONS.values() if t.clock == Clock.PAUSE and t.target is not None)
RUNNING = OPEN - PAUSED
# Actions that start a paused clock again, moving the appointment.
RESUMING = frozenset(t.action.value for t in TRANSITIONS.values() if t.clock == Clock.RESUME)
ONE_MICROSECOND = timedelta(microseconds=1)


class DueFlag(models.TextChoices):
    """Where a dossier stands against its appointment, as the inboxes and the deadline watch see it."""

    OVERDUE = "overdue", _("overdue")
    DUE_SOON = "due_soon", _("due soon")
    ON_TRACK = "on_track", _("on track")
    PAUSED = "paused", _("clock paused")
    ENDED = "ended", _("processing ended")


class Threshold(Protocol):
    def __call__(self, *, calendar: WorkCalendar, at: datetime) -> datetime: ...


# --- scope -----------------------------------------------------------------------------------------------------


def _base() -> QuerySet[Dossier]:
    return Dossier.objects.select_related(
        "lead_agency", "issuing_agency", "receiving_point", "procedure_version__procedure", "received_by"
    )


def _active_step_at(agency_ids: list[int]) -> Q:
    return Q(
        Exists(DossierStep.objects.filter(dossier=OuterRef("pk"), status=StepStatus.ACTIVE, agency_id__in=agency_ids))
    )


def dossier_list_for_user(*, user: Any, content: bool = False) -> QuerySet[Dossier]:
    """The dossiers ``user`` may see now; with ``content``, those whose papers, scans and result the user may
    open too (docs/access.md): the same, except that a one-stop supervisor opens the content only of the
    dossiers received at points their unit operates (where they may receive), not of those they oversee.

    * postal clerks and supervisors: those received at their receiving points;
    * postmen: those of the orders assigned to them while open (``permissions.ERRAND_SCOPES``; docs/domain.md,
      "The postman sees his orders only");
    * agency specialists and leaders: those their agency (or a unit under it) leads or has a step in
      progress for;
    * one-stop supervisors: those received at points their agency operates, or led by their agency or
      by the agency their one-stop department works for (its parent) and the units under it;
    * administrators: all; anyone else: none.

    Real work only: a dossier practised at a training point is seen by those assigned there (its trainees), by
    no one else, administrators included (docs/training.md, "The sandbox").
    """
    dossiers = _base().filter(REAL_WORK | Q(receiving_point__in=training_points_for(user=user)))
    if user_has_role(user=user, roles=[Role.ADMINISTRATOR]):
        return dossiers
    scope = Q(pk__in=[])
    if user_has_role(user=user, roles=[r for r in POINT_ROLES if r not in ERRAND_ROLES]):
        scope |= Q(receiving_point__in=receiving_points_for(user=user))
    for role in ERRAND_ROLES:
        reader = ERRAND_SCOPES.get(role)
        if reader is not None and user_has_role(user=user, roles=[role]):
            scope |= Q(pk__in=reader(user))
    agency_ids = list(agencies_for(user=user).values_list("pk", flat=True))
    if agency_ids and user_has_role(user=user, roles=[Role.AGENCY_SPECIALIST, Role.AGENCY_LEADER]):
        scope |= Q(lead_agency_id__in=agency_ids) | _active_step_at(agency_ids)
    if agency_ids and user_has_role(user=user, roles=[Role.ONE_STOP_SUPERVISOR]):
        scope |= Q(receiving_point__operator_id__in=agency_ids)
        if not content:
            served = list(agency_ids_served(agency_ids=agency_ids))
            scope |= Q(lead_agency_id__in=[*agency_ids, *served])
    return dossiers.filter(scope)


def dossier_get_by_code(*, user: Any, code: str) -> Dossier:
    """One dossier in the caller's scope. Out of scope reads exactly like absent: existence is not revealed."""
    dossier = dossier_list_for_user(user=user).filter(code=code.strip()).first()
    if dossier is None:
        raise errors.dossier_not_found(code=code)
    return dossier


def dossier_content_readable(*, user: Any, dossier: Dossier) -> bool:
    """Whether the user may open the dossier's papers, scans and result (docs/access.md, "Need to know")."""
    return dossier_list_for_user(user=user, content=True).filter(pk=dossier.pk).exists()


def dossier_history(*, dossier: Dossier) -> QuerySet[DossierEvent]:
    """The append-only history, oldest first."""
    return DossierEvent.objects.filter(dossier=dossier).select_related("actor", "agency").order_by("seq")


# --- inbox filters ---------------------------------------------------------------------------------------------


def dossier_list_by_agency(*, user: Any, agency: Agency | int) -> QuerySet[Dossier]:
    """Dossiers in scope that ``agency`` leads or has a step in progress for."""
    agency_id = agency.pk if isinstance(agency, Agency) else int(agency)
    return dossier_list_for_user(user=user).filter(Q(lead_agency_id=agency_id) | _active_step_at([agency_id]))


def dossier_list_by_step(*, user: Any, step_name: str | None = None, order: int | None = None) -> QuerySet[Dossier]:
    """Dossiers in scope with a step in progress of that name (exact) or that order in the process."""
    steps = DossierStep.objects.filter(dossier=OuterRef("pk"), status=StepStatus.ACTIVE)
    if step_name is not None and order is None:
        steps = steps.filter(name=step_name)
    elif order is not None and step_name is None:
        steps = steps.filter(order=order)
    else:
        raise ValueError("give exactly one of step_name and order")
    return dossier_list_for_user(user=user).filter(Exists(steps))


def dossier_list_by_assignee(*, user: Any, assignee: Any, active_only: bool = True) -> QuerySet[Dossier]:
    """Dossiers in scope with a step assigned to ``assignee`` (in progress only, unless ``active_only`` is off)."""
    steps = DossierStep.objects.filter(dossier=OuterRef("pk"), assignee=assignee)
    if active_only:
        steps = steps.filter(status=StepStatus.ACTIVE)
    return dossier_list_for_user(user=user).filter(Exists(steps))


# --- deadlines -------------------------------------------------------------------------------------------------


def calendar_for_point(point: ReceivingPoint | None) -> WorkCalendar:
    return work_calendar(hours=(point.office_hours if point is not None else "") or None)


def overdue_threshold(*, calendar: WorkCalendar, at: datetime) -> datetime:
    """A due instant ``d`` is passed at ``at`` (in working time) exactly when ``d`` < this instant.

    It is the earliest instant with the same working position as ``at``: during lunch or after
    closing no working time passes, so a dossier due at 11:30 is not late at 12:00.
    """
    return calendar.add_working_time(calendar.add_working_time(at, -ONE_MICROSECOND), ONE_MICROSECOND)


def due_soon_threshold(*, calendar: WorkCalendar, at: datetime, hours: float | None = None) -> datetime:
    """A due instant ``d`` is at most ``hours`` working hours after ``at`` exactly when ``d`` < this instant."""
    window = timedelta(hours=settings.DOSSIER_DUE_SOON_HOURS if hours is None else hours)
    return calendar.add_working_time(at, window + ONE_MICROSECOND)


def before_threshold(*, field: str, at: datetime, threshold: Threshold, point: str = "receiving_point") -> Q:
    """``field`` < ``threshold`` computed with the calendar of the dossier's receiving point (``point`` is
    the path to it): one condition per set of office hours in use, a handful at most."""
    condition = Q(pk__in=[])
    for hours in ReceivingPoint.objects.order_by().values_list("office_hours", flat=True).distinct():
        calendar = work_calendar(hours=hours or None)
        condition |= Q(**{f"{point}__office_hours": hours, f"{field}__lt": threshold(calendar=calendar, at=at)})
    return condition


def dossier_filter_overdue(*, dossiers: QuerySet[Dossier], at: datetime | None = None) -> QuerySet[Dossier]:
    """Of ``dossiers``, the open ones whose clock runs and whose appointment has passed in working time."""
    now = at or timezone.now()
    return dossiers.filter(status__in=RUNNING).filter(
        before_threshold(field="appointment_at", at=now, threshold=overdue_threshold)
    )


def dossier_filter_due_soon(*, dossiers: QuerySet[Dossier], at: datetime | None = None) -> QuerySet[Dossier]:
    """Of ``dossiers``, the open ones whose clock runs, not overdue yet, due within ``DOSSIER_DUE_SOON_HOURS``
    working hours."""
    now = at or timezone.now()
    return (
        dossiers.filter(status__in=RUNNING)
        .filter(before_threshold(field="appointment_at", at=now, threshold=due_soon_threshold))
        .exclude(before_threshold(field="appointment_at", at=now, threshold=overdue_threshold))
    )


def dossier_due_flag(*, dossier: Dossier, at: datetime | None = None) -> DueFlag:
    """Where one dossier stands against its appointment at ``at`` (default: now)."""
    if dossier.status not in OPEN:
        return DueFlag.ENDED
    if dossier.status in PAUSED:
        return DueFlag.PAUSED
    now = at or timezone.now()
    calendar = calendar_for_point(dossier.receiving_point)
    if dossier.appointment_at < overdue_threshold(calendar=calendar, at=now):
        return DueFlag.OVERDUE
    if dossier.appointment_at < due_soon_threshold(calendar=calendar, at=now):
        return DueFlag.DUE_SOON
    return DueFlag.ON_TRACK


def dossier_needs_apology(*, dossier: Dossier, at: datetime | None = None) -> bool:
    """True when less than one working day is left (or the appointment has passed) and the appointment has
    not been reset yet: the late unit must apologise and propose a new date (slip 04) at least one day
    before the due time (docs/domain.md, "Deadlines and verdicts"). A paused clock keeps what was left when it
    stopped."""
    if dossier.status not in OPEN or dossier.extension_reason:
        return False
    calendar = calendar_for_point(dossier.receiving_point)
    left = ProcessingClock.from_json(dossier.clock).working_time_left(at=at or timezone.now(), calendar=calendar)
    return left < timedelta(hours=settings.WORKDAY_HOURS_PER_DAY)


def extension_notice_is_late(*, calendar: WorkCalendar, at: datetime, due_at: datetime) -> bool:
    """An apology and extension (slip 04) notified at ``at`` less than one working day before ``due_at``, or
    after it, is a late notice (docs/domain.md, "Deadlines and verdicts")."""
    return calendar.working_time_between(at, due_at) < timedelta(hours=calendar.hours_per_day)


#: The history action with which the counter records that it gave the applicant a new receipt.
RECEIPT_REISSUED = "receipt_reissued"


def dossier_new_receipt_due(*, dossier: Dossier) -> bool:
    """True when a resumed clock moved the appointment shown on the applicant's receipt (slip 01) and no new
    receipt has been recorded since (an event :data:`RECEIPT_REISSUED`)."""
    latest = (
        DossierEvent.objects.filter(dossier=dossier, action__in=[*RESUMING, RECEIPT_REISSUED]).order_by("-seq").first()
    )
    return latest is not None and bool(latest.payload.get(NEW_RECEIPT_DUE))


# --- the counter: a point's own work, an applicant's earlier dossiers, hand-overs, the public lookup -------------


def dossier_list_at_my_points(*, user: Any) -> QuerySet[Dossier]:
    """Dossiers in scope received at the user's own receiving points (all points for an administrator)."""
    return dossier_list_for_user(user=user).filter(receiving_point__in=receiving_points_for(user=user))


def dossier_list_by_applicant(*, user: Any, id_number: str) -> QuerySet[Dossier]:
    """The applicant's earlier dossiers that ``user`` may see, newest first."""
    return dossier_list_for_user(user=user).filter(applicant_id_number=id_number.strip()).order_by("-received_at")


def dossier_components_stored(*, user: Any, id_number: str) -> QuerySet[DossierComponent]:
    """Papers of the applicant's earlier dossiers in scope that were kept (a scanned file or a reference to the
    data store), newest first: what the counter may reuse instead of asking for the paper again."""
    dossiers = dossier_list_by_applicant(user=user, id_number=id_number).values("pk")
    return (
        DossierComponent.objects.filter(dossier__in=dossiers)
        .filter(~Q(file="") | ~Q(document_ref=""))
        .select_related("dossier")
        .order_by("-dossier__received_at", "pk")
    )


def handover_list_for_user(*, user: Any) -> QuerySet[HandOver]:
    """Hand-overs made at the user's receiving points, newest first."""
    return (
        HandOver.objects.filter(receiving_point__in=receiving_points_for(user=user))
        .select_related("receiving_point", "agency", "handed_by")
        .order_by("-handed_at", "-pk")
    )


def handover_get_by_number(*, user: Any, number: str) -> HandOver:
    """One hand-over of the user's points; out of scope reads like absent."""
    handover = handover_list_for_user(user=user).filter(number=number.strip()).first()
    if handover is None:
        raise errors.handover_not_found(number=number)
    return handover


def dossier_get_for_lookup(*, code: str, secret: str) -> Dossier | None:
    """The dossier with this code whose receipt carries this secret, for the public lookup; None when either is
    wrong, so the caller cannot tell a wrong code from a wrong secret. Practice at a training point is nobody's
    dossier: the lookup never finds it."""
    code, secret = code.strip().upper(), lookup_secret_normalize(secret)
    if not code or not secret:
        return None
    dossier = (
        Dossier.objects.real()
        .select_related("procedure_version__procedure", "receiving_point")
        .filter(code=code)
        .first()
    )
    if dossier is None or not compare_digest(dossier.lookup_secret.upper().encode(), secret.encode()):
        return None
    return dossier


def dossier_filter_search(*, dossiers: QuerySet[Dossier], words: str) -> QuerySet[Dossier]:
    """Dossiers whose code, applicant or representative contain ``words`` (with or without accents, any
    case), or whose applicant's ID number or phone is exactly ``words``."""
    words = " ".join(words.split())
    if not words:
        return dossiers
    return dossiers.filter(
        Q(search_text__contains=fold(words)) | Q(applicant_id_number=words) | Q(applicant_phone=words)
    )
