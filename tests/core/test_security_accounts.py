"""Login throttling and lockout (django-axes): 20 wrong passwords lock an account, staff and administrators
alike; the lockout page speaks Vietnamese and English; an administrator unlocks (docs/security.md)."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # the factories' test password
LOGIN = "/accounts/login/"


def _fail(client, username: str, times: int, url: str = LOGIN):
    response = None
    for _ in range(times):
        response = client.post(url, {"username": username, "password": "wrong password"})
    return response


def test_twenty_wrong_passwords_lock_the_account_even_with_the_right_one_next(client):
    UserFactory(username="lan")

    assert _fail(client, "lan", 19).status_code == 200  # the form again, with its error
    locked = _fail(client, "lan", 1)
    assert locked.status_code == 429

    response = client.post(LOGIN, {"username": "lan", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_nineteen_wrong_passwords_then_the_right_one_signs_in_and_resets_the_count(client):
    UserFactory(username="lan")
    _fail(client, "lan", 19)

    response = client.post(LOGIN, {"username": "lan", "password": PASSWORD})

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="lan").exists()


def test_the_lock_is_per_account_not_per_counter(client):
    UserFactory(username="lan")
    UserFactory(username="minh")
    _fail(client, "lan", 20)

    assert client.post(LOGIN, {"username": "minh", "password": PASSWORD}).status_code == 302


def test_the_lockout_page_is_in_vietnamese_by_default_and_in_english_when_chosen(client):
    UserFactory(username="lan")
    vietnamese = _fail(client, "lan", 20).content.decode()
    assert "Tài khoản bị khóa" in vietnamese
    assert '<html lang="vi">' in vietnamese

    client.cookies["django_language"] = "en"
    english = client.post(LOGIN, {"username": "lan", "password": PASSWORD}).content.decode()
    assert "Account locked" in english
    assert "Ask the administrator of your unit to unlock it." in english


def test_the_admin_login_is_locked_too(client):
    UserFactory(username="root", is_staff=True, is_superuser=True)

    response = _fail(client, "root", 20, url="/admin/login/")

    assert response.status_code == 429
    assert client.post("/admin/login/", {"username": "root", "password": PASSWORD}).status_code == 429


def test_an_administrator_unlocks_an_account_in_the_admin(client):
    UserFactory(username="lan")
    _fail(client, "lan", 20)
    attempt = AccessAttempt.objects.get(username="lan")
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)

    client.force_login(admin)
    page = client.get("/admin/axes/accessattempt/")
    assert page.status_code == 200
    assert "lan" in page.content.decode()
    client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    client.logout()

    assert client.post(LOGIN, {"username": "lan", "password": PASSWORD}).status_code == 302


def test_a_sign_in_without_a_connection_address_is_logged_without_one(db):
    """A forced sign-in (no REMOTE_ADDR) must not put "unknown" into the log's address column: PostgreSQL's inet
    type refuses it, which turned every forced sign-in into an error on the PostgreSQL tier."""
    from django.http import HttpRequest

    from motcua.core.client_address import client_ip_or_none

    request = HttpRequest()
    assert client_ip_or_none(request) is None
    request.META["REMOTE_ADDR"] = "203.0.113.7"
    assert client_ip_or_none(request) == "203.0.113.7"
