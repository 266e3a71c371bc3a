"""Training material generated from the procedure catalogue (issue 12 item 2; docs/training.md).

For each procedure's published version: one lesson (stage ``receive``, the procedure's field) and questions in
generated banks per field and stage (papers → reception, time limit → guidance, fee → fees); the texts are made in
``generated_text``. Idempotent by ``generated_key``: a second run updates in place and writes nothing when nothing
changed. The lesson is keyed by the procedure (one lesson, rewritten for each new version); questions by the
version, so a new version's questions are new rows and the old version's are deactivated, never deleted (exam
attempts keep their own copies anyway).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from motcua.procedures import errors as procedure_errors
from motcua.procedures.models import Component, Field, Procedure, ProcedureVersion, VersionStatus

from .generated_text import LESSON_STAGE, QuestionSpec, VersionFacts, lesson_body, lesson_title, question_specs
from .models import Lesson, Question, QuestionBank, TextFormat

# The generated material is written in the catalogue's language, whatever the caller's.
LANGUAGE = "vi"
LESSON_ORDER = 100  # after the trainers' own lessons of the stage


@dataclass
class GenerationResult:
    lessons_written: int = 0
    questions_created: int = 0
    questions_updated: int = 0
    questions_deactivated: int = 0

    def add(self, other: GenerationResult) -> None:
        self.lessons_written += other.lessons_written
        self.questions_created += other.questions_created
        self.questions_updated += other.questions_updated
        self.questions_deactivated += other.questions_deactivated

    @property
    def changed(self) -> bool:
        return any((self.lessons_written, self.questions_created, self.questions_updated, self.questions_deactivated))


def lesson_key(procedure: Procedure) -> str:
    return f"procedure:{procedure.pk}:lesson"


def bank_for(*, stage_code: str, field: Field) -> QuestionBank:
    """The generated bank of a stage and field, created when missing (the name is the Moodle category on export)."""
    with translation.override(LANGUAGE):
        from motcua.stages.models import StageCode

        name = _("Generated – %(stage)s – %(field)s (%(code)s)") % {
            "stage": StageCode(stage_code).label,
            "field": field.name,
            "code": field.code,
        }
        description = _("Questions generated from the published procedure catalogue; rewritten on each publication.")
    bank, _created = QuestionBank.objects.get_or_create(
        name=name[:255], defaults={"stage_code": stage_code, "field": field, "description": description}
    )
    return bank


def _other_papers(version: ProcedureVersion) -> list[str]:
    """Mandatory papers of the other published procedures, as distractors: the same field's first, sorted."""
    rows = (
        Component.objects.filter(mandatory=True, version__status=VersionStatus.PUBLISHED)
        .exclude(version__procedure=version.procedure_id)
        .values_list("name", "version__procedure__field_id")
    )
    same = sorted({name for name, field_id in rows if field_id == version.procedure.field_id})
    return same if len(same) >= 2 else sorted({name for name, _field in rows})


def _facts(version: ProcedureVersion) -> VersionFacts:
    return VersionFacts(
        version=version,
        components=list(version.components.order_by("order")),
        fees=list(version.fees.order_by("order")),
        other_papers=_other_papers(version),
    )


def _write_question(spec: QuestionSpec, *, version: ProcedureVersion, bank: QuestionBank) -> str:
    """Create or update one question; "created", "updated" or "" (unchanged)."""
    values: dict[str, Any] = {
        "bank": bank,
        "kind": spec.kind,
        "name": spec.name[:255],
        "text": spec.text,
        "text_format": TextFormat.PLAIN,
        "feedback": spec.feedback,
        "data": spec.data,
        "procedure_version": version,
        "active": True,
    }
    question = Question.objects.filter(generated_key=spec.key).first()
    if question is None:
        Question.objects.create(generated_key=spec.key, **values)
        return "created"
    if all(getattr(question, name) == value for name, value in values.items()):
        return ""
    for name, value in values.items():
        setattr(question, name, value)
    question.save()
    return "updated"


def _write_lesson(facts: VersionFacts) -> bool:
    version = facts.version
    values: dict[str, Any] = {
        "stage_code": LESSON_STAGE,
        "field": version.procedure.field,
        "title": lesson_title(facts)[:255],
        "body": lesson_body(facts),
        "order": LESSON_ORDER,
        "published": True,
        "procedure_version": version,
    }
    lesson = Lesson.objects.filter(generated_key=lesson_key(version.procedure)).first()
    if lesson is None:
        Lesson.objects.create(generated_key=lesson_key(version.procedure), **values)
        return True
    if all(getattr(lesson, name) == value for name, value in values.items()):
        return False
    for name, value in values.items():
        setattr(lesson, name, value)
    lesson.save()
    return True


@transaction.atomic
def version_material_generate(*, version: ProcedureVersion) -> GenerationResult:
    """The lesson and questions of ``version`` (published), written or brought up to date; the procedure's older
    versions' generated questions deactivated."""
    version = ProcedureVersion.objects.select_related("procedure__field").get(pk=version.pk)
    if version.status != VersionStatus.PUBLISHED:
        raise procedure_errors.version_not_published(number=version.number, status=version.get_status_display())
    result = GenerationResult()
    with translation.override(LANGUAGE):
        facts = _facts(version)
        result.lessons_written = int(_write_lesson(facts))
        specs = question_specs(facts)
        banks: dict[str, QuestionBank] = {}
        for spec in specs:
            if spec.stage_code not in banks:
                banks[spec.stage_code] = bank_for(stage_code=spec.stage_code, field=version.procedure.field)
            outcome = _write_question(spec, version=version, bank=banks[spec.stage_code])
            result.questions_created += outcome == "created"
            result.questions_updated += outcome == "updated"
    stale = (
        Question.objects.filter(
            generated_key__isnull=False, active=True, procedure_version__procedure=version.procedure
        )
        .exclude(procedure_version=version, generated_key__in=[spec.key for spec in specs])
        .update(active=False)
    )
    result.questions_deactivated = stale
    return result


@transaction.atomic
def material_generate(*, procedure_code: str = "") -> GenerationResult:
    """Generate for every procedure with a published version (or the one ``procedure_code`` names); deactivate the
    questions of versions no longer published and unpublish the lessons of procedures left without one."""
    procedures = Procedure.objects.select_related("current_version").order_by("national_code")
    if procedure_code:
        procedures = procedures.filter(national_code=procedure_code)
        if not procedures.exists():
            raise procedure_errors.procedure_not_found(code=procedure_code)
    result = GenerationResult()
    versions = [
        p.current_version
        for p in procedures
        if p.current_version is not None and p.current_version.status == VersionStatus.PUBLISHED
    ]
    for version in versions:
        result.add(version_material_generate(version=version))
    retired = Question.objects.filter(generated_key__isnull=False, active=True).exclude(
        procedure_version__status=VersionStatus.PUBLISHED
    )
    lessons = Lesson.objects.filter(generated_key__isnull=False, published=True).exclude(
        procedure_version__status=VersionStatus.PUBLISHED
    )
    if procedure_code:
        retired = retired.filter(procedure_version__procedure__national_code=procedure_code)
        lessons = lessons.filter(procedure_version__procedure__national_code=procedure_code)
    result.questions_deactivated += retired.update(active=False)
    result.lessons_written += lessons.update(published=False)
    return result
