"""The staff pages: the ratings' figures with their workbook (``/giam-sat/danh-gia/``) and the petitions' inbox
with each step (``/giam-sat/phan-anh/``). Scoped by ``selectors``; thin (docs/feedback.md)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from motcua.core.errors import ApplicationError
from motcua.desk.access import roles_required
from motcua.dossiers.selectors import dossier_list_for_user

from . import errors
from .export import XLSX, ratings_chart, ratings_xlsx
from .forms import PeriodForm, TextForm
from .lifecycle import OPEN, Actor, ComplaintAction, actions_offered
from .selectors import (
    HANDLER_ROLES,
    RATING_READER_ROLES,
    complaint_figures,
    complaint_for_user,
    complaints_for_user,
    rating_figures,
    ratings_for_user,
)
from .services import HANDLER_STEPS, complaint_check, complaint_due_flag


@require_GET
@roles_required(RATING_READER_ROLES)
def ratings_page(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    status = 400 if form.is_bound and not form.is_valid() else 200
    figures = rating_figures(ratings=ratings_for_user(user=request.user, start=start, end=end))
    complaints = complaint_figures(scope=dossier_list_for_user(user=request.user), period=(start, end))
    context = {"form": form, "figures": figures, "complaints": complaints, "start": start, "end": end,
               "query": request.GET.urlencode()}  # fmt: skip
    if figures.total.count:
        context["chart"] = ratings_chart(figures)
    return render(request, "feedback/ratings.html", context, status=status)


@require_GET
@roles_required(RATING_READER_ROLES)
def ratings_download(request: HttpRequest) -> HttpResponse:
    start, end = PeriodForm(request.GET or None).period()
    ratings = ratings_for_user(user=request.user, start=start, end=end)
    body = ratings_xlsx(figures=rating_figures(ratings=ratings), ratings=ratings.order_by("rated_at"))
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="danh-gia-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@roles_required(HANDLER_ROLES)
def inbox(request: HttpRequest) -> HttpResponse:
    show_all = request.GET.get("tat-ca") == "1"
    complaints = complaints_for_user(user=request.user)
    if not show_all:
        complaints = complaints.filter(status__in=list(OPEN))
    now = timezone.now()
    rows = [(c, complaint_due_flag(complaint=c, now=now)) for c in complaints.order_by("answer_due_at", "pk")[:300]]
    rows.sort(key=lambda row: (row[0].status not in OPEN, row[0].ack_due_at if row[0].status == "received"
                               else row[0].answer_due_at))  # fmt: skip
    return render(request, "feedback/inbox.html", {"rows": rows, "show_all": show_all})


@require_http_methods(["GET", "POST"])
@roles_required(HANDLER_ROLES)
def complaint_page(request: HttpRequest, reference: str) -> HttpResponse:
    complaint = complaint_for_user(user=request.user, reference=reference)
    if complaint is None:
        raise Http404
    form = TextForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            action = ComplaintAction(request.POST.get("action", ""))
            step = HANDLER_STEPS[action]
        except (ValueError, KeyError):
            return render(request, "feedback/refused.html", {"error": errors.complaint_action_unknown()}, status=400)
        if form.is_valid():
            try:
                step(complaint, request.user, form.cleaned_data["text"])
            except ApplicationError as error:
                form.error_show(error)
                status = error.status
            else:
                messages.success(request, _("Done: the filer has been notified."))
                return redirect(request.path)
        else:
            status = 400
    now = timezone.now()
    offered = []
    for action in actions_offered(complaint.status, actor=Actor.HANDLER):
        try:
            complaint_check(complaint=complaint, action=action, user=request.user, now=now)
        except ApplicationError:
            continue
        offered.append(action)
    context = {
        "complaint": complaint,
        "events": complaint.events.select_related("actor").order_by("seq"),
        "offered": offered,
        "flag": complaint_due_flag(complaint=complaint, now=now),
        "form": form,
    }
    return render(request, "feedback/complaint_staff.html", context, status=status)
