"""Staff pages of the national exchange (administrator and supervisors): the deliveries not accepted yet, with the
portal's reason and a Retry button, and the dossiers filed on the national portal waiting for the online inbox."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from motcua.agencies.roles import SUPERVISOR_ROLES
from motcua.core.errors import ApplicationError
from motcua.desk.access import roles_required
from motcua.dossiers.lifecycle import Action, Status

from .errors import delivery_choice_invalid, delivery_not_found, filter_unknown
from .models import DeliveryStatus, FilingStatus
from .selectors import delivery_counts, delivery_get_open, delivery_list_open, filing_list
from .services import delivery_retry

PAGE_SIZE = 200
OPEN_STATES = (DeliveryStatus.PENDING, DeliveryStatus.REJECTED)


class RetryForm(forms.Form):
    delivery = forms.IntegerField(min_value=1, max_value=2**62)


def _state(request: HttpRequest, allowed: tuple[str, ...]) -> tuple[str, ApplicationError | None]:
    value = request.GET.get("trang-thai", "")[:30]
    if value and value not in allowed:
        return "", filter_unknown(value=value)
    return value, None


def _action_label(code: str) -> str:
    """The lifecycle's words for an action (reception is no table action: it says the state it leads to)."""
    return (
        str(Action(code).label) if code in Action.values else str(Status.RECEIVED.label if code == "receive" else code)
    )


@require_GET
@roles_required(SUPERVISOR_ROLES)
def deliveries(request: HttpRequest) -> HttpResponse:
    state, error = _state(request, OPEN_STATES)
    context = {
        "rows": [(d, _action_label(d.action)) for d in delivery_list_open(user=request.user, state=state)[:PAGE_SIZE]],
        "counts": delivery_counts(user=request.user),
        "state": state,
        "states": [(s.value, s.label) for s in OPEN_STATES],
        "error": error.render() if error else "",
    }
    return render(request, "national/deliveries.html", context, status=400 if error else 200)


@require_POST
@roles_required(SUPERVISOR_ROLES)
def retry(request: HttpRequest) -> HttpResponse:
    form = RetryForm(request.POST)
    try:
        if not form.is_valid():
            raise delivery_choice_invalid()
        delivery = delivery_get_open(user=request.user, pk=form.cleaned_data["delivery"])
        if delivery is None:
            raise delivery_not_found()
        delivery_retry(delivery=delivery)
    except ApplicationError as exc:
        messages.error(request, exc.render())
    else:
        transaction.on_commit(_push_now, robust=True)
        messages.success(request, _("Sent again: the portal's answer shows here in a moment."))
    return redirect(reverse("national:deliveries"))


def _push_now() -> None:
    from .tasks import national_push_task

    national_push_task.delay()


@require_GET
@roles_required(SUPERVISOR_ROLES)
def filings(request: HttpRequest) -> HttpResponse:
    state, error = _state(request, tuple(FilingStatus.values))
    context = {
        "filings": filing_list(state=state)[:PAGE_SIZE],
        "state": state,
        "states": FilingStatus.choices,
        "error": error.render() if error else "",
    }
    return render(request, "national/filings.html", context, status=400 if error else 200)
