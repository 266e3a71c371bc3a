"""Reading online submissions: the citizen's own (anything else answers like nothing), the points that receive a
procedure online, and the one-stop's online inbox (only points the clerk may receive at)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from motcua.agencies.models import ReceivingPoint
from motcua.agencies.selectors import user_may_receive_at
from motcua.citizens.models import CitizenAccount
from motcua.core.text import fold
from motcua.procedures.models import OnlineSubmission as OnlineLevel
from motcua.procedures.models import Procedure, VersionStatus

from .lifecycle import SubmissionStatus
from .models import OnlineSubmission, SubmissionEvent


def online_procedures(*, query: str = "") -> QuerySet[Procedure]:
    """Published procedures whose current version may be filed online (partly or fully)."""
    procedures = Procedure.objects.filter(
        current_version__status=VersionStatus.PUBLISHED,
        current_version__online_submission__in=[OnlineLevel.PARTIAL, OnlineLevel.FULL],
    ).select_related("current_version")
    for word in fold(query).split()[:10]:
        procedures = procedures.filter(search_text__contains=word)
    return procedures.order_by("sort_key", "national_code")


def points_offered() -> QuerySet[ReceivingPoint]:
    """The receiving points a citizen may send an online submission to: the active real points that serve at least
    one agency (the catalogue does not say which agency handles which procedure: the clerk names the lead agency
    when accepting)."""
    return (
        ReceivingPoint.objects.filter(is_active=True, is_training=False, serves__isnull=False)
        .select_related("commune")
        .distinct()
        .order_by("name")
    )


def point_default(*, account: CitizenAccount, commune_code: str = "") -> ReceivingPoint | None:
    """The point offered first: one in the applicant's commune (as typed, else of their latest submission or
    dossier), else the first listed."""
    points = points_offered()
    if not commune_code:
        latest = account.submissions.exclude(form_data__applicant_commune="").order_by("-updated_at").first()
        commune_code = str(latest.form_data.get("applicant_commune", "")) if latest else ""
    if not commune_code:
        from motcua.citizens.selectors import citizen_dossiers

        dossier = citizen_dossiers(account).exclude(applicant_commune=None).order_by("-received_at").first()
        commune_code = dossier.applicant_commune_id or "" if dossier else ""
    return points.filter(commune_id=commune_code).first() or points.first()


def citizen_submissions(account: CitizenAccount) -> QuerySet[OnlineSubmission]:
    return OnlineSubmission.objects.filter(owner=account).select_related(
        "procedure_version__procedure", "receiving_point", "dossier", "helper"
    )


def citizen_submission(account: CitizenAccount, reference: str) -> OnlineSubmission | None:
    """One of the account's own submissions, or None (somebody else's answers exactly the same)."""
    return citizen_submissions(account).filter(reference=reference).first()


def slip_events(submission: OnlineSubmission) -> QuerySet[SubmissionEvent]:
    """The supplement requests and refusals of a submission: each has its slip (02, 03)."""
    return submission.events.filter(action__in=["request_supplement", "refuse"]).order_by("seq")


# --- the online inbox ------------------------------------------------------------------------------------------


def inbox_points(*, user: Any) -> list[ReceivingPoint]:
    """The points with online submissions that ``user`` may receive at: the counter's own permission,
    ``user_may_receive_at``, asked of each point that has any submission (a short list)."""
    ids = OnlineSubmission.objects.exclude(status=SubmissionStatus.DRAFT).values("receiving_point")
    points = ReceivingPoint.objects.filter(pk__in=ids).select_related("operator").order_by("name")
    return [point for point in points if user_may_receive_at(user=user, point=point)]


def inbox(
    *, user: Any, status: str = SubmissionStatus.SUBMITTED, point_id: int | None = None, query: str = ""
) -> QuerySet[OnlineSubmission]:
    """Submissions at the user's points, oldest first (waiting ones by when they were submitted)."""
    points = [p.pk for p in inbox_points(user=user)]
    if point_id is not None:
        points = [pk for pk in points if pk == point_id]
    found = OnlineSubmission.objects.filter(receiving_point_id__in=points).exclude(status=SubmissionStatus.DRAFT)
    if status:
        found = found.filter(status=status)
    for word in query.split()[:10]:
        found = found.filter(
            Q(reference__iexact=word)
            | Q(owner__owner_number=word)
            | Q(national_code__iexact=word)
            | Q(form_data__applicant_id_number=word)
            | Q(procedure_version__procedure__national_code=word)
            | Q(owner__full_name__icontains=word)
        )
    return found.select_related("procedure_version__procedure", "receiving_point", "owner", "helper").order_by(
        "submitted_at", "pk"
    )


def inbox_submission(*, user: Any, reference: str) -> OnlineSubmission | None:
    """A submission the user may decide on (or see decided), or None: a clerk of another point sees nothing."""
    submission = (
        OnlineSubmission.objects.exclude(status=SubmissionStatus.DRAFT)
        .select_related("procedure_version__procedure", "receiving_point__operator", "owner", "helper", "dossier")
        .filter(reference=reference)
        .first()
    )
    if submission is None or submission.receiving_point is None:
        return None
    if not user_may_receive_at(user=user, point=submission.receiving_point):
        return None
    return submission
