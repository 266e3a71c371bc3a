"""The trainer's pages: lessons (Markdown with preview and images), banks (import, export), blueprints, results
and statistics per question, cohort progress by province and receiving point."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from motcua.core.errors import ApplicationError
from motcua.desk.access import roles_required
from motcua.stages.models import StageCode

from .. import rendering
from ..errors import TrainingImportRejected
from ..exam_statistics import blueprint_statistics
from ..exchange import questions_export, questions_import_file
from ..lessons import lesson_image_add, lesson_save
from ..models import ExamBlueprint, Lesson, QuestionBank
from ..selectors import banks_with_counts, cohort_progress
from .access import AUTHORS
from .forms import BlueprintForm, ImageForm, ImportForm, LessonForm, RuleFormSet
from .trainee import image_url


@require_GET
@roles_required(AUTHORS)
def lessons(request: HttpRequest) -> HttpResponse:
    return render(request, "training/lessons.html", {"lessons": Lesson.objects.select_related("field")})


@require_http_methods(["GET", "POST"])
@roles_required(AUTHORS)
def lesson_edit(request: HttpRequest, lesson_id: int | None = None) -> HttpResponse:
    found = get_object_or_404(Lesson, pk=lesson_id) if lesson_id else None
    form = LessonForm(request.POST if "save" in request.POST or "preview" in request.POST else None, instance=found)
    image_form = ImageForm(request.POST if "upload" in request.POST else None, request.FILES or None)
    preview = None
    if request.method == "POST" and found is not None and "upload" in request.POST and image_form.is_valid():
        try:
            lesson_image_add(
                lesson=found,
                upload=image_form.cleaned_data["image"],
                caption=image_form.cleaned_data["caption"],
                actor=request.user,
            )
        except ApplicationError as error:
            image_form.add_error("image", error.render())
        else:
            return redirect("training:lesson_edit", lesson_id=found.pk)
    elif request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = rendering.markdown_html(form.cleaned_data["body"], image_url=image_url)
        else:
            saved = lesson_save(lesson=found, actor=request.user, **form.cleaned_data)
            messages.success(request, _("The lesson is saved."))
            return redirect("training:lesson_edit", lesson_id=saved.pk)
    return render(
        request,
        "training/lesson_edit.html",
        {
            "lesson": found,
            "form": form,
            "image_form": image_form,
            "preview": preview,
            "images": list(found.images.all()) if found else [],
        },
    )


def _import(request: HttpRequest, bank: QuestionBank | None) -> tuple[ImportForm, ApplicationError | None, list]:
    form = ImportForm(request.POST or None, request.FILES or None)
    error: ApplicationError | None = None
    issues: list = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = questions_import_file(
                name=upload.name,
                data=upload.read(),
                bank_name=bank.name if bank else "",
                stage_code=form.cleaned_data["stage_code"],
            )
        except TrainingImportRejected as rejected:
            error, issues = rejected, rejected.issues
        except ApplicationError as refused:
            error = refused
        else:
            messages.success(request, _("Imported %(count)s questions.") % {"count": result.questions})
    return form, error, issues


@require_http_methods(["GET", "POST"])
@roles_required(AUTHORS)
def banks(request: HttpRequest) -> HttpResponse:
    form, error, issues = _import(request, None)
    if request.method == "POST" and error is None and form.is_valid():
        return redirect("training:banks")
    return render(
        request,
        "training/banks.html",
        {
            "banks": banks_with_counts(),
            "form": form,
            "error": error,
            "issues": issues,
            "blueprints": ExamBlueprint.objects.select_related("field"),
        },
        status=422 if error else 200,
    )


@require_http_methods(["GET", "POST"])
@roles_required(AUTHORS)
def bank(request: HttpRequest, bank_id: int) -> HttpResponse:
    found = get_object_or_404(QuestionBank, pk=bank_id)
    form, error, issues = _import(request, found)
    if request.method == "POST" and error is None and form.is_valid():
        return redirect("training:bank", bank_id=found.pk)
    return render(
        request,
        "training/bank.html",
        {
            "bank": found,
            "questions": found.questions.all(),
            "form": form,
            "error": error,
            "issues": issues,
        },
        status=422 if error else 200,
    )


@require_GET
@roles_required(AUTHORS)
def bank_export(request: HttpRequest, bank_id: int, file_format: str) -> HttpResponse:
    if file_format not in ("gift", "xml"):
        raise Http404
    found = get_object_or_404(QuestionBank, pk=bank_id)
    content = questions_export(banks=[found], file_format=file_format)
    kind = "application/xml" if file_format == "xml" else "text/plain; charset=utf-8"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = (
        f'attachment; filename="bank-{found.pk}.{"xml" if file_format == "xml" else "gift"}"'
    )
    return response


@require_http_methods(["GET", "POST"])
@roles_required(AUTHORS)
def blueprint_edit(request: HttpRequest, blueprint_id: int | None = None) -> HttpResponse:
    found = get_object_or_404(ExamBlueprint, pk=blueprint_id) if blueprint_id else None
    form = BlueprintForm(request.POST or None, instance=found)
    rules = RuleFormSet(request.POST or None, instance=found or ExamBlueprint())
    if request.method == "POST" and form.is_valid() and rules.is_valid():
        with transaction.atomic():
            saved = form.save()
            rules.instance = saved
            rules.save()
        messages.success(request, _("The exam is saved."))
        return redirect("training:blueprint_edit", blueprint_id=saved.pk)
    return render(request, "training/blueprint_edit.html", {"blueprint": found, "form": form, "rules": rules})


@require_GET
@roles_required(AUTHORS)
def results(request: HttpRequest, blueprint_id: int) -> HttpResponse:
    found = get_object_or_404(ExamBlueprint, pk=blueprint_id)
    return render(
        request,
        "training/results.html",
        {
            "blueprint": found,
            "statistics": blueprint_statistics(blueprint=found),
            "attempts": found.attempts.select_related("user").order_by("-started_at")[:200],
        },
    )


@require_GET
@roles_required(AUTHORS)
def cohort(request: HttpRequest) -> HttpResponse:
    stages, rows = cohort_progress()
    labels = [StageCode(code).label for code in stages]
    return render(request, "training/cohort.html", {"stages": labels, "rows": rows})
