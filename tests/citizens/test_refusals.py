"""Every way a sign-in must fail: forged or stale answers, tokens that do not verify, no ID number, a staff
member's account. Each ends on the failure page with nobody signed in."""

from __future__ import annotations

import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import SESSION_KEY

from motcua.accounts.models import User
from motcua.citizens.idp.keys import public_jwk, signing_key
from motcua.citizens.models import CitizenAccount
from motcua.citizens.oidc import CitizenOIDCBackend
from tests.citizens.oidc_helpers import PASSWORD, answer, install_transport, local_identity, start
from tests.factories import citizen_account

pytestmark = pytest.mark.django_db


def failure_after_callback(client, callback_response) -> str:
    """The failure page's text after the callback ``callback_response`` redirected to it."""
    assert callback_response.status_code == 302
    assert callback_response["Location"] == "/cong-dan/dang-nhap/loi/", callback_response["Location"]
    assert SESSION_KEY not in client.session
    return client.get("/cong-dan/dang-nhap/loi/").content.decode()


def round_trip(client, number="042195001111", password=PASSWORD):
    """Sign in up to the callback; its response."""
    back = answer(client, start(client), number=number, password=password)
    return client.get(back["Location"])


def rewriting_id_token(change):
    """A transport hook that re-signs the provider's id token after ``change(claims, headers) -> key``."""

    def rewrite(path, response):
        if path.endswith("/token") and response.status_code == 200:
            body = response.json()
            claims = jwt.decode(body["id_token"], options={"verify_signature": False})
            headers = {"kid": public_jwk()["kid"]}
            key = change(claims, headers) or signing_key()
            body["id_token"] = jwt.encode(claims, key, algorithm="RS256", headers=headers)
            response._content = __import__("json").dumps(body).encode()
        return response

    return rewrite


def test_forged_state_is_refused(client, oidc_in_process):
    start(client)
    response = client.get("/cong-dan/oidc/callback/", {"code": "anything", "state": "not-the-one-we-sent"})
    assert "không xác minh được" in failure_after_callback(client, response).lower()
    assert "/dinh-danh-thu/token" not in oidc_in_process.calls


def test_callback_without_any_started_sign_in_counts_as_expired(client, oidc_in_process):
    response = client.get("/cong-dan/oidc/callback/", {"code": "anything", "state": "x"})
    assert "hết hạn" in failure_after_callback(client, response)


def test_sign_in_completed_too_late_is_refused_as_expired(client, oidc_in_process, settings):
    local_identity()
    back = answer(client, start(client), number="042195001111", password=PASSWORD)
    settings.CITIZEN_SIGN_IN_MAX_SECONDS = -1
    assert "hết hạn" in failure_after_callback(client, client.get(back["Location"]))
    assert not CitizenAccount.objects.exists()


def test_wrong_nonce_is_refused(client, oidc_in_process, monkeypatch):
    local_identity()
    install_transport(monkeypatch, rewriting_id_token(lambda claims, headers: claims.update(nonce="other")))
    assert "không xác minh được" in failure_after_callback(client, round_trip(client)).lower()
    assert not CitizenAccount.objects.exists()


def test_token_signed_by_another_key_is_refused(client, oidc_in_process, monkeypatch):
    local_identity()
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    install_transport(monkeypatch, rewriting_id_token(lambda claims, headers: other))
    assert "không xác minh được" in failure_after_callback(client, round_trip(client)).lower()
    assert not CitizenAccount.objects.exists()


def test_expired_token_is_refused(client, oidc_in_process, monkeypatch):
    local_identity()

    def expire(claims, headers):
        claims.update(iat=int(time.time()) - 7200, exp=int(time.time()) - 3600)

    install_transport(monkeypatch, rewriting_id_token(expire))
    assert "hết hạn" in failure_after_callback(client, round_trip(client))
    assert not CitizenAccount.objects.exists()


@pytest.mark.parametrize("claim, value", [("aud", "another-client"), ("iss", "https://idp.evil.example")])
def test_token_for_another_client_or_from_another_issuer_is_refused(client, oidc_in_process, monkeypatch, claim, value):
    local_identity()
    install_transport(monkeypatch, rewriting_id_token(lambda claims, headers: claims.update({claim: value})))
    assert "không xác minh được" in failure_after_callback(client, round_trip(client)).lower()


def test_unsigned_token_is_refused(client, oidc_in_process, monkeypatch, settings):
    settings.OIDC_ALLOW_UNSECURED_JWT = True
    local_identity()

    def unsigned(path, response):
        if path.endswith("/token") and response.status_code == 200:
            body = response.json()
            claims = jwt.decode(body["id_token"], options={"verify_signature": False})
            body["id_token"] = jwt.encode(claims, None, algorithm="none")
            response._content = __import__("json").dumps(body).encode()
        return response

    install_transport(monkeypatch, unsigned)
    assert "không xác minh được" in failure_after_callback(client, round_trip(client)).lower()


def test_replayed_callback_is_refused(client, citizen_sign_in):
    local_identity()
    back = answer(client, start(client), number="042195001111", password=PASSWORD)
    assert client.get(back["Location"])["Location"] == "/cong-dan/"
    client.logout()
    assert "/dang-nhap/loi/" in client.get(back["Location"])["Location"]
    assert SESSION_KEY not in client.session


def test_token_without_a_valid_id_number_makes_no_account(client, oidc_in_process, settings):
    local_identity()
    settings.CITIZEN_OIDC_CLAIM_ID_NUMBER = "national_id"  # a claim the provider does not send
    text = failure_after_callback(client, round_trip(client))
    assert "không tạo tài khoản" in text
    assert not CitizenAccount.objects.exists() and not User.objects.exists()


def test_staff_user_with_the_same_user_name_and_email_is_not_taken_over(client, citizen_sign_in):
    staff = User.objects.create_user(username="042195001111", email="hanh@example.vn", password="x", is_staff=True)
    local_identity(email="hanh@example.vn")

    citizen_sign_in(client, "042195001111", PASSWORD)

    signed_in = User.objects.get(pk=client.session[SESSION_KEY])
    assert signed_in != staff and not signed_in.is_staff
    assert CitizenAccount.objects.get().user == signed_in
    assert not CitizenAccount.objects.filter(user=staff).exists()
    assert CitizenOIDCBackend().get_user(staff.pk) is None


def test_staff_password_sign_in_never_reaches_the_provider(client, oidc_in_process):
    User.objects.create_user(username="clerk", password="mat-khau-dai-123", is_staff=True)
    response = client.post("/accounts/login/?code=x&state=y", {"username": "clerk", "password": "mat-khau-dai-123"})
    assert response.status_code == 302
    assert oidc_in_process.calls == []


def test_number_held_through_another_provider_is_refused(client, oidc_in_process):
    citizen_account(owner_number="042195001111", issuer="https://other-idp.example", subject="someone")
    local_identity()
    assert "tài khoản khác" in failure_after_callback(client, round_trip(client))
    assert CitizenAccount.objects.get().issuer == "https://other-idp.example"


def test_the_provider_never_signs_anyone_into_django(client, oidc_in_process):
    local_identity()
    back = answer(client, start(client), number="042195001111", password=PASSWORD)
    assert back.status_code == 302 and "code=" in back["Location"]
    assert SESSION_KEY not in client.session
