"""Sandbox tests reuse the dossier tests' small world: a trainee clerk and a supervisor at its post office, and a
procedure of the same field that no commune implements (the out-of-scope case)."""

from __future__ import annotations

import random
import uuid
from datetime import date

import pytest
from django.urls import reverse

from motcua.agencies.models import Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.sandbox.models import CaseKind, PracticeCase, PracticeSession
from motcua.sandbox.services import session_start
from tests.dossiers.conftest import World, at, world  # noqa: F401
from tests.factories import ProcedureFactory, ProcedureVersionFactory, UserFactory


@pytest.fixture
def trainee(world):  # noqa: F811 - the fixture imported above
    user = UserFactory(username="trainee", full_name="Ngô Văn Học")
    Assignment.objects.create(user=user, role=Role.POSTAL_CLERK, receiving_point=world.office)
    return user


@pytest.fixture
def supervisor(world):  # noqa: F811
    user = UserFactory(username="supervisor")
    Assignment.objects.create(user=user, role=Role.POSTAL_SUPERVISOR, receiving_point=world.office)
    return user


@pytest.fixture
def other_supervisor(world):  # noqa: F811
    user = UserFactory(username="supervisor2")
    Assignment.objects.create(user=user, role=Role.POSTAL_SUPERVISOR, receiving_point=world.other_office)
    return user


@pytest.fixture
def province_procedure(world):  # noqa: F811
    """A procedure of the world's field implemented at province level only."""
    procedure = ProcedureFactory(name="Cấp giấy phép xây dựng", field=world.version.procedure.field)
    return ProcedureVersionFactory(procedure=procedure, levels=["province"], published=True)


@pytest.fixture
def session(world, trainee, province_procedure) -> PracticeSession:  # noqa: F811
    """Five cases, one of each kind."""
    return session_start(
        trainee=trainee, point=world.office, field=world.version.procedure.field, count=5, rng=random.Random(7)
    )


def case_of(session: PracticeSession, kind: CaseKind) -> PracticeCase:
    return session.cases.get(kind=kind)


def counter_data(case: PracticeCase, *, papers: list[int] | None = None, **overrides) -> dict:
    """The reception form as the trainee fills it in for ``case`` at the training point."""
    applicant = case.applicant
    point = case.session.training_point
    data = {
        "submission_key": uuid.uuid4().hex,
        "receiving_point": point.pk,
        "lead_agency": point.serves.get().pk,
        "applicant_kind": "citizen",
        "applicant_id_number": applicant["id_number"],
        "applicant_name": applicant["name"],
        "applicant_birth_date": date.fromisoformat(applicant["birth_date"]).strftime("%d/%m/%Y"),
        "applicant_phone": applicant["phone"],
        "applicant_address": applicant["address"],
        "fees_paid": str(case.key["fees_total"]),
        "return_method": "counter",
        "return_address": "",
        "supplement_items": "",
        "refusal_reasons": "",
    }
    for component in case.version.components.all():
        data[f"count_{component.pk}"] = "1"
    for pk in case.handed if papers is None else papers:
        data[f"received_{pk}"] = "on"
    data.update(overrides)
    return data


def receive_at_counter(client, case: PracticeCase, **overrides):
    url = reverse("desk:counter_receive", args=[case.version.procedure.national_code])
    return client.post(url, counter_data(case, **overrides))


def draft_slip(client, case: PracticeCase, kind: str, **overrides):
    url = reverse("desk:counter_draft_slip", args=[case.version.procedure.national_code, kind])
    extra = {"refusal_reasons": "Không thuộc phạm vi", "supplement_items": "Giấy tờ còn thiếu"}
    return client.post(url, counter_data(case, **{**extra, **overrides}))


def in_training_mode(client, user):
    client.force_login(user)
    client.post(reverse("sandbox:mode"), {"on": "1"})
    return client
