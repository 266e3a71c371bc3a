"""Material generated from the catalogue: a published version's lesson and questions, idempotent, refreshed and
announced to the certified staff when a new version is published."""

from __future__ import annotations

import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from motcua.certification.models import Certification, CertificationBasis
from motcua.certification.receivers import REVIEW_TOPIC
from motcua.dossiers.models import OutboxMessage
from motcua.dossiers.outbox import outbox_dispatch
from motcua.procedures.models import Component, ComponentForm, ProcedureVersion
from motcua.procedures.services import procedure_version_create_draft, procedure_version_publish
from motcua.training import questions
from motcua.training.generated import material_generate, version_material_generate
from motcua.training.models import Lesson, Question, QuestionKind
from tests.factories import FieldFactory, ProcedureFactory, ProcedureVersionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def birth():
    """Birth registration, published: two mandatory papers (a form and an identity card shown), one conditional,
    one charge of 8.000 ₫, 3 working days; and a marriage registration in the same field for the distractors."""
    field = FieldFactory(code="HT", name="Hộ tịch")
    version = ProcedureVersionFactory(procedure=ProcedureFactory(field=field, national_code="1.001193"))
    Component.objects.create(version=version, order=3, name="Căn cước công dân", form=ComponentForm.SHOWN)
    procedure_version_publish(version=version)
    other = ProcedureVersionFactory(
        procedure=ProcedureFactory(field=field, national_code="1.000894", name="Đăng ký kết hôn"), parts=False
    )
    for order, name in enumerate(("Tờ khai đăng ký kết hôn", "Giấy xác nhận tình trạng hôn nhân", "Trích lục"), 1):
        Component.objects.create(version=other, order=order, name=name, form=ComponentForm.ORIGINAL)
    procedure_version_publish(version=other)
    version.refresh_from_db()
    return version


def _generated(version: ProcedureVersion) -> dict[str, Question]:
    return {q.generated_key.split(":", 2)[2]: q for q in Question.objects.filter(procedure_version=version)}


def _right(question: Question) -> object:
    if question.kind == QuestionKind.SINGLE:
        return next(c["text"] for c in question.data["choices"] if c["fraction"] == 1)
    if question.kind == QuestionKind.TRUE_FALSE:
        return question.data["answer"]
    return question.data["answers"][0]["value"]


def test_a_published_version_gives_a_lesson_and_questions_whose_answers_are_its_data(birth):
    material_generate()
    mandatory = list(birth.components.filter(mandatory=True).order_by("order"))
    generated = _generated(birth)
    assert set(generated) == {"mandatory:1", "mandatory:3", "time_limit", "complete:yes", "complete:no", "fee"}
    for component in mandatory:
        question = generated[f"mandatory:{component.order}"]
        assert _right(question) == component.name
        distractors = [c["text"] for c in question.data["choices"] if c["fraction"] == 0]
        assert len(distractors) >= 2
        assert not set(distractors) & set(birth.components.values_list("name", flat=True))
        assert question.bank.stage_code == "receive" and question.bank.field == birth.procedure.field
    assert _right(generated["time_limit"]) == "3 ngày làm việc"
    assert generated["time_limit"].bank.stage_code == "guide"
    assert _right(generated["complete:yes"]) is True and _right(generated["complete:no"]) is False
    assert all(c.name in generated["complete:yes"].text for c in mandatory)
    left_out = [c.name for c in mandatory if c.name not in generated["complete:no"].text]
    assert len(left_out) == 1 and left_out[0] in generated["complete:no"].data["feedback_right"]
    assert _right(generated["fee"]) == 8000 and generated["fee"].bank.stage_code == "fees"
    assert questions.mark(generated["fee"].kind, generated["fee"].data, "8.000") == 1.0
    for question in generated.values():
        assert questions.check(question.kind, question.text, question.data) == []

    lesson = Lesson.objects.get(procedure_version=birth)
    assert lesson.published and lesson.stage_code == "receive" and lesson.field == birth.procedure.field
    assert "Tờ khai đăng ký khai sinh" in lesson.body and "**Bắt buộc**" in lesson.body
    assert "Nếu sinh tại cơ sở y tế" in lesson.body  # the conditional paper says when
    assert "8.000 ₫" in lesson.body and "3 ngày làm việc" in lesson.body
    assert "Căn cước" not in lesson.body.split("## ")[-1]  # refusal reasons are the generic ones here
    assert "giấy tờ bắt buộc" in lesson.body.lower()


