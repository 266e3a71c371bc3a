"""The public booking pages: choose a centre, then a service, a day and a time, then who is coming; the
confirmation with the code to show at the kiosk; cancelling.

No sign-in. The steps are plain links and one form, so a basic phone browser books without JavaScript.
Protection like the home-pickup booking (``motcua.portal.booking``): CSRF, a honeypot field, and at most
``BOOKING_MAX`` bookings per client address in ``BOOKING_WINDOW_SECONDS``, counted in the cache (a robot
tripping the honeypot counts too). An appointment is opened by its code only, never by an id.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.core.errors import ApplicationError
from motcua.core.text import fold
from motcua.core.throttle import ClientThrottle
from motcua.desk.counter_forms import add_service_error
from motcua.dossiers.slips.context import qr_data_uri

from ..models import Appointment, QueueService
from ..models.appointment import appointment_code_clean
from . import errors
from .capacity import bookable_points, bookable_services, booking_days, day_slots
from .forms import BookingForm, day_parse, int_parse, slot_value
from .services import appointment_book, appointment_cancel

BOOKING_MAX = 5
BOOKING_WINDOW_SECONDS = 60 * 60
BOOKING_THROTTLE = ClientThrottle("appointment-booking", BOOKING_MAX, BOOKING_WINDOW_SECONDS)
CENTRES_SHOWN = 50


def _render(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    response = render(request, f"tickets/booking/{template}", context, status=status)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def centres(request: HttpRequest) -> HttpResponse:
    """Step 1: the centres taking appointments, found by name or address (accents ignored)."""
    query = request.GET.get("q", "")[:100]
    words = fold(query.replace("\x00", "")).split()
    points = [
        point
        for point in bookable_points().select_related("commune")
        if all(word in fold(f"{point.name} {point.address} {point.commune.name}") for word in words)
    ]
    return _render(
        request, "centres.html", {"points": points[:CENTRES_SHOWN], "query": query, "more": len(points) > CENTRES_SHOWN}
    )


def _days(service: QueueService) -> list[tuple[date, int]]:
    """The days offered for ``service`` with the places left on each."""
    days = []
    for day in booking_days(service.point):
        slots = day_slots(service, day)
        if slots:
            days.append((day, sum(slot.remaining for slot in slots)))
    return days


@require_http_methods(["GET", "POST"])
def point_booking(request: HttpRequest, point_code: str) -> HttpResponse:
    """Steps 2–4 on one address: ``dv`` (the service) and ``ngay`` (the day) in the query, then the form."""
    point = get_object_or_404(bookable_points(), code=point_code[:40])
    services = list(bookable_services(point))
    params = request.POST if request.method == "POST" else request.GET
    # One service: nothing to choose.
    service_id = services[0].pk if len(services) == 1 else int_parse(params.get("dv"))
    service = next((s for s in services if s.pk == service_id), None)
    context: dict[str, Any] = {"point": point, "services": services, "service": service}
    if service is None:
        if params.get("dv"):
            context["error"] = errors.service_not_bookable().render()
        return _render(request, "point.html", context, status=400 if "error" in context else 200)
    context["days"] = days = _days(service)
    day = day_parse(params.get("ngay")) if params.get("ngay") else None
    if params.get("ngay") and (day is None or day not in {d for d, _ in days}):
        context["error"] = errors.day_not_offered().render()
        return _render(request, "point.html", context, status=400)
    if day is None:
        return _render(request, "point.html", context)
    slots = day_slots(service, day)
    form = BookingForm(request.POST if request.method == "POST" else None)
    context.update(day=day, slots=[(slot_value(slot), slot) for slot in slots], form=form)
    if request.method != "POST":
        return _render(request, "point.html", context)
    if BOOKING_THROTTLE.blocked(request):
        context["blocked"] = True
        return _render(request, "point.html", context, status=429)
    if form.is_robot:
        BOOKING_THROTTLE.count(request)
        context["refused"] = True
        return _render(request, "point.html", context, status=400)
    if not form.is_valid() or form.slot_start is None:
        return _render(request, "point.html", context, status=400)
    data = form.cleaned_data
    try:
        appointment = appointment_book(
            point=point,
            service=service,
            slot_start=form.slot_start,
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            language=get_language() or "vi",
        )
    except ApplicationError as error:
        add_service_error(form, error)
        return _render(request, "point.html", context, status=error.status if error.status < 500 else 400)
    BOOKING_THROTTLE.count(request)
    return HttpResponseRedirect(reverse("tickets:booking_confirmation", args=[appointment.code]))


def _appointment(code: str) -> Appointment:
    appointment = (
        Appointment.objects.select_related("point__commune", "service", "ticket")
        .filter(code=appointment_code_clean(code))
        .first()
    )
    if appointment is None:
        raise Http404("unknown appointment")
    return appointment


def _confirmation(request: HttpRequest, appointment: Appointment, **extra: Any) -> HttpResponse:
    context = {"appointment": appointment, "qr": qr_data_uri(appointment.code), **extra}
    return _render(request, "confirmation.html", context, status=400 if extra.get("error") else 200)


@require_GET
def confirmation(request: HttpRequest, code: str) -> HttpResponse:
    return _confirmation(request, _appointment(code), cancelled_now=request.GET.get("huy") == "1")


@require_POST
def cancel(request: HttpRequest, code: str) -> HttpResponse:
    appointment = _appointment(code)
    try:
        appointment_cancel(code=appointment.code)
    except ApplicationError as error:
        return _confirmation(request, appointment, error=error.render())
    return HttpResponseRedirect(reverse("tickets:booking_confirmation", args=[appointment.code]) + "?huy=1")
