"""Reads for the agency desk: the inbox tabs with their counts, and the choices a dossier page offers.

Every tab is one condition on the user's scope (:func:`dossier_list_for_user`), so a tab's list and its
count can never disagree, and :func:`inbox_counts` computes all of them in one aggregate query (plus
the few small reads that build the conditions: the user's agencies, the sets of office hours).

* **new**: in process with a step in progress at one of the user's agencies that nobody is assigned
  to yet (or a step not routed yet, of a dossier the user's agency leads);
* **in progress**: in process with a step in progress at one of the user's agencies, assigned;
* **due soon / overdue**: the clock runs and the appointment is near / passed, in working time;
* **waiting**: the clock is paused for the applicant (a supplement or a financial obligation);
* **done**: processing ended in the last ``DONE_DAYS`` days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency, AgencyKind, StaffAssignment
from motcua.agencies.selectors import agencies_for, agency_ids_under
from motcua.core.localtime import local_date

from .lifecycle import ENDED, Status
from .models import Dossier, DossierStep, StepStatus
from .permissions import step_for_user
from .selectors import (
    PAUSED,
    RUNNING,
    before_threshold,
    dossier_filter_search,
    dossier_list_for_user,
    due_soon_threshold,
    overdue_threshold,
)

DONE_DAYS = 30


@dataclass(frozen=True)
class Tab:
    key: str
    label: str | Promise
    alert: bool = False  # a non-zero count deserves attention


TABS: tuple[Tab, ...] = (
    Tab("new", _("New")),
    Tab("in_progress", _("In progress")),
    Tab("due_soon", _("Due soon"), alert=True),
    Tab("overdue", _("Overdue"), alert=True),
    Tab("waiting", _("Waiting for supplement")),
    Tab("done", _("Done")),
)
TAB_KEYS = tuple(tab.key for tab in TABS)


def _steps_at(agency_ids: list[int]) -> QuerySet[DossierStep]:
    """Steps in progress of the outer dossier at one of ``agency_ids``, or not routed yet where one of them leads."""
    return DossierStep.objects.filter(dossier=OuterRef("pk"), status=StepStatus.ACTIVE).filter(
        Q(agency_id__in=agency_ids) | Q(agency__isnull=True, dossier__lead_agency_id__in=agency_ids)
    )


def inbox_conditions(*, user: Any, at: datetime | None = None) -> dict[str, Q]:
    """The condition of each tab, to apply to the user's scope."""
    now = at or timezone.now()
    agency_ids = list(agencies_for(user=user).values_list("pk", flat=True))
    at_mine = _steps_at(agency_ids)
    overdue = before_threshold(field="appointment_at", at=now, threshold=overdue_threshold)
    soon = before_threshold(field="appointment_at", at=now, threshold=due_soon_threshold)
    in_process = Q(status=Status.IN_PROCESS)
    return {
        "new": in_process & Q(Exists(at_mine.filter(assignee__isnull=True))),
        "in_progress": in_process
        & Q(Exists(at_mine.filter(assignee__isnull=False)))
        & ~Q(Exists(at_mine.filter(assignee__isnull=True))),
        "due_soon": Q(status__in=RUNNING) & soon & ~overdue,
        "overdue": Q(status__in=RUNNING) & overdue,
        "waiting": Q(status__in=PAUSED),
        "done": Q(status__in=ENDED, processed_at__gte=now - timedelta(days=DONE_DAYS)),
    }


def inbox_counts(*, user: Any, at: datetime | None = None) -> dict[str, int]:
    """How many dossiers each tab holds, in one aggregate query over the user's scope."""
    conditions = inbox_conditions(user=user, at=at)
    counts = dossier_list_for_user(user=user).aggregate(
        **{key: Count("pk", filter=condition) for key, condition in conditions.items()}
    )
    return {key: counts[key] or 0 for key in TAB_KEYS}


def inbox_list(
    *, user: Any, tab: str, at: datetime | None = None, search: str = "", descending: bool = False
) -> QuerySet[Dossier]:
    """The dossiers of ``tab``, with the steps in progress (and their assignees) prefetched, sorted by
    appointment (the most urgent first, unless ``descending``); ``search`` as :func:`dossier_filter_search`."""
    if tab not in TAB_KEYS:
        raise ValueError(f"unknown inbox tab {tab!r}")
    dossiers = dossier_list_for_user(user=user).filter(inbox_conditions(user=user, at=at)[tab])
    dossiers = dossier_filter_search(dossiers=dossiers, words=search)
    order = ("-appointment_at", "-pk") if descending else ("appointment_at", "pk")
    active = DossierStep.objects.filter(status=StepStatus.ACTIVE).select_related("agency", "assignee").order_by("order")
    return dossiers.order_by(*order).prefetch_related(Prefetch("steps", queryset=active, to_attr="active_steps"))


# --- choices of the dossier page's forms -----------------------------------------------------------------------


def dossier_step_for_user(*, dossier: Dossier, user: Any) -> DossierStep | None:
    """The step in progress ``user`` would act on: :func:`~.permissions.step_for_user`, the choice the step
    services make."""
    return step_for_user(user=user, dossier=dossier)


def step_assignee_choices(*, step: DossierStep | None, user: Any) -> QuerySet[Any]:
    """Colleagues who may be given ``step``: active users holding its role today at its agency (or a unit under
    it); for a step not routed yet, at the user's own agencies."""
    users = get_user_model().objects.filter(is_active=True)
    if step is None:
        return users.none()
    if step.agency_id:
        units = agency_ids_under(roots=[step.agency_id])
    else:
        units = set(agencies_for(user=user).values_list("pk", flat=True))
    today = local_date()
    holders = StaffAssignment.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=today),
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        is_active=True,
        role=step.role,
        agency_id__in=units,
    )
    return users.filter(pk__in=holders.values("user_id")).order_by("full_name", "username")


def routing_agency_choices(*, dossier: Dossier) -> QuerySet[Agency]:
    """Agencies a dossier can be routed to for a step at another agency: active state agencies of the lead
    agency's province (or central ones), never a postal unit, a one-stop department or a service centre."""
    lead = dossier.lead_agency
    places = Q(level="central") | (Q(province_id=lead.province_id) if lead.province_id else Q())
    return (
        Agency.objects.filter(is_active=True)
        .exclude(kind__in=[AgencyKind.POSTAL, AgencyKind.ONE_STOP, AgencyKind.SERVICE_CENTRE])
        .exclude(pk=lead.pk)
        .filter(places)
        .order_by("name")
    )


def dossier_unrouted_steps(*, dossier: Dossier) -> list[DossierStep]:
    """Steps still waiting whose agency is not named yet (a step at another agency)."""
    pending = DossierStep.objects.filter(dossier=dossier, status=StepStatus.PENDING, agency__isnull=True)
    return list(pending.order_by("order"))


__all__ = [
    "DONE_DAYS",
    "TABS",
    "TAB_KEYS",
    "Tab",
    "dossier_step_for_user",
    "dossier_unrouted_steps",
    "inbox_conditions",
    "inbox_counts",
    "inbox_list",
    "routing_agency_choices",
    "step_assignee_choices",
]