def test_generating_twice_changes_nothing(birth):
    first = material_generate()
    assert first.questions_created == 6 + 6  # the marriage: 3 papers, time limit, complete/incomplete, no fee
    snapshot = list(Question.objects.order_by("pk").values_list("pk", "generated_key", "text", "data", "updated_at"))
    lessons = list(Lesson.objects.order_by("pk").values_list("pk", "body", "updated_at"))
    again = material_generate()
    assert not again.changed
    assert list(Question.objects.order_by("pk").values_list("pk", "generated_key", "text", "data", "updated_at")) == (
        snapshot
    )
    assert list(Lesson.objects.order_by("pk").values_list("pk", "body", "updated_at")) == lessons


def test_the_command_generates_one_procedure_and_refuses_an_unknown_code(birth):
    out = StringIO()
    call_command("training_generate", "--procedure", "1.001193", stdout=out)
    assert "questions_created=6" in out.getvalue()
    assert not Question.objects.exclude(procedure_version=birth).exists()
    with pytest.raises(CommandError, match=re.escape("9.999999")):
        call_command("training_generate", "--procedure", "9.999999")


def _certify(user, field, stage_code, **values):
    return Certification.objects.create(
        user=user,
        stage_code=stage_code,
        field=field,
        issued_at=timezone.now(),
        valid_until=timezone.localdate().replace(year=timezone.localdate().year + 1),
        basis=CertificationBasis.COMMAND,
        **values,
    )


def test_a_new_version_refreshes_the_material_and_asks_each_certified_holder_once(birth):
    field = birth.procedure.field
    outbox_dispatch()  # the first publications' refresh
    old = _generated(birth)
    assert old and all(q.active for q in old.values())
    both, reception, elsewhere, revoked, digitizer = (UserFactory() for _ in range(5))
    _certify(both, field, "guide")
    _certify(both, field, "receive")
    _certify(reception, field, "receive")
    _certify(elsewhere, FieldFactory(code="DD", name="Đất đai"), "receive")
    _certify(revoked, field, "receive", revoked_at=timezone.now(), revoke_reason="Sai sót")
    _certify(digitizer, field, "digitize")

    draft = procedure_version_create_draft(procedure=birth.procedure)
    ProcedureVersion.objects.filter(pk=draft.pk).update(time_limit=Decimal("5"))
    procedure_version_publish(version=draft)
    outbox_dispatch()
    outbox_dispatch()  # a second delivery run tells no one again

    new = _generated(draft)
    assert _right(new["time_limit"]) == "5 ngày làm việc"
    assert not Question.objects.filter(pk__in=[q.pk for q in old.values()], active=True).exists()
    assert Question.objects.filter(pk__in=[q.pk for q in old.values()]).count() == len(old)  # kept, inactive
    lesson = Lesson.objects.get(generated_key=f"procedure:{birth.procedure_id}:lesson")
    assert lesson.procedure_version_id == draft.pk and "5 ngày làm việc" in lesson.body
    asked = OutboxMessage.objects.filter(topic=REVIEW_TOPIC)
    assert sorted(m.payload["user"] for m in asked) == sorted([both.username, reception.username])
    assert {m.payload["version"] for m in asked} == {draft.number}
    assert all(m.payload["lesson"] == lesson.pk for m in asked)
    assert version_material_generate(version=draft).changed is False
