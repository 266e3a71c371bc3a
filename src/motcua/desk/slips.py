"""A dossier's official slips as PDF, for whoever may see the dossier (out of scope: 404)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from motcua.dossiers.privacy import slip_readable
from motcua.dossiers.selectors import dossier_content_readable
from motcua.dossiers.slips import SLIP_KINDS, SlipUnavailable, slip_pdf

from .access import DESK_ROLES, dossier_or_404, roles_required

# The register (07) covers many dossiers: supervision prints it for a period.
PER_DOSSIER = tuple(kind for kind in SLIP_KINDS if kind != "07")


def pdf_response(pdf: bytes, *, filename: str, download: bool = False) -> HttpResponse:
    """PDF bytes shown in the browser (ready to print), or saved with ``download``."""
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@xframe_options_sameorigin  # the receipt page frames slip 01 to print it in one click
@roles_required(DESK_ROLES)
def dossier_slip(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    if kind not in PER_DOSSIER:
        raise Http404
    dossier = dossier_or_404(request, code)
    if not slip_readable(kind, complete=dossier_content_readable(user=request.user, dossier=dossier)):
        raise PermissionDenied
    try:
        # Printing is issuing: a new receipt owed is recorded as issued by whoever prints it.
        pdf = slip_pdf(kind=kind, dossier=dossier, actor=request.user)
    except SlipUnavailable:
        raise Http404 from None
    return pdf_response(pdf, filename=f"{dossier.code}-mau-{kind}.pdf", download="download" in request.GET)
