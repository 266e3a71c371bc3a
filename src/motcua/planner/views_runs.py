"""Pages of calibration and simulation runs, under /ke-hoach/ (planners of their province, administrators).

* ``hieu-chinh/``: choose a receiving point or a province and a period, see measured against planned per stage and
  per hour, and use the measures in a new version of a scenario ("Dùng số đo", POST).
* ``mo-phong/``: start a simulation run (scenario version, commune, day, days) and the recent runs;
  ``mo-phong/<id>/``: its progress (htmx asks again every second until it is over), Cancel, and the result with
  the wait distribution as server-side SVG.

Anything outside the user's planning scope answers 404, like what does not exist.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from motcua.agencies.models import ReceivingPoint
from motcua.core.errors import ApplicationError
from motcua.core.htmx import is_htmx
from motcua.desk.access import roles_required
from motcua.localities.models import Commune, Province

from . import errors
from .calibration import ARRIVALS, STAGE_PREFIX, calibration_apply, calibration_compare, calibration_measure
from .inputs import WEEKDAYS
from .models import ScenarioVersion
from .run_models import RunStatus, SimulationRun
from .runs import MAX_DAYS, simulation_run_cancel, simulation_run_get, simulation_run_start, simulation_runs_visible
from .selectors import PLANNING_ROLES, planning_scope, scenario_latest_version, scenarios_visible

planners_only = roles_required(PLANNING_ROLES)
DAY_FORMAT = "%d/%m/%Y"


def _day(text: str) -> date | None:
    try:
        return datetime.strptime(text.strip(), DAY_FORMAT).date() if text.strip() else None
    except ValueError:
        return None


# --- calibration -----------------------------------------------------------------------------------------------


def _points(request: HttpRequest) -> list[ReceivingPoint]:
    scope = planning_scope(user=request.user)
    points = ReceivingPoint.objects.select_related("commune").order_by("code")
    return list(points if scope.country else points.filter(commune__province_id__in=scope.provinces))


def _provinces(request: HttpRequest) -> list[Province]:
    scope = planning_scope(user=request.user)
    provinces = Province.objects.order_by("code")
    return list(provinces if scope.country else provinces.filter(code__in=scope.provinces))


def _latest_versions(request: HttpRequest, province: str | None = None) -> list[ScenarioVersion]:
    scenarios = scenarios_visible(user=request.user)
    if province:
        scenarios = scenarios.filter(province_id__in=[province]) | scenarios.filter(province__isnull=True)
    return [scenario_latest_version(scenario=scenario) for scenario in scenarios if scenario.versions.exists()]


@require_http_methods(["GET", "POST"])
@planners_only
def calibration(request: HttpRequest) -> HttpResponse:
    """Measured against planned, and "Dùng số đo" to use the measures in a new version."""
    data = request.POST if request.method == "POST" else request.GET
    point, province = data.get("point", "").strip(), data.get("province", "").strip()
    since, until = _day(data.get("since", "")), _day(data.get("until", ""))
    context: dict[str, Any] = {
        "points": _points(request),
        "provinces": _provinces(request),
        "chosen": {
            "point": point,
            "province": province,
            "since": data.get("since", ""),
            "until": data.get("until", ""),
        },
        "measures_chosen": set(data.getlist("measures")) or {ARRIVALS},
    }
    error: ApplicationError | None = None
    measured = comparison = None
    status = 200
    if point or province:
        try:
            measured = calibration_measure(
                user=request.user, point=point or None, province=None if point else province, since=since, until=until
            )
        except ApplicationError as problem:
            if problem.code == "planner_calibration_point_not_found":
                raise Http404 from None
            error, status = problem, problem.status
    if measured is not None:
        versions = _latest_versions(request, measured.province)
        context["versions"] = versions
        chosen = next((v for v in versions if str(v.scenario_id) == data.get("scenario", "")), None)
        version = chosen or (versions[0] if versions else None)
        if version is not None:
            comparison = calibration_compare(calibration=measured, version=version)
        if request.method == "POST" and version is not None:
            try:
                saved = calibration_apply(
                    actor=request.user,
                    scenario=version.scenario,
                    calibration=measured,
                    measures=data.getlist("measures"),
                )
            except ApplicationError as problem:
                error, status = problem, problem.status
            else:
                messages.success(
                    request,
                    _("Saved as version %(number)s of “%(name)s”.") % {"number": saved.number, "name": saved.scenario},
                )
                query = request.POST.urlencode()
                return redirect(f"{request.path}?{_without_token(query)}")
    context.update(
        measured=measured,
        comparison=comparison,
        error=error,
        weekdays=_weekday_labels(),
        stage_prefix=STAGE_PREFIX,
        arrivals=ARRIVALS,
    )
    return render(request, "planner/runs/calibration.html", context, status=status)


def _without_token(query: str) -> str:
    return "&".join(part for part in query.split("&") if not part.startswith("csrfmiddlewaretoken="))


def _weekday_labels() -> dict[int, str]:
    labels = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))
    return dict(enumerate(labels))


# --- simulation runs -------------------------------------------------------------------------------------------


class VersionField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.scenario} v{obj.number}"


class RunForm(forms.Form):
    version = VersionField(queryset=ScenarioVersion.objects.none(), label=gettext_lazy("Scenario"))
    commune = forms.CharField(label=gettext_lazy("Commune code"), max_length=5)
    day = forms.DateField(label=gettext_lazy("Day (its weekday is simulated)"), input_formats=[DAY_FORMAT])
    days = forms.IntegerField(label=gettext_lazy("Days to simulate"), min_value=1, max_value=MAX_DAYS, initial=1)

    def __init__(self, *args: Any, versions: list[ScenarioVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["version"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = ScenarioVersion.objects.filter(pk__in=[v.pk for v in versions]).select_related("scenario")


@require_http_methods(["GET", "POST"])
@planners_only
def runs(request: HttpRequest) -> HttpResponse:
    """Start a simulation run; the recent runs in the user's scope."""
    versions = _latest_versions(request)
    form = RunForm(request.POST or None, versions=versions)
    status = 200
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"]
        commune = Commune.objects.filter(code=form.cleaned_data["commune"].strip()).first()
        try:
            if commune is None:
                raise errors.run_commune_not_found(code=form.cleaned_data["commune"])
            run = simulation_run_start(
                actor=request.user,
                version=version,
                commune=commune,
                day=form.cleaned_data["day"],
                days=form.cleaned_data["days"],
            )
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.render())
        else:
            return redirect("planner:run", pk=run.pk)
    if request.method == "POST":
        status = 400
    recent = simulation_runs_visible(user=request.user)[:20]
    return render(request, "planner/runs/list.html", {"form": form, "runs": recent}, status=status)


