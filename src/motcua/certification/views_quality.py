"""The quality loop's page (supervisors for their points, trainers for their province or the country) and the gaps
for tomorrow of a supervisor's point, linked from the matrix."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from motcua.agencies.models import Role
from motcua.desk.access import roles_required

from .gaps import EXPIRING_DAYS, point_gaps_tomorrow
from .quality import PERIODS, Rule, points_for_quality, quality_report
from .views import MANAGERS, _point

QUALITY_READERS = (Role.POSTAL_SUPERVISOR, Role.TRAINER, Role.ADMINISTRATOR)
DEFAULT_PERIOD = 90


def _period(request: HttpRequest) -> int:
    value = request.GET.get("ngay", "")
    return int(value) if value.isdigit() and int(value) in PERIODS else DEFAULT_PERIOD


@require_GET
@roles_required(QUALITY_READERS)
def quality(request: HttpRequest) -> HttpResponse:
    points = points_for_quality(user=request.user)
    code = request.GET.get("diem", "")
    chosen = points.filter(code=code) if code else points
    if code and not chosen.exists():
        raise Http404
    days = _period(request)
    rule = Rule.configured()
    context = {
        "rows": quality_report(points=chosen, days=days, rule=rule),
        "rule": rule,
        "days": days,
        "periods": PERIODS,
        "points": points,
        "point_code": code,
    }
    return render(request, "certification/quality.html", context)


@require_GET
@roles_required(MANAGERS)
def gaps(request: HttpRequest) -> HttpResponse:
    point, points = _point(request)
    context = {"gaps": point_gaps_tomorrow(point), "point": point, "points": points, "expiring_days": EXPIRING_DAYS}
    return render(request, "certification/gaps.html", context)
