"""A citizen's account opens no staff page and no staff API: it holds no role, whatever it signs in with."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.desk.menu import CITIZEN_ENTRIES, ENTRIES
from tests.factories import citizen_account

STAFF_PAGES = [
    *sorted({name for _label, name, _roles in ENTRIES}),
    "submissions:inbox",
    "submissions:assist_start",
    "feedback:inbox",
    "feedback:ratings",
    "notifications:log",
    "payments:supervision",
    "national:deliveries",
    "national:filings",
]


@pytest.fixture
def citizen_client(client, db):
    account = citizen_account(owner_number="042195001111", full_name="Nguyễn Thị Hạnh")
    client.force_login(account.user)
    return client


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_no_staff_page_opens_for_a_citizen(citizen_client, name):
    response = citizen_client.get(reverse(name))
    assert response.status_code in (302, 403, 404), (name, response.status_code)
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"] or "/cong-dan/" in response["Location"]


def test_the_admin_is_closed_to_a_citizen(citizen_client):
    response = citizen_client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("path", ["/api/v1/dossiers", "/api/v1/me"])
def test_the_staff_api_does_not_take_a_citizens_session(citizen_client, path):
    response = citizen_client.get(path)
    assert response.status_code in (401, 403, 404), (path, response.status_code)


def test_a_citizens_menu_is_the_citizens_pages_and_home_leads_there(citizen_client):
    response = citizen_client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mydossiers:home")
    page = citizen_client.get(reverse("mydossiers:home"))
    menu = [item.url for item in page.context["desk_menu"]]
    assert menu == [reverse(name) for _label, name in CITIZEN_ENTRIES]
    assert page.context["citizen_signed_in"] is True
    assert reverse("citizens:sign_out").encode() in page.content


def test_no_api_token_is_made_for_a_citizen(db):
    from motcua.api.services import api_token_create
    from motcua.core.errors import ApplicationError

    account = citizen_account(owner_number="042195001111", full_name="Nguyễn Thị Hạnh")
    with pytest.raises(ApplicationError) as raised:
        api_token_create(user=account.user, name="thử")
    assert raised.value.code == "api_token_not_for_citizens"
