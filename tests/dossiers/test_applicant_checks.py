"""Item 20: reception refuses impossible applicant data, naming the field, and flags a known ID number with
other data (a warning, never a refusal) — in the service, at the counter and through the API."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.urls import reverse
from time_machine import travel

from motcua.core.errors import ApplicationError
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.applicant import (
    CENTURY_BY_DIGIT,
    applicant_check,
    applicant_mismatches,
    citizen_id_check,
)
from tests.api.support import assert_problem
from tests.api.test_dossiers_support import DOSSIERS, reception_body, staff_fixture  # noqa: F401 - fixtures
from tests.desk.test_counter import reception_data, sign_in

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 3)


def _refusal(**kwargs) -> ApplicationError:
    with pytest.raises(ApplicationError) as raised:
        applicant_check(**{"today": TODAY, **kwargs})
    return raised.value


# --- the rules -------------------------------------------------------------------------------------------------


def test_a_birth_date_in_the_future_or_before_1900_is_refused_on_the_birth_date():
    future = _refusal(id_number="042098001234", birth_date=TODAY + dt.timedelta(days=1))
    assert (future.code, future.field) == ("dossier_birth_date_in_future", "applicant.birth_date")
    assert "04/12/2026" in future.messages()["vi"] and future.messages()["vi"] != future.messages()["en"]
    early = _refusal(id_number="0101234567", birth_date=dt.date(1899, 12, 31))
    assert (early.code, early.field) == ("dossier_birth_date_too_early", "applicant.birth_date")
    applicant_check(id_number="0101234567", birth_date=TODAY, today=TODAY)  # born today: fine


@pytest.mark.parametrize(
    ("id_number", "born"),
    [
        ("042098001234", dt.date(1998, 9, 2)),  # 0: a man born in the 1900s
        ("001190001234", dt.date(1990, 1, 1)),  # 1: a woman born in the 1900s
        ("079205001234", dt.date(2005, 6, 30)),  # 2: a boy born in the 2000s
        ("096300001234", dt.date(2000, 1, 1)),  # 3: a girl born in the 2000s
    ],
)
def test_an_id_number_that_agrees_with_the_birth_date_passes(id_number, born):
    applicant_check(id_number=id_number, birth_date=born, today=TODAY)


@pytest.mark.parametrize(
    ("id_number", "born"),
    [
        ("042298001234", dt.date(1998, 9, 2)),  # says 2098
        ("042098001234", dt.date(1990, 5, 17)),  # says 1998
        ("042005001234", dt.date(2005, 1, 1)),  # says 1905
        ("042805001234", dt.date(2005, 1, 1)),  # 8: not a century anyone alive was born in
    ],
)
def test_an_id_number_whose_century_or_year_contradicts_the_birth_date_is_refused_on_the_id(id_number, born):
    error = _refusal(id_number=id_number, birth_date=born)
    assert (error.code, error.field) == ("dossier_id_number_contradicts_birth_date", "applicant.id_number")
    assert id_number in error.messages()["en"] and born.strftime("%d/%m/%Y") in error.messages()["vi"]


@pytest.mark.parametrize("prefix", ["000", "003", "097", "999"])
def test_an_id_number_without_a_province_code_is_refused(prefix):
    error = _refusal(id_number=f"{prefix}098001234", birth_date=None)
    assert (error.code, error.field) == ("dossier_id_number_unknown_province", "applicant.id_number")


def test_tax_codes_are_not_read_as_citizen_ids():
    citizen_id_check("0312345678", dt.date(1950, 1, 1))
    citizen_id_check("0312345678901", dt.date(1950, 1, 1))


def test_the_century_digits_follow_the_circular():
    assert [CENTURY_BY_DIGIT[str(d)] for d in range(10)] == [1900, 1900, 2000, 2000, 2100, 2100, 2200, 2200, 2300, 2300]


# --- the service -----------------------------------------------------------------------------------------------


def test_the_service_refuses_and_receives_nothing(world):
    applicant = world.reception().applicant
    with travel(dt.datetime(2026, 12, 3, 9, 0), tick=False):
        for changed in (
            {"birth_date": dt.date(2027, 1, 1)},
            {"birth_date": dt.date(1890, 1, 1)},
            {"birth_date": dt.date(1990, 5, 17)},  # the ID says 1998
        ):
            with pytest.raises(ApplicationError) as raised:
                world.receive(applicant=dataclasses.replace(applicant, **changed))
            assert raised.value.field.startswith("applicant.")
    assert not Dossier.objects.exists()


def test_a_known_id_number_with_another_name_or_birth_date_is_a_mismatch(world):
    world.receive(applicant=dataclasses.replace(world.reception().applicant, birth_date=dt.date(1998, 9, 2)))
    earlier = Dossier.objects.filter(applicant_id_number="042098001234").order_by("-received_at")
    assert applicant_mismatches(earlier=earlier, name="NGUYEN  van an", birth_date=dt.date(1998, 9, 2)) == []
    [other] = applicant_mismatches(earlier=earlier, name="Trần Văn Bình", birth_date=dt.date(1998, 9, 3))
    assert other.name == "Nguyễn Văn An" and other.other_name and other.other_birth_date


# --- the counter -----------------------------------------------------------------------------------------------


def _errors(page: str, field: str) -> str:
    start = page.find(f'id="id_{field}_error"')
    return page[start : page.find("</ul>", start)] if start >= 0 else ""


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"applicant_birth_date": "01/01/2099"}, "applicant_birth_date", "tương lai"),
        ({"applicant_birth_date": "31/12/1899"}, "applicant_birth_date", "1900"),
        ({"applicant_birth_date": "17/05/1990"}, "applicant_id_number", "1998"),
        ({"applicant_id_number": "099098001234"}, "applicant_id_number", "001–096"),
    ],
)
def test_the_counter_form_refuses_beside_the_field(client, world, overrides, field, words):
    sign_in(client, world.clerk, language="vi")
    code = world.version.procedure.national_code
    page = client.post(reverse("desk:counter_receive", args=[code]), reception_data(world, **overrides))
    assert page.status_code == 200
    assert words in _errors(page.content.decode(), field)
    assert not Dossier.objects.exists()


def test_the_counter_warns_when_a_known_id_comes_with_another_name(client, world):
    world.receive(applicant=dataclasses.replace(world.reception().applicant, birth_date=dt.date(1998, 9, 2)))
    sign_in(client, world.clerk, language="vi")
    url = reverse("desk:counter_applicant", args=[world.version.procedure.national_code])
    same = client.get(url, {"applicant_id_number": "042098001234", "applicant_name": "Nguyễn Văn An"})
    assert "applicant-mismatch" not in same.content.decode()
    other = client.get(
        url,
        {
            "applicant_id_number": "042098001234",
            "applicant_name": "Trần Văn Bình",
            "applicant_birth_date": "03/09/1998",
        },
    ).content.decode()
    assert "applicant-mismatch" in other and "Nguyễn Văn An" in other and "02/09/1998" in other
    assert "Kiểm tra giấy tờ tùy thân" in other
    # A warning only: the dossier is received with the data typed.
    code = world.version.procedure.national_code
    response = client.post(
        reverse("desk:counter_receive", args=[code]),
        reception_data(world, applicant_name="Trần Văn Bình", applicant_birth_date="03/09/1998"),
    )
    assert response.status_code == 302
    assert Dossier.objects.filter(applicant_name="Trần Văn Bình").exists()


# --- the API ---------------------------------------------------------------------------------------------------


def test_the_api_refuses_with_the_field_in_the_problem(staff, world):
    body = reception_body(world)
    body["applicant"] = {**body["applicant"], "id_number": "042098001234", "birth_date": "2090-01-01"}
    problem = assert_problem(staff.clerk.post(DOSSIERS, body), status=422, code="dossier_birth_date_in_future")
    assert problem["errors"][0]["loc"] == ["body", "payload", "applicant", "birth_date"]
    body["applicant"]["birth_date"] = "1985-01-01"
    problem = assert_problem(
        staff.clerk.post(DOSSIERS, body), status=422, code="dossier_id_number_contradicts_birth_date"
    )
    assert problem["errors"][0]["loc"] == ["body", "payload", "applicant", "id_number"]
    assert "1998" in problem["messages"]["vi"]
    assert not Dossier.objects.exists()