def _run_or_404(request: HttpRequest, pk: int) -> SimulationRun:
    try:
        return simulation_run_get(user=request.user, pk=pk)
    except ApplicationError:
        raise Http404 from None


@require_http_methods(["GET"])
@planners_only
def run(request: HttpRequest, pk: int) -> HttpResponse:
    """A run's progress; htmx asks again every second until it is over; then its result."""
    found = _run_or_404(request, pk)
    result = found.result or {}
    context = {
        "run": found,
        "percent": round(found.progress * 100),
        "status_label": RunStatus(found.status).label,
        "result": result,
        "chart": wait_histogram_svg(result.get("histogram", []), result.get("target_wait_seconds", 0) / 60)
        if result
        else "",
        "day": date.fromisoformat(found.parameters["day"]) if found.parameters.get("day") else None,
        "weekday": WEEKDAYS,
    }
    template = "planner/runs/_run.html" if is_htmx(request) else "planner/runs/run.html"
    return render(request, template, context)


@require_POST
@planners_only
def run_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    found = _run_or_404(request, pk)
    try:
        simulation_run_cancel(run=found, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.render())
    return redirect("planner:run", pk=found.pk)


# --- the wait distribution as SVG ----------------------------------------------------------------------------

WIDTH, HEIGHT, MARGIN, AXIS = 560, 220, 24, 36
COLOURS = {"within": "#2e7d32", "beyond": "#c62828"}


def wait_histogram_svg(bins: list[dict[str, Any]], target_minutes: float) -> SafeString:
    """Bars of the share of served citizens per wait bin (``runs.wait_histogram``), the bins within the target
    wait in one colour and the others in another; each bar has its label and its share written out."""
    if not bins:
        return SafeString("")
    tallest = max(row["share"] for row in bins) or 1.0
    slot = (WIDTH - 2 * MARGIN) / len(bins)
    bars = []
    for index, row in enumerate(bins):
        height = (HEIGHT - AXIS - MARGIN) * row["share"] / tallest
        x = MARGIN + index * slot
        y = HEIGHT - AXIS - height
        within = row["high"] is not None and row["high"] <= target_minutes
        label = _bin_label(row)
        bars.append(
            (
                f"{x + 4:.1f}",
                f"{y:.1f}",
                f"{slot - 8:.1f}",
                f"{height:.1f}",
                "within" if within else "beyond",
                f"{label}: {row['count']} ({row['share']:.0%})",
                f"{x + slot / 2:.1f}",
                f"{HEIGHT - AXIS + 14:.1f}",
                label,
                f"{max(y - 4, 10):.1f}",
                f"{row['share']:.0%}",
            )
        )
    body = format_html_join(
        "",
        '<g class="bar bar--{}"><rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="11">{}</text>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="10">{}</text></g>',
        (
            (kind, x, y, width, height, COLOURS[kind], title, cx, ty, label, cx, vy, share)
            for x, y, width, height, kind, title, cx, ty, label, vy, share in bars
        ),
    )
    return format_html(
        '<svg class="wait-chart" viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#555"/>{}'
        '<text x="{}" y="{}" text-anchor="middle" font-size="11">{}</text></svg>',
        WIDTH,
        HEIGHT,
        _("Waits of the citizens served, by minutes waited"),
        MARGIN,
        HEIGHT - AXIS,
        WIDTH - MARGIN,
        HEIGHT - AXIS,
        body,
        WIDTH / 2,
        HEIGHT - 6,
        _("minutes waited"),
    )


def _bin_label(row: dict[str, Any]) -> str:
    if row["high"] == 0:
        return "0"
    if row["high"] is None:
        return f">{row['low']}"
    return f"{row['low']}–{row['high']}"
