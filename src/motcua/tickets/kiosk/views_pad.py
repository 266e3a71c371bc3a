"""The rating pad: a tablet at a counter, opened by its device's secret address (``/hang-doi/danh-gia/<key>/``).

Idle, it shows the counter's number and "Cảm ơn quý khách", and asks every few seconds (htmx) whether a visitor
was just served there (``rating_open_for_pad``). When one was, it shows the three big buttons and the reasons; the
rating goes to that ticket (named on the form by its token, and checked to be this counter's ticket still open
for rating), then the pad thanks the visitor and goes back to idle.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from motcua.agencies.models import Counter
from motcua.core.errors import ApplicationError

from ..models import DeviceKind, QueueDevice, RatingSource, Ticket
from ..services import rating_open_for_pad
from . import errors
from .access import device_or_404, device_seen
from .forms import RatingForm

POLL_SECONDS = 4
THANKS_SECONDS = 6


def _render(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _context(device: QueueDevice, *, ticket: Ticket | None, **extra: Any) -> dict[str, Any]:
    return {
        "device": device,
        "counter": device.counter,
        "point": device.point,
        "ticket": ticket,
        "form": extra.pop("form", None) or RatingForm(),
        "poll_seconds": POLL_SECONDS,
        "thanks_seconds": THANKS_SECONDS,
        **extra,
    }


def _pad(key: str) -> tuple[QueueDevice, Counter]:
    device = device_or_404(key, kind=DeviceKind.PAD)
    if device.counter is None:  # a database constraint forbids it; an admin's half-made pad is not found
        raise Http404("pad without a counter")
    device_seen(device)
    return device, device.counter


@require_GET
def pad(request: HttpRequest, key: str) -> HttpResponse:
    device, counter = _pad(key)
    ticket = rating_open_for_pad(counter=counter)
    return _render(request, "tickets/kiosk/pad.html", _context(device, ticket=ticket))


@require_GET
def pad_live(request: HttpRequest, key: str) -> HttpResponse:
    """htmx: idle, or the form for the visitor just served."""
    device, counter = _pad(key)
    ticket = rating_open_for_pad(counter=counter)
    return _render(request, "tickets/kiosk/_pad_live.html", _context(device, ticket=ticket))


@require_POST
def pad_rate(request: HttpRequest, key: str) -> HttpResponse:
    device, counter = _pad(key)
    token = str(request.POST.get("ticket", ""))[:40]
    ticket = Ticket.objects.filter(token=token, counter=counter).first() if token else None
    form = RatingForm(request.POST)
    if ticket is None:
        error = errors.rating_ticket_gone()
        context = _context(device, ticket=None, problem=error.render(get_language()))
        return _render(request, "tickets/kiosk/pad.html", context, status=error.status)
    if not form.is_valid():
        return _render(request, "tickets/kiosk/pad.html", _context(device, ticket=ticket, form=form), status=400)
    try:
        form.give(ticket=ticket, source=RatingSource.PAD)
    except ApplicationError as error:
        context = _context(device, ticket=None, problem=error.render(get_language()))
        return _render(request, "tickets/kiosk/pad.html", context, status=error.status)
    return _render(request, "tickets/kiosk/pad.html", _context(device, ticket=None, thanked=True))
