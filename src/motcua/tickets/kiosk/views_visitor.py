"""The visitor's own phone: the centre's public queue page, a ticket taken remotely, and the ticket's page.

``/hang-doi/<point code>/`` lists the services with the visitors waiting and the wait a ticket taken now would
have, and takes a ticket (channel phone). No sign-in; protected like the pickup booking (``portal.booking``):
CSRF, a honeypot field, and at most ``QUEUE_PHONE_TICKETS_MAX`` tickets per client address an hour, counted in
the cache (a robot tripping the honeypot counts too).

``/hang-doi/ve/<token>/`` is the page the printed ticket's QR code opens: the number, the status in plain words,
the people ahead and the wait, "go to counter N" when called, refreshed every few seconds by htmx; the visitor
may cancel while waiting, and rates the service once served (``rating_give(source=phone)``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from motcua.core.errors import ApplicationError
from motcua.core.throttle import ClientThrottle

from ..models import Priority, RatingSource, TicketChannel
from ..services import ticket_cancel, ticket_issue
from . import errors
from .access import point_or_404, ticket_or_404
from .forms import PhoneTicketForm, RatingForm
from .presenting import service_rows, ticket_view

PHONE_WINDOW_SECONDS = 60 * 60
PHONE_THROTTLE = ClientThrottle("phone-ticket", lambda: settings.QUEUE_PHONE_TICKETS_MAX, PHONE_WINDOW_SECONDS)
POLL_SECONDS = 5


def _render(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


# --- throttle --------------------------------------------------------------------------------------


# --- the centre's page -----------------------------------------------------------------------------


def _centre(
    request: HttpRequest, code: str, form: PhoneTicketForm | None = None, status: int = 200, **extra: Any
) -> HttpResponse:
    point, services = point_or_404(code)
    context = {
        "point": point,
        "rows": service_rows(point, services),
        "form": form or PhoneTicketForm(services=services),
        "priorities": [(value, label) for value, label in Priority.choices if value],
        "limit": settings.QUEUE_PHONE_TICKETS_MAX,
        **extra,
    }
    return _render(request, "tickets/kiosk/centre.html", context, status=status)


@require_GET
def centre(request: HttpRequest, code: str) -> HttpResponse:
    return _centre(request, code)


@require_POST
def centre_take(request: HttpRequest, code: str) -> HttpResponse:
    """Take a ticket on a phone, then follow it on its page."""
    point, services = point_or_404(code)
    form = PhoneTicketForm(request.POST, services=services)
    if PHONE_THROTTLE.blocked(request):
        error = errors.phone_tickets_too_many(limit=settings.QUEUE_PHONE_TICKETS_MAX)
        return _centre(request, code, form, status=error.status, problem=error.render(get_language()))
    if form.is_robot:
        PHONE_THROTTLE.count(request)
        error = errors.robot_refused()
        return _centre(request, code, form, status=error.status, problem=error.render(get_language()))
    if not form.is_valid():
        return _centre(request, code, form, status=400)
    try:
        ticket = ticket_issue(
            point=point,
            service=form.cleaned_data["service"],
            channel=TicketChannel.PHONE,
            priority=form.cleaned_data["priority"] or "",
        )
    except ApplicationError as error:
        return _centre(request, code, form, status=error.status, problem=error.render(get_language()))
    PHONE_THROTTLE.count(request)
    return HttpResponseRedirect(reverse("tickets:ticket", args=[ticket.token]), status=303)


# --- the ticket's page -----------------------------------------------------------------------------


def _ticket_context(request: HttpRequest, token: str, **extra: Any) -> dict[str, Any]:
    ticket = ticket_or_404(token)
    return {
        "view": ticket_view(ticket),
        "point": ticket.point,
        "rating_form": extra.pop("rating_form", None) or RatingForm(),
        "poll_seconds": POLL_SECONDS,
        **extra,
    }


@require_GET
def ticket(request: HttpRequest, token: str) -> HttpResponse:
    return _render(request, "tickets/kiosk/ticket.html", _ticket_context(request, token))


@require_GET
def ticket_live(request: HttpRequest, token: str) -> HttpResponse:
    """htmx: the ticket's changing part, polled while the ticket is open. When its status is no longer the one the
    page shows (``s``), the whole page reloads: the cancel button goes, the call or the rating form comes."""
    context = _ticket_context(request, token)
    response = _render(request, "tickets/kiosk/_ticket_live.html", context)
    shown = request.GET.get("s")
    if shown is not None and shown != context["view"].ticket.status:
        response["HX-Refresh"] = "true"
    return response


@require_POST
def ticket_give_up(request: HttpRequest, token: str) -> HttpResponse:
    """ "Cancel my ticket", while it waits."""
    ticket = ticket_or_404(token)
    try:
        ticket_cancel(ticket=ticket)
    except ApplicationError as error:
        context = _ticket_context(request, token, problem=error.render(get_language()))
        return _render(request, "tickets/kiosk/ticket.html", context, status=error.status)
    return HttpResponseRedirect(reverse("tickets:ticket", args=[token]), status=303)


@require_POST
def ticket_rate(request: HttpRequest, token: str) -> HttpResponse:
    ticket = ticket_or_404(token)
    form = RatingForm(request.POST)
    if not form.is_valid():
        context = _ticket_context(request, token, rating_form=form)
        return _render(request, "tickets/kiosk/ticket.html", context, status=400)
    try:
        form.give(ticket=ticket, source=RatingSource.PHONE)
    except ApplicationError as error:
        context = _ticket_context(request, token, rating_form=form, problem=error.render(get_language()))
        return _render(request, "tickets/kiosk/ticket.html", context, status=error.status)
    return HttpResponseRedirect(reverse("tickets:ticket", args=[token]), status=303)
