"""Reading ratings and complaints: who sees which, the figures per agency, point and clerk, and the indicators'
counts (docs/feedback.md, "Figures").

Staff see the ratings and complaints of the dossiers in their scope (``dossiers.selectors.dossier_list_for_user``);
a one-stop supervisor also sees the complaints about no dossier filed for their province.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from motcua.agencies.models import Role
from motcua.agencies.selectors import agencies_for, user_has_role
from motcua.core.localtime import local_day_bounds
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_list_for_user

from .lifecycle import ComplaintStatus
from .models import RATING_REASONS, Complaint, DossierRating

#: Who handles petitions: the one-stop supervisors and the agency leaders (and the administrator).
HANDLER_ROLES = (Role.ONE_STOP_SUPERVISOR, Role.AGENCY_LEADER, Role.ADMINISTRATOR)
#: Who reads the ratings' figures: the handlers and the postal supervisors (their points' ratings).
RATING_READER_ROLES = (*HANDLER_ROLES, Role.POSTAL_SUPERVISOR)


def _period(queryset: QuerySet[Any], field_name: str, start: date, end: date) -> QuerySet[Any]:
    return queryset.filter(
        **{f"{field_name}__gte": local_day_bounds(start)[0], f"{field_name}__lt": local_day_bounds(end)[1]}
    )


# --- ratings ------------------------------------------------------------------------------------------------------


def ratings_for_user(*, user: Any, start: date | None = None, end: date | None = None) -> QuerySet[DossierRating]:
    """The ratings of the dossiers ``user`` may see, given in the period (local days, both included)."""
    ratings = DossierRating.objects.filter(dossier__in=dossier_list_for_user(user=user).values("pk"))
    if start is not None and end is not None:
        ratings = _period(ratings, "rated_at", start, end)
    return ratings.select_related("dossier", "lead_agency", "receiving_point", "received_by", "returned_by")


@dataclass
class RatingRow:
    key: Any
    label: str
    count: int = 0
    satisfied: int = 0
    normal: int = 0
    dissatisfied: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    @property
    def satisfied_share(self) -> float | None:
        return self.satisfied / self.count if self.count else None

    @property
    def dissatisfied_share(self) -> float | None:
        return self.dissatisfied / self.count if self.count else None

    def add(self, rating: DossierRating) -> None:
        self.count += 1
        setattr(self, rating.score, getattr(self, rating.score) + 1)
        for reason in rating.reasons:
            self.reasons[reason] = self.reasons.get(reason, 0) + 1


@dataclass
class RatingFigures:
    total: RatingRow
    by_agency: list[RatingRow]
    by_point: list[RatingRow]
    by_received_by: list[RatingRow]
    by_returned_by: list[RatingRow]
    reasons: list[tuple[str, str, int]]


def _user_label(user: Any) -> str:
    if user is None:
        return "–"
    return user.get_full_name() or user.get_username()


def rating_figures(*, ratings: QuerySet[DossierRating]) -> RatingFigures:
    """Counts and shares per lead agency, receiving point, receiving clerk and returning clerk."""
    total = RatingRow(None, "")
    groups: dict[str, dict[Any, RatingRow]] = defaultdict(dict)
    keys = {
        "agency": lambda r: (r.lead_agency_id, r.lead_agency.short_name or r.lead_agency.name),
        "point": lambda r: (r.receiving_point_id, r.receiving_point.name),
        "received_by": lambda r: (r.received_by_id, _user_label(r.received_by)),
        "returned_by": lambda r: (r.returned_by_id, _user_label(r.returned_by)),
    }
    for rating in ratings:
        total.add(rating)
        for name, key_of in keys.items():
            key, label = key_of(rating)
            groups[name].setdefault(key, RatingRow(key, label)).add(rating)

    def rows(name: str) -> list[RatingRow]:
        return sorted(groups[name].values(), key=lambda row: (-row.count, row.label))

    reasons = [(code, str(label), total.reasons.get(code, 0)) for code, label in RATING_REASONS.items()]
    return RatingFigures(total, rows("agency"), rows("point"), rows("received_by"), rows("returned_by"), reasons)


def dossier_rating(dossier: Dossier) -> DossierRating | None:
    return DossierRating.objects.filter(dossier=dossier).first()


# --- complaints ---------------------------------------------------------------------------------------------------


def complaints_for_user(*, user: Any) -> QuerySet[Complaint]:
    """The complaints ``user`` handles: those about dossiers in their scope, and, for a one-stop supervisor,
    those about no dossier filed for their agencies' provinces; an administrator all; anyone else none."""
    complaints = Complaint.objects.select_related("dossier", "agency", "province")
    if user_has_role(user=user, roles=[Role.ADMINISTRATOR]):
        return complaints
    if not user_has_role(user=user, roles=HANDLER_ROLES):
        return complaints.none()
    scope = Q(dossier__in=dossier_list_for_user(user=user).values("pk"))
    if user_has_role(user=user, roles=[Role.ONE_STOP_SUPERVISOR]):
        provinces = agencies_for(user=user).exclude(province__isnull=True).values("province")
        scope |= Q(dossier__isnull=True, province__in=provinces)
    return complaints.filter(scope)


