"""The kiosk at the centre's door: a touch screen that issues tickets and prints them.

The kiosk is opened by its device's secret address (``/hang-doi/kiosk/<key>/``), full screen, with no sign-in.
It depends on nothing but the database: no display, counter page or cache has to be up for it to issue.
Vietnamese by default; English for one visitor when they press EN (kept in the address, never in a cookie), and
the kiosk goes back to its Vietnamese start screen by itself after printing or when left idle.

Printing: the ticket page calls ``window.print()`` once loaded. Run the kiosk's Chromium with ``--kiosk
--kiosk-printing`` and the 80 mm thermal printer as the default printer: it then prints without a dialog.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.core.errors import ApplicationError

from ..models import DeviceKind, Priority, QueueDevice, Ticket, TicketChannel
from ..models.appointment import CODE_ALPHABET, CODE_LENGTH
from ..services import appointment_check_in, ticket_issue
from . import errors
from .access import device_or_404, device_seen, services_of, ticket_or_404
from .bilingual import error_lines, form_lines, page_language
from .forms import CheckInForm, TicketForm
from .presenting import service_groups, service_name, ticket_qr, ticket_view

# Seconds the printed ticket stays on screen before the kiosk returns to its start screen.
PRINT_RETURN_SECONDS = 8
# Seconds without a touch before a screen other than the Vietnamese start screen goes back to it.
IDLE_SECONDS = 60
# The start screen reloads itself after this long untouched: it picks up a changed list of services, and the
# reload tells the supervisor the kiosk is alive (``last_seen_at``).
START_RELOAD_SECONDS = 600


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], *, lang: str, status: int = 200
) -> HttpResponse:
    with translation.override(lang):
        response = render(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _start_url(device: QueueDevice, *, lang: str = "vi") -> str:
    url = reverse("tickets:kiosk", args=[device.key])
    return f"{url}?lang=en" if lang == "en" else url


def _screen(
    request: HttpRequest,
    device: QueueDevice,
    *,
    lang: str,
    screen: str = "start",
    problems: list[list[str]] | None = None,
    code: str = "",
    status: int = 200,
) -> HttpResponse:
    with translation.override(lang):
        groups = [
            (label, [(s, service_name(s)) for s in members])
            for label, members in service_groups(services_of(device.point))
        ]
    context = {
        "device": device,
        "point": device.point,
        "lang": lang,
        "screen": screen,
        "groups": groups,
        "priorities": [(value, label) for value, label in Priority.choices if value],
        "problems": problems or [],
        "code": code[: CODE_LENGTH * 2],
        "keys": list(CODE_ALPHABET),
        "code_length": CODE_LENGTH,
        "idle_url": _start_url(device),
        "idle_seconds": START_RELOAD_SECONDS if (screen == "start" and lang == "vi") else IDLE_SECONDS,
        "switch_url": {"vi": _start_url(device), "en": _start_url(device, lang="en")},
        "back_url": _start_url(device, lang=lang),
        "placeholder": "•" * CODE_LENGTH,
    }
    return _render(request, "tickets/kiosk/kiosk.html", context, lang=lang, status=status)


def _printed(device: QueueDevice, ticket: Ticket, *, lang: str) -> HttpResponseRedirect:
    url = reverse("tickets:kiosk_print", args=[device.key, ticket.token])
    return HttpResponseRedirect(f"{url}?lang=en" if lang == "en" else url, status=303)


# At most QUEUE_KIOSK_TICKETS_PER_MINUTE tickets a minute from one kiosk: a crowd at opening time takes one every
# few seconds; a stuck button or a child pressing on and on must not fill the queue. Counted in the database, so
# the kiosk needs nothing else to be up.
def _flooded(device: QueueDevice) -> bool:
    since = timezone.now() - timedelta(minutes=1)
    return Ticket.objects.filter(device=device, issued_at__gte=since).count() >= settings.QUEUE_KIOSK_TICKETS_PER_MINUTE


@require_GET
def kiosk(request: HttpRequest, key: str) -> HttpResponse:
    device = device_or_404(key, kind=DeviceKind.KIOSK)
    device_seen(device)
    screen = "appointment" if request.GET.get("screen") == "appointment" else "start"
    return _screen(request, device, lang=page_language(request), screen=screen)


@require_POST
def kiosk_issue(request: HttpRequest, key: str) -> HttpResponse:
    """A service's button was pressed: issue its ticket, then show it for printing."""
    device = device_or_404(key, kind=DeviceKind.KIOSK)
    lang = page_language(request)
    form = TicketForm(request.POST, services=services_of(device.point))
    if not form.is_valid():
        return _screen(request, device, lang=lang, problems=form_lines(form, first=lang), status=400)
    if _flooded(device):
        error = errors.kiosk_flooded(limit=settings.QUEUE_KIOSK_TICKETS_PER_MINUTE)
        return _screen(request, device, lang=lang, problems=[error_lines(error, first=lang)], status=error.status)
    try:
        ticket = ticket_issue(
            point=device.point,
            service=form.cleaned_data["service"],
            channel=TicketChannel.KIOSK,
            priority=form.cleaned_data["priority"] or "",
            device=device,
        )
    except ApplicationError as error:
        return _screen(request, device, lang=lang, problems=[error_lines(error, first=lang)], status=error.status)
    device_seen(device, at=ticket.issued_at)
    return _printed(device, ticket, lang=lang)


