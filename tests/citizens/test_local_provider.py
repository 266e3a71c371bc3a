"""The local identity provider's own endpoints, spoken to directly as a client would."""

from __future__ import annotations

import base64
import os
import stat

import pytest
from django.core.checks import registry

from motcua.citizens.checks import citizen_identity_provider_check
from motcua.citizens.idp import registration
from motcua.citizens.idp.keys import key_path
from tests.citizens.oidc_helpers import PASSWORD, answer, callback_query, local_identity

pytestmark = pytest.mark.django_db
CALLBACK = "http://testserver/cong-dan/oidc/callback/"


def authorize(client, **params):
    query = {"client_id": "motcua", "redirect_uri": CALLBACK, "response_type": "code", "scope": "openid",
             "state": "s1", "nonce": "n1", **params}  # fmt: skip
    return client.get("/dinh-danh-thu/authorize", query)


def code_for(client, **params) -> str:
    page = authorize(client, **params)
    request_id = page.content.split(b'name="request" value="')[1].split(b'"')[0].decode()
    back = answer(client, request_id, number="042195001111", password=PASSWORD)
    return callback_query(back)["code"]


def exchange(client, code, *, secret=None, redirect_uri=CALLBACK, basic=True, **extra):
    secret = registration.client_secret() if secret is None else secret
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri, **extra}
    if basic:
        credentials = base64.b64encode(f"motcua:{secret}".encode()).decode()
        return client.post("/dinh-danh-thu/token", data, headers={"authorization": f"Basic {credentials}"})
    return client.post("/dinh-danh-thu/token", {**data, "client_id": "motcua", "client_secret": secret})


def test_discovery_names_the_endpoints(client, oidc_in_process):
    config = client.get("/dinh-danh-thu/.well-known/openid-configuration").json()
    assert config["issuer"] == "http://testserver/dinh-danh-thu"
    assert config["token_endpoint"] == "http://testserver/dinh-danh-thu/token"
    assert config["code_challenge_methods_supported"] == ["S256"]


def test_jwks_serves_only_the_public_key_and_the_key_file_is_private(client, oidc_in_process):
    (key,) = client.get("/dinh-danh-thu/jwks").json()["keys"]
    assert {"kty", "n", "e", "kid"} <= key.keys() and "d" not in key and "p" not in key
    assert stat.S_IMODE(os.stat(key_path()).st_mode) == 0o600


@pytest.mark.parametrize("post", [False, True])
def test_code_is_exchanged_once_with_basic_or_post_client_auth(client, oidc_in_process, post):
    local_identity()
    code = code_for(client)
    tokens = exchange(client, code, basic=not post)
    assert tokens.status_code == 200 and {"id_token", "access_token"} <= tokens.json().keys()
    assert tokens["Cache-Control"] == "no-store"
    info = client.get("/dinh-danh-thu/userinfo", headers={"authorization": f"Bearer {tokens.json()['access_token']}"})
    assert info.json()["id_number"] == "042195001111"

    replay = exchange(client, code, basic=not post)
    assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant"


def test_wrong_client_secret_is_refused_and_burns_nothing(client, oidc_in_process):
    local_identity()
    code = code_for(client)
    refused = exchange(client, code, secret="guess")
    assert refused.status_code == 401 and refused.json()["error"] == "invalid_client"
    assert exchange(client, code).status_code == 200


def test_code_is_bound_to_its_redirect_uri(client, oidc_in_process):
    local_identity()
    code = code_for(client)
    assert exchange(client, code, redirect_uri="http://testserver/other/").json()["error"] == "invalid_grant"
    assert exchange(client, code).json()["error"] == "invalid_grant"  # refused once, gone for good


def test_unregistered_redirect_uri_is_never_redirected_to(client, oidc_in_process):
    page = authorize(client, redirect_uri="https://evil.example/callback")
    assert page.status_code == 400
    assert "evil.example" not in page.get("Location", "")
    assert "chưa được đăng ký" in page.content.decode()


def test_expired_code_is_refused(client, oidc_in_process, settings):
    local_identity()
    settings.CITIZEN_LOCAL_IDP_CODE_SECONDS = -1
    assert exchange(client, code_for(client)).json()["error"] == "invalid_grant"


