"""Named audit events of certification (docs/training.md): issued, revoked, waiver granted."""

from __future__ import annotations

from typing import Any

from motcua.audit.services import audit_event_append

from .models import Certification, Waiver


def _certification_event(verb: str, certification: Certification, actor: Any, **payload: Any) -> None:
    audit_event_append(
        action=f"certification.{verb}",
        actor=actor,
        object_type="certification.certification",
        object_id=str(certification.pk),
        payload={
            "user": certification.user.get_username(),
            "stage": certification.stage_code,
            "field": certification.field.code,
            **payload,
        },
    )


def certification_issued(certification: Certification, actor: Any) -> None:
    _certification_event(
        "issued",
        certification,
        actor,
        valid_until=certification.valid_until.isoformat(),
        basis=certification.basis,
        basis_ref=certification.basis_ref,
        renews=certification.renewed_from_id,
    )


def certification_revoked(certification: Certification, actor: Any) -> None:
    _certification_event("revoked", certification, actor, reason=certification.revoke_reason)


def waiver_granted(waiver: Waiver, actor: Any) -> None:
    audit_event_append(
        action="certification.waiver_granted",
        actor=actor,
        object_type="certification.waiver",
        object_id=str(waiver.pk),
        payload={
            "user": waiver.user.get_username(),
            "stage": waiver.stage_code,
            "field": waiver.field.code if waiver.field else None,
            "starts": waiver.starts.isoformat(),
            "ends": waiver.ends.isoformat(),
            "reason": waiver.reason,
        },
    )
