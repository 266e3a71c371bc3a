"""The practice session: start, score, sign off (docs/training.md, "The sandbox")."""

from __future__ import annotations

import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.agencies.models import ReceivingPoint, Role
from motcua.agencies.selectors import user_ids_at_point
from motcua.certification.models import AssessmentKind
from motcua.certification.services import certification_assess
from motcua.core.localtime import local_date
from motcua.procedures.models import Field
from motcua.stages.events import RECEIVE

from . import audit, errors
from .cases import case_drafts
from .models import PracticeCase, PracticeSession
from .points import practise_at, training_point_for
from .scoring import PASS_MARK, case_observe, case_points

MIN_CASES, MAX_CASES = 1, 20


@transaction.atomic
def session_start(
    *, trainee: Any, point: ReceivingPoint, field: Field, count: int, rng: random.Random | None = None
) -> PracticeSession:
    """Generate ``count`` cases of ``field`` for ``trainee`` of ``point`` and assign them to its training point."""
    if point.is_training:
        raise errors.no_point()
    if not MIN_CASES <= count <= MAX_CASES:
        raise errors.cases_count_invalid(low=MIN_CASES, high=MAX_CASES)
    now = timezone.now()
    drafts = case_drafts(field_=field, count=count, rng=rng or random.SystemRandom(), today=local_date(now))
    if not drafts:
        raise errors.no_procedure(field=field.name)
    training = training_point_for(point)
    practise_at(user=trainee, training_point=training)
    session = PracticeSession.objects.create(
        trainee=trainee, point=point, training_point=training, field=field, started_at=now
    )
    PracticeCase.objects.bulk_create(
        PracticeCase(
            session=session,
            order=order,
            kind=draft.kind,
            version=draft.version,
            applicant=draft.applicant,
            story=draft.story,
            handed=draft.handed,
            key=draft.key,
        )
        for order, draft in enumerate(drafts, start=1)
    )
    audit.session_started(session, trainee)
    return session


@transaction.atomic
def session_score(*, session: PracticeSession) -> PracticeSession:
    """Score every case from what the trainee did so far; the session's score once every case is done."""
    if session.signed_off_at is not None:
        return session
    cases = list(session.cases.select_related("session__training_point", "session__trainee", "version"))
    for case in cases:
        observed = case_observe(case)
        if not observed:
            case.score, case.details = None, {}
            continue
        case.observed = observed
        case.details = case_points(case.key, observed)
        case.score = sum(case.details.values())
        case.save(update_fields=["observed", "dossier", "score", "details"])
    done = [c.score for c in cases if c.score is not None]
    session.score = round(sum(done) / len(done)) if done and len(done) == len(cases) else None
    session.save(update_fields=["score"])
    return session


def session_passed(session: PracticeSession) -> bool:
    return session.score is not None and session.score >= PASS_MARK


def may_sign_off(*, user: Any, session: PracticeSession) -> bool:
    """A postal supervisor of the trainee's own point, not the trainee."""
    if user.pk == session.trainee_id:
        return False
    return user_ids_at_point(point=session.point, role=Role.POSTAL_SUPERVISOR).filter(user_id=user.pk).exists()


@transaction.atomic
def session_sign_off(*, session: PracticeSession, actor: Any) -> PracticeSession:
    """The supervisor who observed the session signs it off: a passing session is the practical half of the
    reception certificate in the session's field; with a passed exam it certifies the trainee
    (``certification_assess``). Audited."""
    session = PracticeSession.objects.select_for_update().get(pk=session.pk)
    if actor.pk == session.trainee_id:
        raise errors.own_session()
    if not may_sign_off(user=actor, session=session):
        raise errors.not_supervisor()
    if session.signed_off_at is not None:
        raise errors.already_signed_off()
    session = session_score(session=session)
    left = session.cases.filter(score__isnull=True).count()
    if left:
        raise errors.session_unfinished(left=left)
    if not session_passed(session):
        raise errors.session_not_passed(score=session.score or 0, mark=PASS_MARK)
    # The practice is half of a reception certificate; the exam passed is the other (certification_assess).
    session.certification = certification_assess(
        session.trainee,
        RECEIVE,
        session.field,
        kind=AssessmentKind.PRACTICAL,
        reference=f"practice-session:{session.pk}",
        actor=actor,
    )
    session.signed_off_by, session.signed_off_at = actor, timezone.now()
    session.save(update_fields=["certification", "signed_off_by", "signed_off_at"])
    audit.session_signed_off(session, actor)
    return session
