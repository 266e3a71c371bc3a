"""One-stop supervision: every dossier of the department, reassignment, workload per counter and clerk.

* ``/giam-sat/``: today's workload, and the department's dossiers with filters (htmx swaps the list; a
  plain GET does the same without JavaScript);
* ``/giam-sat/phan-cong/<code>/``: give the dossier's step in progress to another colleague;
* ``/giam-sat/so-theo-doi/`` and ``….pdf`` / ``….xlsx``: register 07 of a receiving point for a period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from motcua.core.errors import ApplicationError
from motcua.core.htmx import is_htmx
from motcua.dossiers.inbox import dossier_step_for_user, step_assignee_choices
from motcua.dossiers.lifecycle import OPEN, Action, Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import DueFlag, dossier_due_flag, dossier_list_for_user
from motcua.dossiers.services.act import dossier_act, dossier_last_seq
from motcua.dossiers.slips import slip_pdf
from motcua.dossiers.slips.register_xlsx import register_xlsx
from motcua.dossiers.workload import day_bounds, step_load, workload_for

from .access import SUPERVISOR_ROLES, dossier_or_404, roles_required
from .slips import pdf_response
from .supervision_forms import AssignForm, DossierFilterForm, RegisterForm
from .supervision_query import (
    FLAGS,
    lead_agency_choices,
    may_reassign,
    point_choices,
    supervision_dossiers,
    supervision_flag_counts,
)

PAGE_SIZE = 25
LIST_TARGET = "dossier-list"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class ListRow:
    dossier: Dossier
    flag: DueFlag
    steps: list[Any]  # in progress; none once processing has ended
    reassignable: bool


def _wants_list_only(request: HttpRequest) -> bool:
    """An htmx request for the list alone (a history restore asks for the whole page)."""
    return is_htmx(request, target=LIST_TARGET)


def _list_context(request: HttpRequest, *, now: datetime) -> dict[str, Any]:
    user = request.user
    form = DossierFilterForm(request.GET, agencies=lead_agency_choices(user=user), points=point_choices(user=user))
    filters = form.filters()
    paginator = Paginator(supervision_dossiers(user=user, filters=filters, at=now), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("trang"))
    reassigner = may_reassign(user=user)
    rows = []
    for d in page.object_list:
        steps = d.active_steps if d.status in OPEN else []  # type: ignore[attr-defined]
        reassignable = reassigner and d.status == Status.IN_PROCESS and bool(steps)
        rows.append(ListRow(d, flag=dossier_due_flag(dossier=d, at=now), steps=steps, reassignable=reassignable))
    counts = supervision_flag_counts(user=user, filters=filters, at=now)
    open_total = sum(counts[str(f)] for f in FLAGS if f != DueFlag.ENDED)
    return {
        "form": form,
        "flag": filters.flag,
        "flags": [{"key": str(f), "label": f.label, "count": counts[str(f)]} for f in FLAGS],
        "count_all": counts["all"],
        "open_total": open_total,
        "has_filters": form.has_filters,
        "page": page,
        "paginator": paginator,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "rows": rows,
        "list_target": LIST_TARGET,
    }


@require_GET
@roles_required(SUPERVISOR_ROLES)
def supervision_home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    context = _list_context(request, now=now)
    if _wants_list_only(request):
        # The filters stay on the page; the list brings their errors and the deadline tab along (out of band).
        response = render(request, "desk/supervision/_list.html", {**context, "oob": True})
    else:
        context["workload"] = workload_for(user=request.user, at=now)
        context["register_form"] = RegisterForm(points=point_choices(user=request.user))
        response = render(request, "desk/supervision/home.html", context)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


# --- reassignment --------------------------------------------------------------------------------------------


def _back(request: HttpRequest) -> str:
    """Where to go after reassigning: the list as the user left it (``next``), if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("desk:supervision")


