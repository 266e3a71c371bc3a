"""The clerk's queue panel (/quay/hang-doi/): open a counter, call the next visitor, call again, mark absent,
transfer, finish, call a given number, put a missed visitor back; the waiting list refreshes itself.

Every action is a POST of a small form that calls one service of ``motcua.tickets.services``. With htmx the
panel is swapped in place (an error keeps its status code: the panel's script lets htmx swap 4xx answers); without
JavaScript the page posts and comes back (post/redirect/get). A refusal is the service's ``ApplicationError``,
shown in the active language beside the panel, never an error page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from motcua.agencies.models import Counter, Role
from motcua.agencies.selectors import receiving_points_for, user_has_role
from motcua.core.errors import ApplicationError
from motcua.core.htmx import is_htmx
from motcua.desk.access import COUNTER_ROLES, roles_required

from .. import errors as queue_errors
from ..models import QueueDevice
from ..services import (
    call_next,
    call_number,
    counter_current,
    shift_close,
    shift_for,
    shift_open,
    ticket_finish,
    ticket_no_show,
    ticket_recall,
    ticket_requeue,
    ticket_transfer,
)
from . import errors
from .forms import CounterForm, LabelForm, NextForm, TransferForm
from .state import clerk_panel

Message = str | Promise


def _label(request: HttpRequest) -> str:
    form = LabelForm(request.POST)
    if not form.is_valid():
        raise errors.label_invalid()
    return form.cleaned_data["label"]


def _open(request: HttpRequest) -> Message:
    form = CounterForm(request.POST)
    counter = None
    if form.is_valid():
        counter = Counter.objects.filter(pk=form.cleaned_data["counter"], is_active=True).first()
    if counter is None:
        raise errors.counter_unknown()
    shift_open(user=request.user, counter=counter)
    return _("Counter %(number)s is open: call the first visitor.") % {"number": counter.number}


def _close(request: HttpRequest) -> Message:
    shift_close(user=request.user)
    return _("Your counter is closed.")


def _next(request: HttpRequest) -> Message:
    form = NextForm(request.POST)
    shown = form.cleaned_data["serving"].strip().upper() if form.is_valid() else ""
    shift = shift_for(user=request.user)
    if shift is None:
        raise queue_errors.not_at_counter()
    current = counter_current(counter=shift.counter)
    if (current.label if current else "") != shown:
        raise errors.panel_stale(shown=shown, serving=current.label if current else "")
    ticket = call_next(user=request.user)
    if ticket is None:
        return _("Nobody is waiting for this counter.")
    return _("Called %(label)s.") % {"label": ticket.label}


def _recall(request: HttpRequest) -> Message:
    ticket = ticket_recall(user=request.user, label=_label(request))
    return _("Called %(label)s again (call %(calls)s).") % {"label": ticket.label, "calls": ticket.calls}


def _no_show(request: HttpRequest) -> Message:
    ticket = ticket_no_show(user=request.user, label=_label(request))
    return _("%(label)s did not come: marked absent.") % {"label": ticket.label}


def _finish(request: HttpRequest) -> Message:
    ticket = ticket_finish(user=request.user, label=_label(request))
    return _("%(label)s is served.") % {"label": ticket.label}


def _call_number(request: HttpRequest) -> Message:
    ticket = call_number(user=request.user, label=_label(request))
    return _("Called %(label)s.") % {"label": ticket.label}


def _requeue(request: HttpRequest) -> Message:
    ticket = ticket_requeue(user=request.user, label=_label(request))
    return _("%(label)s is back in the queue, in its place.") % {"label": ticket.label}


def _transfer(request: HttpRequest) -> Message:
    shift = shift_for(user=request.user)
    if shift is None:
        raise queue_errors.not_at_counter()
    form = TransferForm(request.POST, point=shift.counter.receiving_point, counter=shift.counter)
    if not form.is_valid():
        if "label" in form.errors:
            raise errors.label_invalid()
        raise queue_errors.transfer_target_missing()
    counter, field = form.destination()
    ticket = ticket_transfer(user=request.user, label=form.cleaned_data["label"], counter=counter, field=field)
    if counter is not None:
        return _("%(label)s goes to counter %(number)s.") % {"label": ticket.label, "number": counter.number}
    return _("%(label)s goes to the counters of %(field)s.") % {"label": ticket.label, "field": field}


#: The panel's actions: the address's last part (Vietnamese, like the site's), and what each does.
ACTIONS: dict[str, tuple[str, Callable[[HttpRequest], Message]]] = {
    "open": ("mo-quay", _open),
    "close": ("dong-quay", _close),
    "next": ("goi-tiep", _next),
    "recall": ("goi-lai", _recall),
    "no_show": ("vang-mat", _no_show),
    "transfer": ("chuyen", _transfer),
    "finish": ("xong", _finish),
    "call_number": ("goi-so", _call_number),
    "requeue": ("dua-lai", _requeue),
}


DEVICE_LIST_ROLES = (Role.POSTAL_SUPERVISOR, Role.ADMINISTRATOR)


def _devices(user) -> list[QueueDevice]:
    """The kiosks, displays and pads of the supervisor's points, to open on the centre's screens (their addresses
    hold the devices' secrets: a clerk at the counter does not need them)."""
    if not user_has_role(user=user, roles=DEVICE_LIST_ROLES):
        return []
    points = receiving_points_for(user=user)
    return list(
        QueueDevice.objects.filter(point__in=points, is_active=True)
        .select_related("point", "counter")
        .order_by("point__code", "kind", "name")
    )


def _render(request: HttpRequest, *, status: int = 200, **extra) -> HttpResponse:
    context = {"panel": clerk_panel(user=request.user), **extra}
    template = "tickets/calling/_panel.html" if is_htmx(request, target="queue-panel") else "tickets/calling/queue.html"
    if template.endswith("queue.html"):
        context["devices"] = _devices(request.user)
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


@require_GET
@roles_required(COUNTER_ROLES)
def queue_page(request: HttpRequest) -> HttpResponse:
    return _render(request)


@require_GET
@roles_required(COUNTER_ROLES)
def queue_live(request: HttpRequest) -> HttpResponse:
    """The part of the panel that refreshes itself: who waits for this counter, and the centre's open counters."""
    response = render(request, "tickets/calling/_live.html", {"panel": clerk_panel(user=request.user)})
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@roles_required(COUNTER_ROLES)
def queue_action(request: HttpRequest, action: str) -> HttpResponse:
    _slug, handler = ACTIONS[action]
    try:
        done = handler(request)
    except ApplicationError as error:
        return _render(
            request,
            status=error.status,
            error=error.render(get_language()),
            error_action=action,
            error_field=error.field,
        )
    if is_htmx(request, target="queue-panel"):
        return _render(request, done=done, done_action=action)
    messages.success(request, str(done))
    return redirect("tickets:queue")
