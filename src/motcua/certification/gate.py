"""The gate: one rule, in the services, on whether a member of staff may do a stage's work for a field.

``TRAINING_GATE`` (docs/configuration.md): ``off`` lets everything through; ``warn`` lets it through and records a
:class:`~.models.GateGap`; ``enforce`` refuses with ``certification_required`` (403) unless a valid certification or
an active waiver covers the stage and the field.

Who is gated: whoever acts in a postal-staff stage holding a postal role (clerk, supervisor, postman) or the
administrator's. Administrators are not exempt: an administrator receiving at a counter needs the certificate like
anyone. Civil servants (agency specialists and leaders, one-stop supervisors) are not: the certificate is the
post's, for postal staff doing the one-stop work in the agency's place (docs/training.md). The machine (no user:
a carrier's tracking event, a command) is not gated either.

The dossier services ask through ``dossiers.checks.gate_refusal``, where :func:`dossier_gate` is registered when
this app loads (dossiers never imports the apps built on it, docs/architecture.md); an app built on certification
(the training sandbox) calls :func:`certification_gate` itself.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from motcua.agencies.models import Role
from motcua.agencies.models.staff import POINT_ROLES
from motcua.agencies.selectors import user_has_role
from motcua.core.errors import ApplicationError
from motcua.core.localtime import local_date
from motcua.procedures.models import Field

from . import errors
from .catalogue import GatedStage, gated_stages, stage_for
from .models import Certification, GateGap, Waiver

OFF, WARN, ENFORCE = "off", "warn", "enforce"
GATED_ROLES = (*POINT_ROLES, Role.ADMINISTRATOR)


def gate_mode() -> str:
    """``off``, ``warn`` or ``enforce``; any other value of the setting is read as ``enforce`` (fail closed)."""
    mode = str(getattr(settings, "TRAINING_GATE", OFF) or OFF).strip().lower()
    return mode if mode in (OFF, WARN) else ENFORCE


def user_is_gated(user: Any) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return user_has_role(user=user, roles=GATED_ROLES)


def valid_certifications(*, on: date | None = None):
    """Certifications not revoked and valid on ``on`` (today by default)."""
    day = on or local_date()
    return Certification.objects.filter(revoked_at__isnull=True, valid_until__gte=day, issued_at__date__lte=day)


def active_waivers(*, on: date | None = None):
    day = on or local_date()
    return Waiver.objects.filter(starts__lte=day, ends__gte=day)


def is_covered(*, user: Any, stage_code: str, field: Field, on: date | None = None) -> bool:
    """A valid certification for the stage and field, or an active waiver of the stage for that field or all."""
    if valid_certifications(on=on).filter(user=user, stage_code=stage_code, field=field).exists():
        return True
    return (
        active_waivers(on=on).filter(Q(field__isnull=True) | Q(field=field), user=user, stage_code=stage_code).exists()
    )


def _record_gap(*, user: Any, stage_code: str, field: Field, action: str, dossier: Any) -> None:
    now = timezone.now()
    try:
        with transaction.atomic():
            GateGap.objects.get_or_create(
                user=user,
                stage_code=stage_code,
                field=field,
                day=local_date(now),
                defaults={"action": action, "dossier_code": getattr(dossier, "code", "") or "", "at": now},
            )
    except IntegrityError:  # a concurrent first action of the day recorded it
        pass


def _stage(stage_code: str) -> GatedStage | None:
    return gated_stages().get(stage_code)


def certification_refusal(
    user: Any, stage_code: str, field: Field | None, *, action: str, dossier: Any = None, acting: bool = True
) -> ApplicationError | None:
    """The gate's answer: None to go ahead, else the ``certification_required`` error. ``acting`` False only asks
    (the offered actions): nothing is recorded."""
    mode = gate_mode()
    if mode == OFF or field is None or not user_is_gated(user):
        return None
    stage = _stage(stage_code)
    if stage is None or is_covered(user=user, stage_code=stage_code, field=field):
        return None
    if mode == WARN:
        if acting:
            _record_gap(user=user, stage_code=stage_code, field=field, action=action, dossier=dossier)
        return None
    return errors.certification_required(stage=stage.label, field=field.name)


def certification_gate(user: Any, stage_code: str, field: Field | None, *, action: str, dossier: Any = None) -> None:
    """Raise ``certification_required`` under ``enforce`` when nothing covers ``user`` for the stage and field;
    record the gap under ``warn``; nothing under ``off``."""
    refusal = certification_refusal(user, stage_code, field, action=action, dossier=dossier)
    if refusal is not None:
        raise refusal


def _field_of(*, version: Any, dossier: Any) -> Field | None:
    version = version or getattr(dossier, "procedure_version", None)
    return version.procedure.field if version is not None else None


def dossier_gate(
    *, user: Any, kind: str, name: str, version: Any, dossier: Any, acting: bool
) -> ApplicationError | None:
    """The gate as the dossier services ask it (``dossiers.checks.gate_refusal``): the event an action makes, the
    stage it belongs to read from the catalogue, the field that of the procedure (``version``'s, else the
    dossier's)."""
    if gate_mode() == OFF or not user_is_gated(user):
        return None
    stage = stage_for(kind=kind, name=name, dossier_status=getattr(dossier, "status", None))
    if stage is None:
        return None
    return certification_refusal(
        user, stage.code, _field_of(version=version, dossier=dossier), action=name, dossier=dossier, acting=acting
    )
