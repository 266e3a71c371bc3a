"""Renewal by re-assessment: a passed exam of training issues, or renews, the certification it assesses."""

from __future__ import annotations

from typing import Any

from .catalogue import gated_stages
from .models import CertificationBasis
from .services import certification_issue


def on_attempt_passed(sender: Any, attempt: Any, **kwargs: Any) -> None:
    """``training.signals.attempt_passed``: certify the attempt's user for its blueprint's stage and field, in the
    attempt's transaction. An exam of a stage for every field (no field) certifies no field: a certification is
    for one stage and one field, so such an exam prepares but does not certify; nor does an exam of a stage
    postal staff do not perform."""
    blueprint = attempt.blueprint
    if blueprint.field_id is None or blueprint.stage_code not in gated_stages():
        return
    certification_issue(
        attempt.user,
        blueprint.stage_code,
        blueprint.field,
        basis=CertificationBasis.EXAM,
        basis_ref=f"exam-attempt:{attempt.pk}",
        actor=None,
        at=attempt.submitted_at,
    )
