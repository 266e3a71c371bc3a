"""The home page: what motcua is for a visitor; who you are and what you may do for staff."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.agencies.models.staff import AGENCY_SCOPED_ROLES, POINT_ROLES
from motcua.agencies.selectors import RoleSummary, user_roles
from motcua.citizens.selectors import citizen_account

# A signed-in citizen's home is their dossiers (the mydossiers app).
CITIZEN_HOME = "/cong-dan/"


@dataclass(frozen=True)
class RoleCard:
    label: str | Promise
    scope_kind: str | Promise
    scope: str | Promise
    capabilities: list


def _role_card(summary: RoleSummary) -> RoleCard:
    if summary.role in POINT_ROLES:
        kind = _("Receiving point")
    elif summary.role in AGENCY_SCOPED_ROLES:
        kind = _("Agency")
    else:
        kind = pgettext_lazy("scope of a role", "Province")
    # Planners, trainers and administrators without a province work for the whole country.
    scope = summary.scope or _("Whole country")
    if not summary.scope:
        kind = _("Scope")
    return RoleCard(label=summary.label, scope_kind=kind, scope=scope, capabilities=summary.capabilities)


def home(request: HttpRequest) -> HttpResponse:
    if citizen_account(request.user) is not None:
        return HttpResponseRedirect(CITIZEN_HOME)
    roles = [_role_card(summary) for summary in user_roles(user=request.user)] if request.user.is_authenticated else []
    return render(request, "core/home.html", {"roles": roles})
