"""Demo certifications: the demo's postal staff certified for every certified stage in the fields of the demo's
procedures, so that ``TRAINING_GATE=enforce`` lets them work as before; ``trainee`` (a clerk at ``clerk``'s post
office) is certified for nothing, so the gate can be seen (docs/training.md)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from motcua.procedures.models import Field, VersionStatus

from .catalogue import gated_stages
from .models import Certification, CertificationBasis
from .services import certification_issue

CERTIFIED = ("clerk", "clerk2", "supervisor", "postman")


@transaction.atomic
def certification_load_demo() -> dict[str, int]:
    """Idempotent: a stage × field the user already holds a certification for is left alone."""
    fields = list(Field.objects.filter(procedures__versions__status=VersionStatus.PUBLISHED).distinct())
    users = get_user_model().objects.filter(username__in=CERTIFIED)
    created = 0
    for user in users:
        held = set(Certification.objects.filter(user=user, revoked_at__isnull=True).values_list("stage_code", "field"))
        for code in gated_stages():
            for field in fields:
                if (code, field.pk) not in held:
                    certification_issue(user, code, field, basis=CertificationBasis.COMMAND, actor=None)
                    created += 1
    return {"certifications_created": created}
