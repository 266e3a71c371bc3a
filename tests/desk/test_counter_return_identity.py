"""The counter's return and the postman's delivery share one identity check (``collector_check``): someone
other than the applicant names their relation and the authorization paper they showed, and both go into the
history; the applicant needs no authorization; an invalid ID number is refused. The API agrees with the form."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from motcua.core.errors import ApplicationError
from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.services.act import dossier_act, dossier_last_seq
from tests.desk.test_counter import sign_in
from tests.dossiers.transitions_support import reach

pytestmark = pytest.mark.django_db

APPLICANT_ID = "042098001234"  # the world's applicant (tests/dossiers/conftest.py)
OTHER_ID = "042187000555"


@pytest.fixture
def ready(world):
    """A dossier whose result waits at the counter."""
    return reach(world, Status.RESULT_AT_COUNTER)


def form(dossier, **overrides) -> dict:
    data = {
        "expected_seq": dossier_last_seq(dossier=dossier),
        "collector_name": "Nguyễn Thị Hoa",
        "collector_id_number": OTHER_ID,
        "identity_checked": "on",
        "collector_relation": "",
        "collector_authorization": "",
        "note": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def post(client, dossier, **overrides):
    return client.post(reverse("desk:counter_return", args=[dossier.code]), form(dossier, **overrides))


def not_returned(dossier) -> bool:
    dossier.refresh_from_db()
    recorded = DossierEvent.objects.filter(dossier=dossier, action=Action.RETURN_RESULT).exists()
    return dossier.status == Status.RESULT_AT_COUNTER and dossier.returned_at is None and not recorded


def test_the_form_asks_for_the_relation_and_the_authorization(client, world, ready):
    sign_in(client, world.clerk, language="en")
    page = client.get(reverse("desk:counter_return", args=[ready.code])).content.decode()
    assert 'name="collector_relation"' in page and 'name="collector_authorization"' in page


@pytest.mark.parametrize(
    ("language", "typed", "field", "message"),
    [
        ("en", {}, "collector_relation", "This is not the applicant&#x27;s ID number: give the relation"),
        ("vi", {}, "collector_relation", "Đây không phải số định danh của người nộp"),
        ("en", {"collector_relation": "vợ"}, "collector_authorization", "only with an authorization paper"),
        ("vi", {"collector_relation": "vợ"}, "collector_authorization", "giấy ủy quyền"),
        ("en", {"collector_relation": "bản thân"}, "collector_relation", "give the relation"),
    ],
)
def test_someone_else_without_relation_or_authorization_is_refused_beside_the_field(
    client, world, ready, language, typed, field, message
):
    sign_in(client, world.clerk, language=language)
    response = post(client, ready, **typed)
    assert response.status_code == 200
    page = response.content.decode()
    errors = re.search(rf'id="id_{field}_error">(.*?)</ul>', page, re.S)
    assert errors and message in errors.group(1), page
    assert 'value="Nguyễn Thị Hoa"' in page  # what was typed stays
    assert not_returned(ready)


def test_someone_else_with_relation_and_authorization_is_recorded_in_the_history(client, world, ready):
    sign_in(client, world.clerk)
    response = post(
        client,
        ready,
        collector_relation=" vợ ",
        collector_authorization="Giấy ủy quyền chứng thực ngày 20/11/2026",
        collector_id_number="042 187 000 555",
    )
    assert response["Location"] == reverse("desk:counter_returns")
    ready.refresh_from_db()
    assert ready.status == Status.RETURNED
    event = DossierEvent.objects.get(dossier=ready, action=Action.RETURN_RESULT)
    assert event.payload == {
        "collector_name": "Nguyễn Thị Hoa",
        "collector_id_number": OTHER_ID,
        "identity_checked": True,
        "collector_relation": "vợ",
        "collector_authorization": "Giấy ủy quyền chứng thực ngày 20/11/2026",
    }
    done = client.get(reverse("desk:counter_return", args=[ready.code])).content.decode()
    assert "Giấy ủy quyền chứng thực ngày 20/11/2026" in done


def test_the_applicant_themself_needs_no_authorization(client, world, ready):
    sign_in(client, world.clerk)
    response = post(client, ready, collector_name="Nguyễn Văn An", collector_id_number=APPLICANT_ID)
    assert response.status_code == 302
    event = DossierEvent.objects.get(dossier=ready, action=Action.RETURN_RESULT)
    assert event.payload == {
        "collector_name": "Nguyễn Văn An",
        "collector_id_number": APPLICANT_ID,
        "identity_checked": True,
    }


@pytest.mark.parametrize("typed", ["123", "0420980012345678"])
def test_an_invalid_id_number_is_refused(client, world, ready, typed):
    sign_in(client, world.clerk, language="en")
    page = post(
        client, ready, collector_id_number=typed, collector_relation="vợ", collector_authorization="Giấy ủy quyền"
    ).content.decode()
    assert re.search(rf'id="id_collector_id_number_error"><li>“{typed}” is not a 12-digit citizen ID', page)
    assert not_returned(ready)


@pytest.mark.parametrize(
    ("typed", "field"),
    [
        ({"collector_name": "  "}, "collector_name"),
        ({"collector_id_number": ""}, "collector_id_number"),
        ({"identity_checked": None}, "identity_checked"),
    ],
)
def test_name_id_number_and_identity_check_are_required(client, world, ready, typed, field):
    sign_in(client, world.clerk, language="en")
    page = post(client, ready, collector_relation="vợ", collector_authorization="Giấy ủy quyền", **typed)
    assert f'id="id_{field}_error"' in page.content.decode()
    assert not_returned(ready)


# --- the service, which the REST API calls too ----------------------------------------------------------------


def test_the_service_refuses_someone_else_without_authorization(world, ready):
    fields = {"collector_name": "Nguyễn Thị Hoa", "collector_id_number": OTHER_ID, "identity_checked": True}
    with pytest.raises(ApplicationError) as refused:
        dossier_act(dossier=ready, actor=world.clerk, action=Action.RETURN_RESULT, collector_relation="vợ", **fields)
    assert refused.value.code == "collector_authorization_required"
    assert not_returned(ready)