def complaint_may_handle(*, user: Any, complaint: Complaint) -> bool:
    return complaints_for_user(user=user).filter(pk=complaint.pk).exists()


def complaint_for_user(*, user: Any, reference: str) -> Complaint | None:
    """One complaint in the user's scope by its reference; ``None`` when absent or out of scope alike."""
    return complaints_for_user(user=user).filter(reference=reference[:20]).first()


def citizen_complaints(*, account: Any) -> QuerySet[Complaint]:
    return Complaint.objects.filter(account=account).select_related("dossier").order_by("-filed_at")


def dossier_complaints(dossier: Dossier) -> QuerySet[Complaint]:
    return Complaint.objects.filter(dossier=dossier).order_by("-filed_at")


# Refused petitions were not accepted for handling (out of scope, anonymous, repeated): they do not count as a
# dossier's complaint in the service-quality index (docs/feedback.md, "Figures").
COUNTED = ~Q(status=ComplaintStatus.REFUSED)


def dossier_has_complaint(dossier: Dossier) -> bool:
    """Whether the dossier has a petition or complaint accepted or awaiting acceptance (Decision 766's
    "dossiers with a complaint")."""
    return Complaint.objects.filter(COUNTED, dossier=dossier).exists()


@dataclass(frozen=True)
class ComplaintFigures:
    filed: int
    dossiers_with_complaint: int
    answered: int
    answered_on_time: int
    open_overdue: int

    @property
    def on_time_share(self) -> float | None:
        return self.answered_on_time / self.answered if self.answered else None


def complaint_figures(*, scope: QuerySet[Dossier], period: tuple[date, date], now: Any = None) -> ComplaintFigures:
    """For the dossiers of ``scope``, over ``period`` (local days, both included): petitions filed, dossiers with
    one (refused ones not counted), those answered in the period and answered within their deadline, and those
    still open past their answer deadline at ``now``."""
    start, end = period
    about = Complaint.objects.filter(dossier__in=scope.values("pk"))
    filed = _period(about, "filed_at", start, end)
    answered = _period(about.filter(answered_at__isnull=False), "answered_at", start, end)
    open_states = [ComplaintStatus.RECEIVED, ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.INFO_REQUESTED]
    return ComplaintFigures(
        filed=filed.count(),
        dossiers_with_complaint=filed.filter(COUNTED).values("dossier").distinct().count(),
        answered=answered.count(),
        answered_on_time=answered.filter(answered_at__lte=F("answer_due_at")).count(),
        open_overdue=filed.filter(status__in=open_states, answer_due_at__lt=now or timezone.now()).count(),
    )
