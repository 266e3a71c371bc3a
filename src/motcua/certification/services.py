"""Issue, renew and revoke certifications; grant waivers (docs/training.md, "Certification and the gate")."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from motcua.agencies.models import Role, StaffAssignment
from motcua.agencies.models.staff import POINT_ROLES
from motcua.agencies.selectors import user_has_role
from motcua.core.localtime import local_date
from motcua.procedures.models import Field

from . import audit, errors
from .catalogue import gated_stages
from .models import Assessment, AssessmentKind, Certification, CertificationBasis, Waiver

# A waiver bridges the time until the holder is assessed; a longer need is a certification's.
WAIVER_MAX_DAYS = 90


def valid_until_from(day: date) -> date:
    """The last valid day of a certification issued on ``day``: ``CERTIFICATION_VALID_MONTHS`` later, less a day."""
    return day + relativedelta(months=int(settings.CERTIFICATION_VALID_MONTHS)) - timedelta(days=1)


def stage_code_check(stage_code: str) -> str:
    if stage_code not in gated_stages():
        raise errors.stage_unknown(code=stage_code)
    return stage_code


def _latest(*, user: Any, stage_code: str, field: Field) -> Certification | None:
    return (
        Certification.objects.filter(user=user, stage_code=stage_code, field=field, revoked_at__isnull=True)
        .order_by("-issued_at", "-pk")
        .first()
    )


@transaction.atomic
def certification_issue(
    user: Any,
    stage_code: str,
    field: Field,
    *,
    basis: CertificationBasis | str,
    actor: Any,
    basis_ref: str = "",
    until: date | None = None,
    at: datetime | None = None,
) -> Certification:
    """Certify ``user`` for the stage and field from ``at`` (now) until ``until`` (``CERTIFICATION_VALID_MONTHS``
    by default). A certification still held for the same stage and field is renewed: the new one names it in
    ``renewed_from``. ``basis``: an exam passed (``basis_ref`` the attempt), a practical assessment signed off
    (the session), or an administrator's command. Audited."""
    stage_code_check(stage_code)
    now = at or timezone.now()
    today = local_date(now)
    last_day = until or valid_until_from(today)
    if last_day < today:
        raise errors.until_in_past(until=last_day.strftime("%d/%m/%Y"))
    certification = Certification.objects.create(
        user=user,
        stage_code=stage_code,
        field=field,
        issued_at=now,
        valid_until=last_day,
        issued_by=actor if getattr(actor, "pk", None) else None,
        basis=CertificationBasis(basis),
        basis_ref=str(basis_ref or ""),
        renewed_from=_latest(user=user, stage_code=stage_code, field=field),
    )
    audit.certification_issued(certification, actor)
    return certification


def needs_practice(stage_code: str) -> bool:
    """Whether the stage's certification needs a signed-off practice session as well as a passed exam."""
    return stage_code in settings.CERTIFICATION_PRACTICE_STAGES


@transaction.atomic
def certification_assess(
    user: Any,
    stage_code: str,
    field: Field,
    *,
    kind: AssessmentKind | str,
    reference: str,
    actor: Any,
    at: datetime | None = None,
) -> Certification | None:
    """Record evidence toward a certification (an exam passed, a practice session signed off; once per
    ``reference``) and certify when it is complete: the exam alone, or for a stage that needs practice
    (``CERTIFICATION_PRACTICE_STAGES``) the exam and the practice, each at most ``CERTIFICATION_EVIDENCE_MONTHS``
    old. Answers the certification issued, or None while the other half is missing. A renewal is assessed the same
    way."""
    stage_code_check(stage_code)
    now = at or timezone.now()
    kind = AssessmentKind(kind)
    evidence, _created = Assessment.objects.get_or_create(
        kind=kind,
        reference=reference,
        defaults={"user": user, "stage_code": stage_code, "field": field, "at": now},
    )
    if evidence.certification_id is not None:
        return evidence.certification
    wanted = [AssessmentKind.EXAM, AssessmentKind.PRACTICAL] if needs_practice(stage_code) else [AssessmentKind.EXAM]
    since = now - relativedelta(months=int(settings.CERTIFICATION_EVIDENCE_MONTHS))
    recent = Assessment.objects.filter(user=user, stage_code=stage_code, field=field, at__gte=since, at__lte=now)
    found = [recent.filter(kind=k).order_by("-at", "-pk").first() for k in wanted]
    if any(item is None for item in found):
        return None
    basis = CertificationBasis.PRACTICAL if kind == AssessmentKind.PRACTICAL else CertificationBasis.EXAM
    certification = certification_issue(user, stage_code, field, basis=basis, actor=actor, basis_ref=reference, at=now)
    Assessment.objects.filter(pk__in=[item.pk for item in found if item is not None]).update(
        certification=certification
    )
    return certification


