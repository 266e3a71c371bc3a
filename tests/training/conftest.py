"""Training's small world: staff in the roles the pages care about at one post office, banks and a blueprint."""

from __future__ import annotations

import pytest

from motcua.agencies.models import Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.training.models import BlueprintRule, ExamBlueprint, Question, QuestionBank, QuestionKind
from tests.factories import UserFactory


@pytest.fixture
def staff(db):
    """A user per role: trainer, administrator, postal clerk, postman, postal supervisor, planner; and a user with
    no role."""
    from motcua.agencies.models import Agency, AgencyKind, AgencyLevel, ReceivingPoint, ReceivingPointKind
    from motcua.localities.models import Commune, DivisionType, Province

    province = Province.objects.create(code="42", name="Hà Tĩnh", division_type=DivisionType.PROVINCE, codename="ht")
    commune = Commune.objects.create(
        code="18073", name="Phường Thành Sen", division_type=DivisionType.WARD, codename="ts", province=province
    )
    post = Agency.objects.create(code="VNP.42", name="Bưu điện tỉnh", kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL)
    point = ReceivingPoint.objects.create(
        code="VNP.42.1", name="Bưu cục Thành Sen", kind=ReceivingPointKind.POST_OFFICE, operator=post, commune=commune
    )
    users = {}
    for role, scope in (
        (Role.TRAINER, {}),
        (Role.ADMINISTRATOR, {}),
        (Role.PLANNER, {"province": province}),
        (Role.POSTAL_CLERK, {"receiving_point": point}),
        (Role.POSTMAN, {"receiving_point": point}),
        (Role.POSTAL_SUPERVISOR, {"receiving_point": point}),
    ):
        user = UserFactory()
        Assignment.objects.create(user=user, role=role, **scope)
        users[role.value] = user
    users["nobody"] = UserFactory()
    return users


def make_bank(name: str, size: int, *, stage: str = "receive") -> QuestionBank:
    """A bank of ``size`` single-choice questions whose right answer is the first choice."""
    bank = QuestionBank.objects.create(name=name, stage_code=stage)
    for index in range(size):
        Question.objects.create(
            bank=bank,
            kind=QuestionKind.SINGLE,
            name=f"{name} {index}",
            text=f"Câu {index}?",
            data={
                "choices": [
                    {"text": "đúng", "fraction": 1, "feedback": ""},
                    {"text": "sai", "fraction": 0, "feedback": ""},
                ]
            },
        )
    return bank


@pytest.fixture
def blueprint(db):
    """Receive exam: 3 questions from bank A (5 questions), 2 from bank B (4); 20 minutes, pass at 60 %, 2 tries."""
    exam = ExamBlueprint.objects.create(
        stage_code="receive", title="Tiếp nhận hồ sơ", time_limit_minutes=20, pass_mark_percent=60, max_attempts=2
    )
    BlueprintRule.objects.create(blueprint=exam, bank=make_bank("A", 5), count=3, order=1)
    BlueprintRule.objects.create(blueprint=exam, bank=make_bank("B", 4), count=2, order=2)
    return exam
