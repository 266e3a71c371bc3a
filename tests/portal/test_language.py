"""Vietnamese by default; the switcher in the header posts to Django's set_language view."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_default_language_is_vietnamese(client, birth_registration):
    body = client.get("/thu-tuc/").content.decode()

    assert '<html lang="vi">' in body
    assert "Danh mục thủ tục hành chính" in body
    assert 'action="/i18n/setlang/" method="post"' in body
    assert 'name="csrfmiddlewaretoken"' in body


def test_switching_to_english_changes_the_page_language(client, birth_registration):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/thu-tuc/?q=khai+sinh"})

    assert response.status_code == 302
    assert response["Location"] == "/thu-tuc/?q=khai+sinh"
    body = client.get(response["Location"]).content.decode()
    assert '<html lang="en">' in body
    assert "Procedure catalogue" in body
    assert "1 procedure" in body
    assert "Danh mục thủ tục hành chính" not in body


def test_switching_back_to_vietnamese(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})

    assert '<html lang="vi">' in client.get("/").content.decode()


def test_the_switcher_needs_a_csrf_token(birth_registration):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)

    assert strict.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 403
