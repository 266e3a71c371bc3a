"""Pages of the stage catalogue (docs/stages.md): the list, a stage, its process sheet, the workbook, the import.

Read by planners, trainers, supervisors and the administrator; imported by the administrator only.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from motcua.agencies.models import Role
from motcua.agencies.roles import STAGE_READER_ROLES
from motcua.agencies.selectors import user_has_role
from motcua.core.errors import ApplicationError
from motcua.core.input_guard import stored_int
from motcua.desk.access import roles_required

from .codes import Indicator, slip_title
from .errors import StagesImportRejected
from .exchange import catalogue_export_xlsx, catalogue_import_xlsx
from .models import Boundary, CatalogueVersion, Stage
from .selectors import catalogue_current, catalogue_version_get, catalogue_versions, stage_get
from .sheets import process_sheet_pdf

READERS = STAGE_READER_ROLES
IMPORTERS = (Role.ADMINISTRATOR,)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _version(request: HttpRequest) -> CatalogueVersion:
    """The version asked for with ``?phien-ban=N``, else the published one; 404 when there is none."""
    number = request.GET.get("phien-ban", "")
    try:
        return (
            catalogue_version_get(number=wanted) if (wanted := stored_int(number)) is not None else catalogue_current()
        )
    except ApplicationError as error:
        raise Http404(error.render()) from error


def _stage(version: CatalogueVersion, code: str) -> Stage:
    try:
        return stage_get(code, version=version)
    except ApplicationError as error:
        raise Http404(error.render()) from error


@require_GET
@roles_required(READERS)
def catalogue(request: HttpRequest) -> HttpResponse:
    version = _version(request)
    return render(
        request,
        "stages/catalogue.html",
        {
            "version": version,
            "stages": list(version.stages.all()),
            "versions": catalogue_versions(),
            "language": get_language(),
            "may_import": user_has_role(user=request.user, roles=IMPORTERS),
        },
    )


@require_GET
@roles_required(READERS)
def stage(request: HttpRequest, code: str) -> HttpResponse:
    version = _version(request)
    found = _stage(version, code)
    events = list(found.events.all())
    context: dict[str, Any] = {
        "version": version,
        "stage": found,
        "name": found.name(get_language()),
        "steps": [(step, step.text(get_language())) for step in found.steps.all()],
        "start_events": [e for e in events if e.boundary == Boundary.START],
        "end_events": [e for e in events if e.boundary == Boundary.END],
        "slips": [(code, slip_title(code)) for code in found.slips],
        "indicators": [(c, Indicator(c).label if c in Indicator.values else c) for c in found.indicators],
    }
    return render(request, "stages/stage.html", context)


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_GET
@roles_required(READERS)
def stage_sheet_pdf(request: HttpRequest, code: str) -> HttpResponse:
    version = _version(request)
    found = _stage(version, code)
    return _pdf(process_sheet_pdf(version=version, stages=[found]), f"quy-trinh-{found.code}-v{version.number}.pdf")


@require_GET
@roles_required(READERS)
def catalogue_sheets_pdf(request: HttpRequest) -> HttpResponse:
    version = _version(request)
    return _pdf(
        process_sheet_pdf(version=version, stages=list(version.stages.all())), f"quy-trinh-v{version.number}.pdf"
    )


@require_GET
@roles_required(READERS)
def catalogue_xlsx(request: HttpRequest) -> HttpResponse:
    version = _version(request)
    response = HttpResponse(catalogue_export_xlsx(version), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="quy-trinh-v{version.number}.xlsx"'
    return response


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Workbook (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


@require_http_methods(["GET", "POST"])
@roles_required(IMPORTERS)
def catalogue_import(request: HttpRequest) -> HttpResponse:
    """Upload a workbook: a new draft, or the list of every problem with nothing written."""
    form = ImportForm(request.POST or None, request.FILES or None)
    issues: list[Any] = []
    error: ApplicationError | None = None
    if request.method == "POST" and form.is_valid():
        try:
            draft = catalogue_import_xlsx(
                form.cleaned_data["file"].read(), actor=request.user, note=form.cleaned_data["note"]
            )
        except StagesImportRejected as rejected:
            error, issues = rejected, rejected.issues
        except ApplicationError as refused:
            error = refused
        else:
            messages.success(request, _("Imported as draft version %(number)s.") % {"number": draft.number})
            return redirect("stages:import")
    status = 422 if error is not None else 200
    vi = (get_language() or "vi").startswith("vi")
    rows = [(issue, issue.message_vi if vi else issue.message_en) for issue in issues]
    return render(
        request,
        "stages/import.html",
        {"form": form, "error": error, "issues": rows, "versions": catalogue_versions()},
        status=status,
    )
