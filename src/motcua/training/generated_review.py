"""A new procedure version refreshes its generated material and asks the certified staff to review it.

The chain (docs/training.md, "Material generated from the catalogue"):

1. ``procedures.services.versions.version_published`` is sent inside the publishing transaction; the receiver
   (``training.receivers``) only writes the outbox message ``training.procedure_published`` (key by version), so a
   publication never fails or waits because of training;
2. the outbox handler (``training.handlers``) calls :func:`material_refresh`: the version's lesson and questions are
   generated (the older version's questions deactivated) and ``training.signals.material_refreshed`` is sent;
   certification (which builds on training; training never imports it) gives each holder of a valid
   certification for the procedure's field in guidance or reception one message ``training.review_requested``,
   keyed by version and holder, so a redelivery or a second run tells no one twice. Those messages go out like the
   certification reminders: through the outbox handlers (the built-in one logs them).
"""

from __future__ import annotations

from django.db import transaction

from motcua.dossiers.models import OutboxMessage
from motcua.dossiers.outbox import outbox_kick
from motcua.procedures.models import ProcedureVersion
from motcua.stages.models import StageCode

from .generated import GenerationResult, lesson_key, version_material_generate
from .models import Lesson
from .signals import material_refreshed

PUBLISHED_TOPIC = "training.procedure_published"
REVIEW_STAGES = (StageCode.GUIDE, StageCode.RECEIVE)


def publication_announce(*, version: ProcedureVersion) -> None:
    """Write the outbox message that has the material refreshed (once per version) and have it delivered."""
    OutboxMessage.objects.get_or_create(
        key=f"training:published:{version.pk}",
        defaults={
            "topic": PUBLISHED_TOPIC,
            "payload": {"version": version.pk, "code": version.procedure.national_code},
        },
    )
    outbox_kick()


@transaction.atomic
def material_refresh(*, version_id: int) -> tuple[GenerationResult, int]:
    """Regenerate the version's material and ask its reviewers; how many were asked this time."""
    version = ProcedureVersion.objects.select_related("procedure__field").get(pk=version_id)
    result = version_material_generate(version=version)
    lesson = Lesson.objects.filter(generated_key=lesson_key(version.procedure)).values_list("pk", flat=True).first()
    answers = material_refreshed.send(sender=ProcedureVersion, version=version, stages=REVIEW_STAGES, lesson=lesson)
    return result, sum(int(asked or 0) for _receiver, asked in answers)
