"""The desk's menu: the pages of the roles the signed-in user holds, for every template."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.agencies.models import Role
from motcua.agencies.models.staff import POINT_ROLES
from motcua.agencies.roles import STAGE_READER_ROLES
from motcua.agencies.selectors import user_role_values
from motcua.citizens.selectors import citizen_account
from motcua.feedback.selectors import HANDLER_ROLES as COMPLAINT_HANDLER_ROLES
from motcua.indicators.views_access import DASHBOARD_ROLES

from .access import AGENCY_INBOX_ROLES, COUNTER_ROLES, SEARCH_ROLES, SUPERVISOR_ROLES
from .training import training_mode


@dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url: str
    active: bool


ENTRIES: tuple[tuple[str | Promise, str, tuple[Role, ...]], ...] = (
    (_("Counter"), "desk:counter", COUNTER_ROLES),
    (pgettext_lazy("queue panel", "Queue"), "tickets:queue", COUNTER_ROLES),
    (_("Online inbox"), "submissions:inbox", COUNTER_ROLES),
    (_("Help to file online"), "submissions:assist_start", COUNTER_ROLES),
    (_("Waiting times"), "tickets:figures", SUPERVISOR_ROLES),
    (_("Agency inbox"), "desk:inbox", AGENCY_INBOX_ROLES),
    (_("Supervision"), "desk:supervision", SUPERVISOR_ROLES),
    (_("Petitions and complaints"), "feedback:inbox", COMPLAINT_HANDLER_ROLES),
    (_("Service quality"), "indicators:dashboard", DASHBOARD_ROLES),
    (_("Dossiers at risk"), "indicators:alerts", SUPERVISOR_ROLES),
    (_("Documents"), "desk:documents", SEARCH_ROLES),
    (_("Postal operations"), "desk:postal", (Role.POSTAL_SUPERVISOR, Role.POSTAL_CLERK, Role.ADMINISTRATOR)),
    (_("My rounds"), "desk:postman", (Role.POSTMAN,)),
    (_("Planning"), "planner:country", (Role.PLANNER, Role.ADMINISTRATOR)),
    (_("Stages"), "stages:catalogue", STAGE_READER_ROLES),
    (_("Training"), "training:path", tuple(Role)),
    (_("Practice at the counter"), "sandbox:home", COUNTER_ROLES),
    (_("Question banks"), "training:banks", (Role.TRAINER, Role.ADMINISTRATOR)),
    (_("Certificates"), "certification:mine", (*POINT_ROLES, Role.ADMINISTRATOR)),
    (_("Staff certification"), "certification:matrix", (Role.POSTAL_SUPERVISOR, Role.ADMINISTRATOR)),
    (
        _("Quality of the counter work"),
        "certification:quality",
        (Role.POSTAL_SUPERVISOR, Role.TRAINER, Role.ADMINISTRATOR),
    ),
)


# A signed-in citizen's pages (no staff role: a citizen's account never holds one).
CITIZEN_ENTRIES: tuple[tuple[str | Promise, str], ...] = (
    (_("My dossiers"), "mydossiers:home"),
    (_("File online"), "submissions:list"),
    (_("My data store"), "mydossiers:data_store"),
    (_("My complaints"), "feedback:my_complaints"),
)


def desk_menu(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"desk_menu": []}
    held = user_role_values(user=user)  # one query for the whole menu
    shown = [(label, reverse(name)) for label, name, roles in ENTRIES if held.intersection(roles)]
    citizen = not shown and citizen_account(user) is not None  # asked only of a user without a staff role
    if citizen:
        shown = [(label, reverse(name)) for label, name in CITIZEN_ENTRIES]
    # The page belongs to the entry whose address is the longest start of its own (/chung-chi/diem/ is the staff
    # certification's, not /chung-chi/'s).
    starts = [url for _, url in shown if request.path.startswith(url)]
    current = max(starts, key=len, default=None)
    return {
        "desk_menu": [MenuItem(label=label, url=url, active=url == current) for label, url in shown],
        "citizen_signed_in": citizen,
        # The counter in training mode says so on every desk page (docs/training.md, "The sandbox").
        "desk_training_mode": training_mode(request),
    }