def test_pkce_verifier_is_required_when_a_challenge_was_sent(client, oidc_in_process):
    local_identity()
    verifier = "v" * 50
    challenge = base64.urlsafe_b64encode(__import__("hashlib").sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    code = code_for(client, code_challenge=challenge, code_challenge_method="S256")
    assert exchange(client, code, code_verifier="w" * 50).json()["error"] == "invalid_grant"
    code = code_for(client, code_challenge=challenge, code_challenge_method="S256")
    assert exchange(client, code, code_verifier=verifier).status_code == 200


def test_plain_pkce_and_missing_openid_scope_are_refused_back_to_the_client(client, oidc_in_process):
    assert callback_query(authorize(client, code_challenge="x" * 43, code_challenge_method="plain"))["error"] == (
        "invalid_request"
    )
    refused = callback_query(authorize(client, scope="email"))
    assert refused["error"] == "invalid_scope" and refused["state"] == "s1"


def test_userinfo_needs_a_valid_bearer_token(client, oidc_in_process):
    assert client.get("/dinh-danh-thu/userinfo").status_code == 401
    assert client.get("/dinh-danh-thu/userinfo", headers={"authorization": "Bearer forged"}).status_code == 401


def test_too_many_wrong_passwords_lock_the_number(client, oidc_in_process, settings):
    settings.CITIZEN_LOCAL_IDP_FAILURE_LIMIT = 2
    local_identity(number="042195009999")
    for _ in range(2):
        page = authorize(client)
        request_id = page.content.split(b'name="request" value="')[1].split(b'"')[0].decode()
        answer(client, request_id, number="042195009999", password="wrong")
    page = authorize(client)
    request_id = page.content.split(b'name="request" value="')[1].split(b'"')[0].decode()
    locked = answer(client, request_id, number="042195009999", password=PASSWORD)
    assert locked.status_code == 429


@pytest.mark.parametrize("number", ["0" * 5000, "12345", "", "９" * 12])
def test_bad_numbers_are_a_form_error_not_a_crash(client, oidc_in_process, number):
    page = authorize(client)
    request_id = page.content.split(b'name="request" value="')[1].split(b'"')[0].decode()
    response = answer(client, request_id, number=number, password="x")
    assert response.status_code in (400, 401)
    assert b"form-field__error" in response.content


def test_unknown_pending_request_is_explained(client, oidc_in_process):
    response = answer(client, "not-a-request", number="042195001111", password=PASSWORD)
    assert response.status_code == 400 and "hết hạn" in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/dinh-danh-thu/.well-known/openid-configuration", "/dinh-danh-thu/authorize", "/dinh-danh-thu/jwks",
             "/dinh-danh-thu/userinfo", "/dinh-danh-thu/end_session"],
)  # fmt: skip
def test_the_local_provider_is_not_there_with_an_external_one(client, settings, path):
    settings.CITIZEN_OIDC_PROVIDER = "external"
    assert client.get(path).status_code == 404
    assert client.post("/dinh-danh-thu/token", {"grant_type": "authorization_code"}).status_code == 404


def test_deploy_check_refuses_the_local_provider(settings):
    settings.CITIZEN_OIDC_PROVIDER = "local"
    (error,) = citizen_identity_provider_check()
    assert error.id == "motcua.E141" and "local" in error.msg
    assert citizen_identity_provider_check in registry.registry.get_checks(include_deployment_checks=True)


def test_deploy_check_asks_for_the_external_providers_settings(settings):
    settings.CITIZEN_OIDC_PROVIDER = "external"
    settings.OIDC_RP_CLIENT_ID = ""
    assert any("OIDC_RP_CLIENT_ID" in error.msg for error in citizen_identity_provider_check())
    for name in ("OIDC_RP_CLIENT_ID", "OIDC_RP_CLIENT_SECRET", "OIDC_OP_ISSUER", "OIDC_OP_AUTHORIZATION_ENDPOINT",
                 "OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT"):  # fmt: skip
        setattr(settings, name, "https://idp.example/x")
    assert citizen_identity_provider_check() == []
