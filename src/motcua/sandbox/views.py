"""Pages of the training sandbox (docs/training.md, "The sandbox"): start a session, read its cases, switch the
counter into training mode, score, and the supervisor's sign-off."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from motcua.agencies.roles import COUNTER_ROLES
from motcua.core.errors import ApplicationError
from motcua.desk.access import roles_required
from motcua.desk.training import training_mode, training_mode_set

from .forms import StartForm
from .models import PracticeSession
from .scoring import PASS_MARK
from .selectors import fields_to_practise, real_points_of, sessions_of, sessions_to_sign_off
from .services import may_sign_off, session_passed, session_score, session_sign_off, session_start


def _form(request: HttpRequest) -> StartForm:
    return StartForm(
        request.POST if request.method == "POST" else None,
        points=real_points_of(user=request.user),
        fields=fields_to_practise(),
    )


def _home(request: HttpRequest, form: StartForm, status: int = 200) -> HttpResponse:
    context = {
        "form": form,
        "sessions": sessions_of(trainee=request.user)[:20],
        "to_sign": sessions_to_sign_off(user=request.user),
        "training_mode": training_mode(request),
        "pass_mark": PASS_MARK,
    }
    return render(request, "sandbox/home.html", context, status=status)


@require_GET
@roles_required(COUNTER_ROLES)
def home(request: HttpRequest) -> HttpResponse:
    return _home(request, _form(request))


@require_POST
@roles_required(COUNTER_ROLES)
def start(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    if not form.is_valid():
        return _home(request, form, status=400)
    try:
        session = session_start(
            trainee=request.user,
            point=form.cleaned_data["point"],
            field=form.cleaned_data["field"],
            count=form.cleaned_data["cases"],
        )
    except ApplicationError as error:
        form.add_error(error.field if error.field in form.fields else None, error.render(get_language()))
        return _home(request, form, status=error.status)
    training_mode_set(request, on=True)
    return redirect("sandbox:session", pk=session.pk)


def _session_or_403(request: HttpRequest, pk: int) -> PracticeSession:
    session = get_object_or_404(PracticeSession.objects.select_related("trainee", "point", "field"), pk=pk)
    if session.trainee_id != request.user.pk and not may_sign_off(user=request.user, session=session):
        raise PermissionDenied
    return session


@require_GET
@roles_required(COUNTER_ROLES)
def session(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _session_or_403(request, pk)
    context = {
        "session": practice,
        "cases": practice.cases.select_related("version__procedure", "dossier").order_by("order"),
        "mine": practice.trainee_id == request.user.pk,
        "may_sign": may_sign_off(user=request.user, session=practice),
        "passed": session_passed(practice),
        "pass_mark": PASS_MARK,
        "training_mode": training_mode(request),
    }
    return render(request, "sandbox/session.html", context)


@require_POST
@roles_required(COUNTER_ROLES)
def score(request: HttpRequest, pk: int) -> HttpResponse:
    session_score(session=_session_or_403(request, pk))
    return redirect("sandbox:session", pk=pk)


@require_POST
@roles_required(COUNTER_ROLES)
def sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _session_or_403(request, pk)
    try:
        session_sign_off(session=practice, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.render(get_language()))
    else:
        messages.success(request, _("The session is signed off and the certificate issued."))
    return redirect("sandbox:session", pk=pk)


@require_POST
@roles_required(COUNTER_ROLES)
def mode(request: HttpRequest) -> HttpResponse:
    """Switch the counter into training mode or back to real work; back to ``next`` when it is a page of ours."""
    training_mode_set(request, on=request.POST.get("on") == "1")
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("sandbox:home")
