"""The certificate as an A4 PDF, printed like the official slips (WeasyPrint, fonts from the system, no network).

It is issued in the name of the postal enterprise's provincial unit that operates the holder's receiving point: the
employer that trained and assessed the holder (docs/training.md, "Who issues the certificate"). Its QR code opens the
public verification page, which says whether it is still valid.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from motcua.agencies.models import Agency, StaffAssignment
from motcua.agencies.models.staff import POINT_ROLES
from motcua.dossiers.slips.context import qr_data_uri, signer
from motcua.dossiers.slips.formats import vn_date, vn_long_date

from .catalogue import gated_stages
from .models import Certification

# Vietnam Post: the public postal enterprise, when the holder works at no receiving point (an administrator).
POSTAL_ENTERPRISE = "Tổng công ty Bưu điện Việt Nam"


def verification_url(certification: Certification) -> str:
    """The public page that verifies ``certification``: what its QR code encodes."""
    path = reverse("certification:verify", args=[certification.token])
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}{path}"


def issuing_unit(certification: Certification) -> Agency | None:
    """The operator of the holder's receiving point (the provincial postal unit), or None."""
    assignment = (
        StaffAssignment.objects.filter(user=certification.user, role__in=POINT_ROLES, receiving_point__isnull=False)
        .select_related("receiving_point__operator")
        .order_by("-is_active", "pk")
        .first()
    )
    if assignment is None or assignment.receiving_point is None:
        return None
    return assignment.receiving_point.operator


def certificate_context(certification: Certification) -> dict[str, Any]:
    stage = gated_stages().get(certification.stage_code)
    unit = issuing_unit(certification)
    url = verification_url(certification)
    holder = certification.user
    return {
        "title": "GIẤY CHỨNG NHẬN",
        "kind": "certificate",
        "issuer": unit.name if unit is not None else POSTAL_ENTERPRISE,
        "issuer_sub": "",
        "number": f"{certification.pk:06d}/CN",
        "place_date": vn_long_date(certification.issued_at).capitalize(),
        "holder_name": holder.get_full_name() or holder.get_username(),
        "stage_name": stage.name_vi if stage is not None else certification.stage_code,
        "field_name": certification.field.name,
        "issued_on": vn_date(certification.issued_at),
        "valid_until": vn_date(certification.valid_until),
        "basis": certification.get_basis_display(),
        "verification_url": url,
        "qr": qr_data_uri(url),
        # Signed by the issuing unit's head, or his deputy on his behalf, from the unit's data: never whoever
        # pressed the button (the issuer of record stays in the audit trail).
        "signer": signer(unit) if unit is not None else {"lines": ["THỦ TRƯỞNG ĐƠN VỊ"], "name": ""},
    }


def certificate_pdf(certification: Certification) -> bytes:
    from weasyprint import HTML  # heavy import, only when printing
    from weasyprint.urls import URLFetcher

    with translation.override("vi"):
        html = render_to_string("certification/certificate.html", certificate_context(certification))
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    pdf = HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
    assert pdf is not None
    return bytes(pdf)
