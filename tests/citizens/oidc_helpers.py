"""The whole OpenID Connect round trip in-process: no socket is opened.

The relying party reaches the provider's back channel (token, JWKS, userinfo) with ``requests``; here those calls
go through :class:`DjangoClientAdapter` to a Django test ``Client`` of their own (no cookies shared with the
browser's). :func:`citizen_sign_in` is the fixture other tests use to sign a citizen in the real way::

    from tests.citizens.oidc_helpers import citizen_sign_in, oidc_in_process  # noqa: F401 - fixtures

    def test_something(client, citizen_sign_in):
        response = citizen_sign_in(client, "042195001111", "motcua-demo")
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from motcua.citizens.idp.models import LocalIdentity

BASE_URL = "http://testserver"
PASSWORD = "dung-mat-khau-123"

#: A hook to change the provider's answer on its way back to the relying party: ``(path, response) -> response``.
Rewrite = Callable[[str, requests.Response], requests.Response]


class DjangoClientAdapter(BaseAdapter):
    """A ``requests`` transport that answers from the Django test client instead of the network."""

    def __init__(self, rewrite: Rewrite | None = None) -> None:
        super().__init__()
        self.client = Client()
        self.rewrite = rewrite
        self.calls: list[str] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        url = urlsplit(request.url or "")
        assert f"{url.scheme}://{url.netloc}" == BASE_URL, f"the relying party called {request.url} off the test site"
        path = url.path + (f"?{url.query}" if url.query else "")
        headers = {k: v for k, v in request.headers.items() if k.lower() in {"authorization", "accept"}}
        body = request.body or b""
        answer = self.client.generic(
            request.method or "GET",
            path,
            data=body.encode() if isinstance(body, str) else body,
            content_type=request.headers.get("Content-Type", "application/octet-stream"),
            headers=headers,
        )
        response = requests.Response()
        response.status_code = answer.status_code
        response._content = answer.content
        response.headers = CaseInsensitiveDict(dict(answer.items()))
        response.url = request.url or ""
        response.request = request
        response.encoding = "utf-8"
        self.calls.append(url.path)
        return self.rewrite(url.path, response) if self.rewrite else response

    def close(self) -> None:
        pass


def install_transport(monkeypatch: pytest.MonkeyPatch, rewrite: Rewrite | None = None) -> DjangoClientAdapter:
    """Route the relying party's ``requests`` calls to the test client (and through ``rewrite``, if given)."""
    adapter = DjangoClientAdapter(rewrite)
    session = requests.Session()
    session.trust_env = False
    session.mount(BASE_URL, adapter)
    fake = types.SimpleNamespace(get=session.get, post=session.post)
    monkeypatch.setattr("mozilla_django_oidc.auth.requests", fake)
    return adapter


def local_identity(number: str = "042195001111", full_name: str = "Nguyễn Thị Hạnh", password: str = PASSWORD,
                   **fields: Any) -> LocalIdentity:  # fmt: skip
    """A test identity of the local provider."""
    identity = LocalIdentity(number=number, full_name=full_name, **fields)
    identity.set_password(password)
    identity.save()
    return identity


def start(client: Client, next_path: str | None = None) -> str:
    """Start a sign-in and follow it to the provider's page: the id of the pending request in its form."""
    query = {"next": next_path} if next_path else {}
    response = client.get("/cong-dan/oidc/authenticate/", query)
    assert response.status_code == 302, response
    response = client.get(response["Location"])
    assert response.status_code == 200, response.content[:500]
    found = re.search(rb'name="request" value="([^"]+)"', response.content)
    assert found, "the provider's sign-in form has no request id"
    return found.group(1).decode()


def answer(client: Client, request_id: str, **form: str) -> Any:
    """Post the provider's form; the response (a redirect to the relying party's callback, or the form again)."""
    return client.post("/dinh-danh-thu/authorize", {"request": request_id, **form})


def callback_query(response: Any) -> dict[str, str]:
    """The parameters the provider redirected back with."""
    location = urlsplit(response["Location"])
    return {key: values[0] for key, values in parse_qs(location.query).items()}


@pytest.fixture
def oidc_in_process(settings, monkeypatch, tmp_path_factory) -> DjangoClientAdapter:
    """The local provider, on the test server's address, with its back channel through the test client (and its
    signing key in a throwaway folder, never in the project's var/)."""
    settings.CITIZEN_OIDC_PROVIDER = "local"
    settings.CITIZEN_LOCAL_IDP_KEY_FILE = str(tmp_path_factory.getbasetemp() / "local-idp-key.pem")
    settings.PUBLIC_BASE_URL = BASE_URL
    if "motcua.citizens.oidc.CitizenOIDCBackend" not in settings.AUTHENTICATION_BACKENDS:
        settings.AUTHENTICATION_BACKENDS = [
            *settings.AUTHENTICATION_BACKENDS,
            "motcua.citizens.oidc.CitizenOIDCBackend",
        ]
    return install_transport(monkeypatch)


@pytest.fixture
def citizen_sign_in(oidc_in_process) -> Callable[..., Any]:
    """``citizen_sign_in(client, number, password, next_path=None)``: the full round trip through the local
    provider; returns the callback's response (a redirect to ``next_path`` or ``/cong-dan/`` when it worked)."""

    def sign_in(client: Client, number: str, password: str, next_path: str | None = None) -> Any:
        request_id = start(client, next_path)
        response = answer(client, request_id, number=number, password=password)
        assert response.status_code == 302, response.content[:500]
        return client.get(response["Location"])

    return sign_in
