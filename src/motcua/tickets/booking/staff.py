"""The day's appointments for the counter: who is booked at the staff member's points, slot by slot.

Counter staff and supervisors (``COUNTER_ROLES`` and ``SUPERVISOR_ROLES``) see the points whose work they see
(``receiving_points_for``); a point outside them is not offered and answers 404.
"""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from motcua.agencies.roles import COUNTER_ROLES, SUPERVISOR_ROLES
from motcua.agencies.selectors import receiving_points_for
from motcua.core.localtime import local_date, local_day_bounds
from motcua.desk.access import roles_required

from ..models import Appointment, AppointmentStatus
from . import errors
from .forms import day_parse

STAFF_ROLES = tuple(dict.fromkeys((*COUNTER_ROLES, *SUPERVISOR_ROLES)))


@require_GET
@roles_required(STAFF_ROLES)
def appointment_list(request: HttpRequest) -> HttpResponse:
    """``ngay``: the day (today by default); ``diem``: the point's code when the user sees several."""
    points = list(receiving_points_for(user=request.user).filter(is_active=True).order_by("name"))
    wanted = request.GET.get("diem", "")[:40]
    point = next((p for p in points if p.code == wanted), None) if wanted else (points[0] if points else None)
    if wanted and point is None:
        raise Http404("point not in scope")
    context: dict[str, Any] = {"points": points, "point": point}
    day: date | None = local_date(timezone.now())
    status = 200
    if request.GET.get("ngay"):
        day = day_parse(request.GET["ngay"])
        if day is None or not 2000 <= day.year <= 2100:
            context["error"] = errors.day_not_offered().render()
            day, status = local_date(timezone.now()), 400
    context["day"] = day
    if point is not None and day is not None:
        start, end = local_day_bounds(day)
        appointments = (
            Appointment.objects.filter(point=point, slot_start__gte=start, slot_start__lt=end)
            .select_related("service", "ticket")
            .order_by("slot_start", "service__order", "created_at")
        )
        context["slots"] = [(slot, list(rows)) for slot, rows in groupby(appointments, key=lambda a: a.slot_start)]
        context["counts"] = [
            (code, label, sum(1 for a in appointments if a.status == code)) for code, label in AppointmentStatus.choices
        ]
    response = render(request, "tickets/booking/staff_list.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response