@require_http_methods(["GET", "POST"])
def kiosk_check_in(request: HttpRequest, key: str) -> HttpResponse:
    """ "I have an appointment": the code typed on the on-screen keypad gives the appointment's ticket."""
    device = device_or_404(key, kind=DeviceKind.KIOSK)
    lang = page_language(request)
    if request.method != "POST":
        return _screen(request, device, lang=lang, screen="appointment")
    form = CheckInForm(request.POST)
    code = str(request.POST.get("code", ""))[:40]
    if not form.is_valid():
        problems = form_lines(form, first=lang)
        return _screen(request, device, lang=lang, screen="appointment", problems=problems, code=code, status=400)
    try:
        ticket = appointment_check_in(point=device.point, code=form.cleaned_data["code"], device=device)
    except ApplicationError as error:
        problems = [error_lines(error, first=lang)]
        return _screen(
            request, device, lang=lang, screen="appointment", problems=problems, code=code, status=error.status
        )
    device_seen(device, at=ticket.issued_at)
    return _printed(device, ticket, lang=lang)


@require_GET
def kiosk_print(request: HttpRequest, key: str, token: str) -> HttpResponse:
    """The ticket as printed on 80 mm paper, shown on the kiosk while it prints.

    ``print.js`` calls ``window.print()`` once the page has loaded, then returns to the start screen after
    ``PRINT_RETURN_SECONDS``. Kiosk-mode Chromium (``chromium --kiosk --kiosk-printing <kiosk URL>``) prints
    silently on the default printer; set that to the 80 mm thermal printer (``print.css``: ``@page { size: 80mm
    auto; margin: 0 }``). The QR code opens the ticket's page by its token, at this request's host."""
    device = device_or_404(key, kind=DeviceKind.KIOSK)
    ticket = ticket_or_404(token)
    if ticket.point_id != device.point_id:
        raise Http404("not a ticket of this kiosk's centre")
    lang = page_language(request)
    follow_url = request.build_absolute_uri(reverse("tickets:ticket", args=[ticket.token]))
    with translation.override(lang):
        view = ticket_view(ticket)
        priority = Priority(ticket.priority).label if ticket.priority else ""
    context = {
        "device": device,
        "point": device.point,
        "view": view,
        "priority": priority,
        "lang": lang,
        "follow_url": follow_url,
        "qr": ticket_qr(follow_url),
        "return_url": _start_url(device),
        "return_seconds": PRINT_RETURN_SECONDS,
    }
    return _render(request, "tickets/kiosk/print.html", context, lang=lang)