def _assign_page(request: HttpRequest, dossier: Dossier, *, form: AssignForm | None, status: int = 200) -> HttpResponse:
    """The page as the dossier is now. Its ``seq`` is read before what it shows, so whatever happens after
    this read makes the next submission stale rather than silently applied. A bound ``form`` keeps the
    user's choice and its errors."""
    seq = dossier_last_seq(dossier=dossier)
    dossier = Dossier.objects.select_related("lead_agency", "receiving_point", "procedure_version").get(pk=dossier.pk)
    step = dossier_step_for_user(dossier=dossier, user=request.user)
    colleagues = []
    if step is not None:
        colleagues = [c for c in step_assignee_choices(step=step, user=request.user) if c.pk != step.assignee_id]
    loads = step_load(user=request.user, assignees=colleagues)
    offered = []
    for colleague in colleagues:
        active, late = loads.get(colleague.pk, (0, 0))
        label = _("%(name)s — %(active)s in progress, %(late)s overdue")
        offered.append((colleague.pk, label % {"name": colleague, "active": active, "late": late}))
    form = form or AssignForm(initial={"seq": seq})
    form.offer(offered)
    context = {
        "dossier": dossier,
        "step": step,
        "form": form,
        "seq": seq,
        "back": _back(request),
        "flag": dossier_due_flag(dossier=dossier),
        "can_assign": step is not None and dossier.status == Status.IN_PROCESS and may_reassign(user=request.user),
    }
    return render(request, "desk/supervision/assign.html", context, status=status)


@require_http_methods(["GET", "POST"])
@roles_required(SUPERVISOR_ROLES)
def supervision_assign(request: HttpRequest, code: str) -> HttpResponse:
    dossier = dossier_or_404(request, code)
    if request.method != "POST":
        return _assign_page(request, dossier, form=None)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _assign_page(request, dossier, form=form, status=400)
    assignee = form.cleaned_data["assignee"]
    try:
        dossier = dossier_act(
            dossier=dossier,
            actor=request.user,
            action=Action.ASSIGN_STEP,
            expected_seq=form.cleaned_data["seq"],
            assignee=assignee,
        )
    except ApplicationError as error:
        field = "assignee" if error.code == "dossier_assignee_not_eligible" else None
        form.add_error(field, error.render(get_language() or "vi"))
        return _assign_page(request, dossier, form=form, status=409 if error.code == "dossier_changed" else 400)
    done = _("Dossier %(code)s: the step in progress is now assigned to %(name)s.")
    messages.success(request, done % {"code": dossier.code, "name": assignee})
    return redirect(_back(request))


# --- register 07 -------------------------------------------------------------------------------------------


@require_GET
@roles_required(SUPERVISOR_ROLES)
def supervision_register(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.GET or None, points=point_choices(user=request.user))
    return render(request, "desk/supervision/register.html", {"register_form": form})


def _register_file(request: HttpRequest, *, extension: str) -> HttpResponse:
    form = RegisterForm(request.GET, points=point_choices(user=request.user))
    if not form.is_valid():
        return render(request, "desk/supervision/register.html", {"register_form": form}, status=400)
    point = form.cleaned_data["diem"]
    start, _end = day_bounds(form.cleaned_data["tu"])
    _start, end = day_bounds(form.cleaned_data["den"])
    dossiers = dossier_list_for_user(user=request.user).filter(
        receiving_point=point, received_at__gte=start, received_at__lt=end
    )
    extra: dict[str, Any] = {"period": form.period_text()}
    if not dossiers.exists():
        # An empty register still says whose it is (the rows usually tell it).
        extra["issuer"] = f"{point.operator.name} – {point.name}"
    if extension == "pdf":
        return pdf_response(slip_pdf(kind="07", dossiers=dossiers, **extra), filename=form.file_name("pdf"))
    response = HttpResponse(register_xlsx(dossiers=dossiers, **extra), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{form.file_name("xlsx")}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@roles_required(SUPERVISOR_ROLES)
def supervision_register_pdf(request: HttpRequest) -> HttpResponse:
    return _register_file(request, extension="pdf")


@require_GET
@roles_required(SUPERVISOR_ROLES)
def supervision_register_xlsx(request: HttpRequest) -> HttpResponse:
    return _register_file(request, extension="xlsx")
