"""Renewal by re-assessment: a passed exam of training issues, or renews, the certification it assesses."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from motcua.dossiers.models import OutboxMessage

from .catalogue import gated_stages
from .gate import valid_certifications
from .models import AssessmentKind
from .services import certification_assess


def on_attempt_passed(sender: Any, attempt: Any, **kwargs: Any) -> None:
    """``training.signals.attempt_passed``: certify the attempt's user for its blueprint's stage and field, in the
    attempt's transaction. An exam of a stage for every field (no field) certifies no field: a certification is
    for one stage and one field, so such an exam prepares but does not certify; nor does an exam of a stage
    postal staff do not perform."""
    blueprint = attempt.blueprint
    if blueprint.field_id is None or blueprint.stage_code not in gated_stages():
        return
    certification_assess(
        attempt.user,
        blueprint.stage_code,
        blueprint.field,
        kind=AssessmentKind.EXAM,
        reference=f"exam-attempt:{attempt.pk}",
        actor=None,
        at=attempt.submitted_at,
    )


REVIEW_TOPIC = "training.review_requested"


def on_material_refreshed(sender: Any, version: Any, stages: tuple[str, ...], lesson: int | None, **kwargs: Any) -> int:
    """``training.signals.material_refreshed``: ask each holder of a valid certification for ``stages`` in the
    version's field to review the new material, once per version and holder (the outbox key); how many were asked
    this time."""
    holders = valid_certifications().filter(field=version.procedure.field_id, stage_code__in=stages)
    asked = 0
    for user in get_user_model().objects.filter(pk__in=holders.values("user")).order_by("pk"):
        _message, created = OutboxMessage.objects.get_or_create(
            key=f"training:review:{version.pk}:{user.pk}",
            defaults={
                "topic": REVIEW_TOPIC,
                "payload": {
                    "user": user.get_username(),
                    "email": user.email,
                    "procedure": version.procedure.national_code,
                    "name": version.name,
                    "version": version.number,
                    "field": version.procedure.field.name,
                    "lesson": lesson,
                },
            },
        )
        asked += created
    return asked
