"""The rating page, opened three ways: the signed link of the notification or of the public lookup
(``/danh-gia/<token>/``), and My dossiers (``/cong-dan/ho-so/<code>/danh-gia/``). Thin: parse, call
``dossier_rate``, render (docs/feedback.md)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.citizens.access import citizen_required, request_citizen
from motcua.citizens.selectors import citizen_dossier
from motcua.core.errors import ApplicationError
from motcua.dossiers.models import Dossier

from . import errors
from .forms import RatingForm
from .links import rating_token_code
from .models import RatingSource
from .services import dossier_rate, rating_check


def refused(request: HttpRequest, error: ApplicationError) -> HttpResponse:
    return render(request, "feedback/refused.html", {"error": error}, status=error.status)


def _rate(request: HttpRequest, dossier: Dossier, *, source: RatingSource) -> HttpResponse:
    now = timezone.now()
    try:
        existing = rating_check(dossier=dossier, now=now)
    except ApplicationError as error:
        current = getattr(dossier, "rating", None) if error.code == "rating_final" else None
        if current is not None:
            return render(request, "feedback/rate.html", {"dossier": dossier, "rating": current, "final": True})
        return refused(request, error)
    initial = {"score": existing.score, "reasons": existing.reasons, "comment": existing.comment} if existing else None
    form = RatingForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                dossier_rate(dossier=dossier, source=source, now=now, **form.cleaned_data)
            except ApplicationError as error:
                form.error_show(error)
            else:
                messages.success(request, _("Thank you: your rating has been recorded."))
                return redirect(request.path)
        status = 400
    context = {"dossier": dossier, "form": form, "rating": existing}
    return render(request, "feedback/rate.html", context, status=status)


@require_http_methods(["GET", "POST"])
def rate_by_link(request: HttpRequest, token: str) -> HttpResponse:
    code = rating_token_code(token)
    dossier = Dossier.objects.real().filter(code=code).first() if code else None
    if dossier is None:
        return refused(request, errors.rating_link_invalid())
    source = RatingSource.LOOKUP if request.GET.get("tu") == "tra-cuu" else RatingSource.LINK
    response = _rate(request, dossier, source=source)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
@citizen_required
def rate_mine(request: HttpRequest, code: str) -> HttpResponse:
    dossier = citizen_dossier(request_citizen(request), code[:60])
    if dossier is None:
        raise Http404
    return _rate(request, dossier, source=RatingSource.ACCOUNT)
