"""A Content-Security-Policy on every page, with no inline script; `Cache-Control: no-store` on what staff
see; no route to MEDIA_ROOT, even under DEBUG (docs/security.md)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "motcua"


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/admin/login/", "/api/v1/docs", "/khong-co-trang-nay/"])
def test_every_page_carries_a_policy_that_allows_scripts_from_our_own_files_only(client, url):
    response = client.get(url)

    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_a_signed_in_staff_page_carries_the_policy(client):
    client.force_login(UserFactory(username="lan"))

    assert "script-src 'self'" in client.get("/")["Content-Security-Policy"]


def test_no_template_holds_an_inline_script_or_event_handler():
    """The policy would block them: every script is a static file (`<script src=…>`)."""
    offenders = []
    for template in SRC.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for match in re.finditer(r"<script(?P<attrs>[^>]*)>", text):
            if "src=" not in match["attrs"] and "application/json" not in match["attrs"]:
                offenders.append(f"{template}: inline <script>")
        if re.search(r"\s(on[a-z]+|hx-on[:\w-]*)=", text):
            offenders.append(f"{template}: inline event handler")
    assert offenders == []


def test_pages_of_a_signed_in_user_are_not_stored(client):
    client.force_login(UserFactory(username="lan"))

    assert "no-store" in client.get("/")["Cache-Control"]


def test_the_admin_and_the_api_are_not_stored_even_before_signing_in(client):
    assert "no-store" in client.get("/admin/login/")["Cache-Control"]
    assert "no-store" in client.get("/api/v1/procedures")["Cache-Control"]


def test_public_pages_of_an_anonymous_visitor_may_be_cached(client):
    assert "no-store" not in client.get("/").get("Cache-Control", "")


@pytest.fixture
def urls_under_debug(settings):
    """The URL configuration as `make run` builds it (DEBUG on), restored afterwards."""
    import motcua.urls

    with override_settings(DEBUG=True):
        importlib.reload(motcua.urls)
        clear_url_caches()
        yield
    importlib.reload(motcua.urls)
    clear_url_caches()


def test_media_files_are_not_served_even_under_debug(client, settings, urls_under_debug):
    scan = Path(settings.MEDIA_ROOT) / "scans" / "giay-khai-sinh.pdf"
    scan.parent.mkdir(parents=True, exist_ok=True)
    scan.write_bytes(b"%PDF-1.7 personal data")

    response = client.get("/media/scans/giay-khai-sinh.pdf")

    assert response.status_code == 404
    assert b"personal data" not in response.content
