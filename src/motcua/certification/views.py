"""Pages of certification (docs/training.md): my certificates and their PDF, the public verification page, the
supervisor's matrix of a point with its waivers and revocations."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.agencies.models import Role
from motcua.core.client_address import client_address
from motcua.core.errors import ApplicationError
from motcua.core.localtime import local_date
from motcua.desk.access import DESK_ROLES, roles_required

from .catalogue import gated_stages
from .forms import RevokeForm, WaiverForm
from .models import Certification
from .pdf import certificate_pdf
from .selectors import (
    certification_by_token,
    certification_state,
    certifications_of,
    point_matrix,
    point_staff,
    points_supervised,
)
from .services import certification_revoke, may_manage, waiver_grant

MANAGERS = (Role.POSTAL_SUPERVISOR, Role.ADMINISTRATOR)
VERIFY_MAX_FAILURES = 20
VERIFY_WINDOW_SECONDS = 10 * 60


def _stage_name(code: str, language: str) -> str:
    stage = gated_stages().get(code)
    if stage is None:
        return code
    return stage.name_en if language.startswith("en") else stage.name_vi


@require_GET
@roles_required(DESK_ROLES)
def mine(request: HttpRequest) -> HttpResponse:
    language = get_language() or "vi"
    today = local_date()
    rows = [
        {"certification": c, "stage": _stage_name(c.stage_code, language), "state": certification_state(c, today=today)}
        for c in certifications_of(user=request.user)
    ]
    return render(request, "certification/mine.html", {"rows": rows})


@require_GET
@roles_required(DESK_ROLES)
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    certification = get_object_or_404(Certification.objects.select_related("user", "field"), pk=pk)
    if certification.user != request.user and not may_manage(actor=request.user, holder=certification.user):
        raise Http404
    response = HttpResponse(certificate_pdf(certification), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="chung-chi-{certification.pk}.pdf"'
    return response


# --- the public verification page ------------------------------------------------------------------------------


def _failure_key(request: HttpRequest) -> str:
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"certification:verify:failures:{digest}"


@require_GET
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """What a certificate's QR code opens, without sign-in: the holder's name, the stage, the field and the
    validity, or that it was revoked or has expired; nothing else. Only its exact token finds a certificate, and a
    client that tries many wrong tokens is turned away for a while, like the public lookup."""
    key = _failure_key(request)
    if int(cache.get(key) or 0) >= VERIFY_MAX_FAILURES:
        response = render(request, "certification/verify.html", {"blocked": True}, status=429)
    else:
        certification = certification_by_token(token)
        if certification is None:
            cache.add(key, 0, timeout=VERIFY_WINDOW_SECONDS)
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=VERIFY_WINDOW_SECONDS)
            raise Http404
        language = get_language() or "vi"
        holder = certification.user
        response = render(
            request,
            "certification/verify.html",
            {
                "holder": holder.get_full_name() or holder.get_username(),
                "stage": _stage_name(certification.stage_code, language),
                "field": certification.field.name,
                "issued_at": certification.issued_at,
                "valid_until": certification.valid_until,
                "state": certification_state(certification),
            },
        )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


# --- the supervisor's matrix -------------------------------------------------------------------------------------


def _point(request: HttpRequest) -> Any:
    points = points_supervised(user=request.user)
    code = request.GET.get("diem") or request.POST.get("diem") or ""
    point = points.filter(code=code).first() if code else points.first()
    if point is None:
        raise Http404
    return point, points


@require_http_methods(["GET", "POST"])
@roles_required(MANAGERS)
def matrix(request: HttpRequest) -> HttpResponse:
    point, points = _point(request)
    staff = list(point_staff(point))
    language = get_language() or "vi"
    form = WaiverForm(request.POST or None, staff=staff, language=language, initial={"starts": local_date()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            waiver_grant(
                form.staff[data["user"]],
                data["stage"],
                data["field"],
                starts=data["starts"],
                ends=data["ends"],
                reason=data["reason"],
                actor=request.user,
            )
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.render())
        else:
            messages.success(request, _("The waiver is granted."))
            return redirect(f"{request.path}?diem={point.code}")
    context = {
        "point": point,
        "points": points,
        "matrix": point_matrix(point),
        "form": form,
        "language": language,
        "held": _held_by_staff(staff),
    }
    return render(request, "certification/matrix.html", context)


def _held_by_staff(staff: list[Any]) -> list[Certification]:
    today = local_date()
    return [
        c
        for c in Certification.objects.filter(user__in=staff, revoked_at__isnull=True, valid_until__gte=today)
        .select_related("user", "field")
        .order_by("user__username", "stage_code", "field__name")
    ]


@require_POST
@roles_required(MANAGERS)
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    certification = get_object_or_404(Certification.objects.select_related("user", "field"), pk=pk)
    if not may_manage(actor=request.user, holder=certification.user):
        raise PermissionDenied
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A reason is required."))
    else:
        try:
            certification_revoke(certification, reason=form.cleaned_data["reason"], actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.render())
        else:
            messages.success(request, _("The certification is revoked."))
    return redirect(f"{reverse('certification:matrix')}?diem={request.POST.get('diem', '')}")
