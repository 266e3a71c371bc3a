"""The filer's steps as pages, shared by the citizen (``/cong-dan/nop-truc-tuyen/…``) and the clerk filing for a
citizen with their consent (``/quay/ho-tro-nop/…``): the same forms, the same services, other URLs.

procedure and receiving point → applicant → papers → result and fees → review → submit. Every step saves what is
valid when it is sent, so nothing already sent is lost (a closed tab, a lost connection, a new session)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from motcua.citizens.selectors import citizen_documents
from motcua.core.errors import ApplicationError
from motcua.core.localtime import local_date
from motcua.desk.files import stored_file_response
from motcua.dossiers.models import ReturnMethod
from motcua.postal.tariffs import return_postage_quote
from motcua.procedures.eform import version_eform_fields
from motcua.procedures.fees import FeeQuote
from motcua.procedures.models import Component

from . import services
from .eform import ApplicantForm, declared_values, stored_initial
from .forms import PapersForm, PointForm, ResultForm
from .lifecycle import EDITABLE
from .models import OnlineSubmission
from .selectors import points_offered

STEPS = (
    ("thu-tuc", _("Procedure and receiving point")),
    ("nguoi-nop", _("Applicant")),
    ("giay-to", _("Papers")),
    ("ket-qua", _("Result and fees")),
    ("xem-lai", _("Review and submit")),
)
SLUGS = [slug for slug, _label in STEPS]


@dataclass(frozen=True)
class Route:
    """Whose pages these are: the citizen's (``prefix`` "") or the helping clerk's ("assist_")."""

    prefix: str
    actor: Any

    def name(self, what: str) -> str:
        return f"submissions:{self.prefix}{what}"

    def step(self, submission: OnlineSubmission, slug: str) -> str:
        return reverse(self.name("step"), args=[submission.reference, slug])


def _context(submission: OnlineSubmission, route: Route, slug: str, **extra: Any) -> dict[str, Any]:
    index = SLUGS.index(slug)
    return {
        "submission": submission,
        "version": submission.procedure_version,
        "steps": [
            {"slug": s, "label": label, "number": i + 1, "current": s == slug, "url": route.step(submission, s)}
            for i, (s, label) in enumerate(STEPS)
        ],
        "step": slug,
        "step_number": index + 1,
        "step_label": STEPS[index][1],
        "editable": submission.status in EDITABLE,
        "route": route,
        "assisted": route.prefix == "assist_",
        "detail_url": reverse(route.name("detail"), args=[submission.reference]),
        "submit_url": reverse(route.name("submit"), args=[submission.reference]),
        "paper_url": route.name("paper"),
        "paper_remove_url": route.name("paper_remove"),
        **extra,
    }


def _after_save(request: HttpRequest, submission: OnlineSubmission, route: Route, slug: str) -> HttpResponse:
    """On to the next step ("Save and continue"), or back to this one with "Saved"."""
    index = SLUGS.index(slug)
    if "continue" in request.POST and index + 1 < len(SLUGS):
        return redirect(route.step(submission, SLUGS[index + 1]))
    messages.success(request, _("Saved."))
    return redirect(route.step(submission, slug))


def step_page(request: HttpRequest, submission: OnlineSubmission, slug: str, route: Route) -> HttpResponse:
    if slug not in SLUGS:
        raise Http404
    if request.method == "POST" and submission.status not in EDITABLE:
        messages.error(request, _("This submission can no longer be changed."))
        return redirect(route.step(submission, slug))
    handler = {
        "thu-tuc": _procedure_step,
        "nguoi-nop": _applicant_step,
        "giay-to": _papers_step,
        "ket-qua": _result_step,
        "xem-lai": _review_step,
    }[slug]
    return handler(request, submission, route)


def _procedure_step(request: HttpRequest, submission: OnlineSubmission, route: Route) -> HttpResponse:
    points = list(points_offered())
    initial = {"receiving_point": str(submission.receiving_point_id or "")}
    form = PointForm(request.POST if request.method == "POST" else None, points=points, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_point_choose(submission=submission, point_id=form.point_id())
        except ApplicationError as error:
            form.add_error("receiving_point", error.render())
        else:
            return _after_save(request, submission, route, "thu-tuc")
    components = list(submission.procedure_version.components.order_by("order"))
    context = _context(submission, route, "thu-tuc", form=form, components=components)
    return render(request, "submissions/step_procedure.html", context)


def _applicant_step(request: HttpRequest, submission: OnlineSubmission, route: Route) -> HttpResponse:
    declared_fields = version_eform_fields(submission.procedure_version)
    form = ApplicantForm(
        request.POST if request.method == "POST" else None,
        id_number=submission.id_number,
        declared_fields=declared_fields,
        initial=stored_initial(submission.form_data, declared_fields),
    )
    if request.method == "POST":
        valid = form.is_valid()
        submission = services.submission_applicant_save(submission=submission, data=form.stored())
        if valid:
            return _after_save(request, submission, route, "nguoi-nop")
    context = _context(submission, route, "nguoi-nop", form=form, id_number=submission.id_number)
    return render(request, "submissions/step_applicant.html", context)


def _usable_documents(submission: OnlineSubmission) -> list[Any]:
    today = local_date()
    if submission.owner is None:
        return []
    documents = citizen_documents(submission.owner).order_by("-created_at")[:100]
    return [d for d in documents if d.valid_until is None or d.valid_until >= today]


def _papers_step(request: HttpRequest, submission: OnlineSubmission, route: Route) -> HttpResponse:
    components = list(submission.procedure_version.components.order_by("order"))
    bound = request.method == "POST"
    form = PapersForm(
        request.POST if bound else None,
        request.FILES if bound else None,
        components=components,
        documents=_usable_documents(submission),
    )
    if bound and form.is_valid():
        _papers_save(form, submission, components)
        if not form.errors:
            return _after_save(request, submission, route, "giay-to")
    papers = list(submission.papers.select_related("component", "document"))
    held = {paper.component_id: paper for paper in papers}
    rows = [{**row, "paper": held.get(row["component"].pk)} for row in form.rows()]
    extra = [paper for paper in papers if paper.component_id is None]
    context = _context(submission, route, "giay-to", form=form, rows=rows, extra_papers=extra)
    return render(request, "submissions/step_papers.html", context)


def _papers_save(form: PapersForm, submission: OnlineSubmission, components: list[Component]) -> None:
    """Keep each paper sent that passes its checks; a refused one gets its error beside it, the others are kept."""
    data = form.cleaned_data
    for component in components:
        upload, reuse = data.get(f"file_{component.pk}"), data.get(f"reuse_{component.pk}")
        try:
            if upload:
                services.submission_paper_upload(submission=submission, upload=upload, component_id=component.pk)
            elif reuse:
                services.submission_paper_reuse(submission=submission, component_id=component.pk, document_uid=reuse)
        except ApplicationError as error:
            form.add_error(f"reuse_{component.pk}" if reuse and not upload else f"file_{component.pk}", error.render())
    if data.get("extra_file"):
        if not (data.get("extra_label") or "").strip():
            form.add_error("extra_label", _("Name the paper this file is."))
            return
        try:
            services.submission_paper_upload(
                submission=submission, upload=data["extra_file"], label=data["extra_label"]
            )
        except ApplicationError as error:
            form.add_error("extra_file", error.render())


def _result_initial(submission: OnlineSubmission, form: ResultForm) -> None:
    lines = submission.fee_lines
    form.initial.update(
        return_method=submission.return_method or ReturnMethod.COUNTER,
        return_commune=submission.return_commune_id or submission.form_data.get("applicant_commune", ""),
        return_address=submission.return_address or submission.form_data.get("applicant_address", ""),
    )
    for index, group in enumerate(form.choices.groups, start=1):
        chosen = [fee.pk for fee in group if str(fee.pk) in lines]
        if chosen:
            form.initial[f"fee_group_{index}"] = chosen[0]
    for fee in form.choices.lines:
        if str(fee.pk) in lines and f"fee_units_{fee.pk}" in form.fields:
            form.initial[f"fee_units_{fee.pk}"] = lines[str(fee.pk)]


def postage_for(submission: OnlineSubmission, commune: Any) -> tuple[int | None, str]:
    """The postage of returning the result by post from the receiving point to ``commune`` (the post's tariff), or
    None and why."""
    point = submission.receiving_point
    if point is None:
        return None, ""
    try:
        return return_postage_quote(point=point, commune=commune).price, ""
    except ApplicationError as error:
        return None, error.render()


def _result_step(request: HttpRequest, submission: OnlineSubmission, route: Route) -> HttpResponse:
    version = submission.procedure_version
    form = ResultForm(request.POST if request.method == "POST" else None, version=version)
    _result_initial(submission, form)
    if request.method == "POST" and form.is_valid():
        commune = form.commune()
        method = form.cleaned_data["return_method"]
        postage = postage_for(submission, commune)[0] if method == ReturnMethod.POST else None
        try:
            services.submission_result_save(
                submission=submission,
                return_method=method,
                commune=commune,
                address=form.cleaned_data.get("return_address") or "",
                postage=postage,
                fee_lines=form.fee_lines(),
            )
        except ApplicationError as error:
            form.add_error(None, error.render())
        else:
            return _after_save(request, submission, route, "ket-qua")
    postage, postage_error = postage_for(submission, submission.return_commune)
    context = _context(
        submission,
        route,
        "ket-qua",
        form=form,
        fixed_fees=form.choices.fixed,
        postage=postage,
        postage_error=postage_error,
    )
    return render(request, "submissions/step_result.html", context)


def quote_or_none(submission: OnlineSubmission) -> FeeQuote | None:
    try:
        return services.submission_quote(submission)
    except ApplicationError:
        return None


def _review_step(request: HttpRequest, submission: OnlineSubmission, route: Route) -> HttpResponse:
    declared_fields = version_eform_fields(submission.procedure_version)
    context = _context(
        submission,
        route,
        "xem-lai",
        problems=[p.render() for p in services.submission_problems(submission)],
        quote=quote_or_none(submission),
        papers=list(submission.papers.select_related("component", "document")),
        initial=stored_initial(submission.form_data, declared_fields),
        declared=declared_values(submission.form_data, declared_fields),
    )
    return render(request, "submissions/step_review.html", context)


def submit(request: HttpRequest, submission: OnlineSubmission, route: Route) -> HttpResponse:
    """POST only. Submitting again (a double click, a retried request) lands on the same page, submitted once."""
    try:
        services.submission_submit(submission=submission, actor=route.actor)
    except ApplicationError as error:
        messages.error(request, error.render())
        return redirect(route.step(submission, "xem-lai"))
    messages.success(request, _("Submitted. The one-stop will check it; you will be notified of its decision."))
    return redirect(reverse(route.name("detail"), args=[submission.reference]))


def paper_file(submission: OnlineSubmission, paper_id: int | None) -> HttpResponseBase:
    """An uploaded paper of this submission, served privately (never a page of the site)."""
    paper = submission.papers.filter(pk=paper_id).first() if paper_id is not None else None
    if paper is None or not paper.file:
        raise Http404
    return stored_file_response(paper.file, filename=paper.original_name or None)


def paper_remove(
    request: HttpRequest, submission: OnlineSubmission, paper_id: int | None, route: Route
) -> HttpResponse:
    try:
        services.submission_paper_remove(submission=submission, paper_id=paper_id or 0)
    except ApplicationError as error:
        messages.error(request, error.render())
    else:
        messages.success(request, _("Paper removed."))
    return redirect(route.step(submission, "giay-to"))
