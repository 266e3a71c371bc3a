"""``/certifications``: the caller's own certifications (docs/training.md). Refusals of the gate itself answer 403
``certification_required`` on the dossier endpoints (the error carries its status)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from motcua.certification.pdf import verification_url
from motcua.certification.selectors import certification_state, certifications_of

from ..schemas.certification import CertificationOut
from ..schemas.problems import Problem

router = Router(tags=["certification"])


@router.get("", response={200: list[CertificationOut], 401: Problem}, summary="My certifications")
def certifications_mine(request: HttpRequest) -> Any:
    """Every certification of the caller, newest first within a stage and field, with its state today."""
    user: Any = request.auth  # type: ignore[attr-defined]
    return [
        {
            "id": c.pk,
            "stage_code": c.stage_code,
            "field_code": c.field.code,
            "field_name": c.field.name,
            "issued_at": c.issued_at,
            "valid_until": c.valid_until,
            "basis": c.basis,
            "state": certification_state(c),
            "verification_url": verification_url(c),
        }
        for c in certifications_of(user=user)
    ]
