"""Staff sign-in at /accounts/login/, in Vietnamese by default."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # the factories' test password


def test_the_login_page_is_in_vietnamese(client):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="vi">' in body
    assert "Đăng nhập cho cán bộ" in body
    assert 'autocomplete="current-password"' in body


def test_the_login_page_in_english(client):
    client.cookies["django_language"] = "en"

    body = client.get("/accounts/login/").content.decode()

    assert '<html lang="en">' in body
    assert "Staff sign-in" in body


def test_signing_in_goes_to_the_home_page_with_the_user_name(client):
    UserFactory(username="lan", full_name="Nguyễn Thị Lan")

    response = client.post("/accounts/login/", {"username": "lan", "password": PASSWORD}, follow=True)

    assert response.redirect_chain == [("/", 302)]
    assert response.context["user"].username == "lan"
    assert "Xin chào, Nguyễn Thị Lan" in response.content.decode()


def test_signing_in_returns_to_the_page_asked_for(client):
    UserFactory(username="lan")

    response = client.post("/accounts/login/", {"username": "lan", "password": PASSWORD, "next": "/thu-tuc/"})

    assert response.status_code == 302
    assert response["Location"] == "/thu-tuc/"


def test_a_wrong_password_shows_a_clear_error(client):
    UserFactory(username="lan")

    response = client.post("/accounts/login/", {"username": "lan", "password": "wrong"})

    assert response.status_code == 200
    assert not response.context["user"].is_authenticated
    body = response.content.decode()
    assert 'class="alert alert--error" role="alert"' in body
    assert "Vui lòng điền vào" in body  # Django's Vietnamese message for a wrong user name or password
    assert 'value="lan"' in body


def test_empty_fields_are_marked_invalid(client):
    response = client.post("/accounts/login/", {"username": "", "password": ""})

    body = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in body
    assert 'class="form-field__error" id="id_username_error"' in body