@transaction.atomic
def certification_revoke(certification: Certification, *, reason: str, actor: Any) -> Certification:
    """Revoke ``certification`` for ``reason``: the gate no longer counts it, its verification page says so.
    ``actor``: a supervisor of the holder's point or an administrator; None for the operator's command. Audited."""
    reason = (reason or "").strip()
    if not reason:
        raise errors.reason_required()
    if actor is not None and not may_manage(actor=actor, holder=certification.user):  # None: the operator's command
        raise errors.not_permitted()
    locked = Certification.objects.select_for_update().get(pk=certification.pk)
    if locked.revoked_at is not None:
        raise errors.nothing_to_revoke(
            username=locked.user.get_username(), stage=locked.stage_code, field=locked.field.name
        )
    locked.revoked_at, locked.revoked_by, locked.revoke_reason = timezone.now(), actor, reason
    locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    audit.certification_revoked(locked, actor)
    return locked


def certifications_revoke(user: Any, stage_code: str, field: Field, *, reason: str, actor: Any) -> list[Certification]:
    """Revoke every certification ``user`` holds for the stage and field (what the command does)."""
    held = list(Certification.objects.filter(user=user, stage_code=stage_code, field=field, revoked_at__isnull=True))
    if not held:
        raise errors.nothing_to_revoke(username=user.get_username(), stage=stage_code, field=field.name)
    with transaction.atomic():
        return [certification_revoke(certification, reason=reason, actor=actor) for certification in held]


def _points_of(user: Any) -> Q:
    day = local_date()
    return Q(
        receiving_point__in=StaffAssignment.objects.filter(user=user, role__in=POINT_ROLES, is_active=True)
        .exclude(valid_from__gt=day)
        .exclude(valid_until__lt=day)
        .values("receiving_point")
    )


def may_manage(*, actor: Any, holder: Any) -> bool:
    """An administrator, or a postal supervisor of a receiving point where ``holder`` works."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    if user_has_role(user=actor, roles=(Role.ADMINISTRATOR,)):
        return True
    day = local_date()
    return (
        StaffAssignment.objects.filter(_points_of(holder), user=actor, role=Role.POSTAL_SUPERVISOR, is_active=True)
        .exclude(valid_from__gt=day)
        .exclude(valid_until__lt=day)
        .exists()
    )


@transaction.atomic
def waiver_grant(
    user: Any, stage_code: str, field: Field | None, *, starts: date, ends: date, reason: str, actor: Any
) -> Waiver:
    """Let ``user`` act without the certification (``field`` None: in every field) from ``starts`` to ``ends``, at
    most ``WAIVER_MAX_DAYS``, for ``reason``; granted by a supervisor of the user's point. Audited."""
    stage_code_check(stage_code)
    reason = (reason or "").strip()
    if not reason:
        raise errors.reason_required()
    if ends < starts or ends < local_date():
        raise errors.waiver_span_invalid()
    if (ends - starts).days + 1 > WAIVER_MAX_DAYS:
        raise errors.waiver_too_long(days=WAIVER_MAX_DAYS)
    if not may_manage(actor=actor, holder=user):
        raise errors.not_permitted()
    waiver = Waiver.objects.create(
        user=user, stage_code=stage_code, field=field, granted_by=actor, reason=reason, starts=starts, ends=ends
    )
    audit.waiver_granted(waiver, actor)
    return waiver
