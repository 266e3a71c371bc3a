"""A province's plan as Excel (the planner's workbook, importable back) and its model-project report as PDF."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from motcua.core.errors import ApplicationError

from ..exchange.plan import plan_workbook
from ..model.plan import plan_run
from ..report import report_pdf
from ..scenarios import version_sources
from .common import Shown, planners_only, province_or_404, shown_scenario

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _shown(request: HttpRequest, code: str) -> Shown:
    shown = shown_scenario(request, province=code)
    if shown.version is None:
        raise Http404
    return shown


def _name(shown: Shown, code: str, kind: str) -> str:
    assert shown.scenario is not None and shown.version is not None
    return f"{kind}-{code}-kb{shown.scenario.pk}-v{shown.version.number}"


@planners_only
def plan_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    province_or_404(request, code)
    shown = _shown(request, code)
    inputs = shown.inputs
    try:
        plan = plan_run(inputs, province=code)
    except ApplicationError as error:
        return HttpResponse(error.render(), status=422, content_type="text/plain; charset=utf-8")
    assert shown.version is not None
    body = plan_workbook(plan, inputs, version_sources(shown.version))
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_name(shown, code, "ke-hoach")}.xlsx"'
    return response


@planners_only
def report_pdf_view(request: HttpRequest, code: str) -> HttpResponse:
    province = province_or_404(request, code)
    shown = _shown(request, code)
    try:
        body = report_pdf(province=province, shown=shown)
    except ApplicationError as error:
        return HttpResponse(error.render(), status=422, content_type="text/plain; charset=utf-8")
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_name(shown, code, "de-an")}.pdf"'
    return response
