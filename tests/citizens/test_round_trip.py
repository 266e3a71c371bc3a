"""The full OpenID Connect round trip through the local provider, in-process."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY

from motcua.accounts.models import User
from motcua.citizens.models import AccountKind, CitizenAccount
from tests.citizens.oidc_helpers import PASSWORD, answer, callback_query, local_identity, start

pytestmark = pytest.mark.django_db


def signed_in_user(client) -> User | None:
    user_id = client.session.get(SESSION_KEY)
    return User.objects.filter(pk=user_id).first() if user_id else None


def test_round_trip_signs_in_a_citizen_and_makes_the_account(client, citizen_sign_in, oidc_in_process):
    """GIVEN a test identity WHEN the person signs in at the local provider THEN the relying party fetched the
    token, JWKS and userinfo over the back channel, made the account from the claims and signed the person in."""
    local_identity(phone="0995001111", email="hanh@example.vn", address="Hà Tĩnh")

    response = citizen_sign_in(client, "042195001111", PASSWORD)

    assert response.status_code == 302 and response["Location"] == "/cong-dan/"
    account = CitizenAccount.objects.get(owner_number="042195001111")
    assert (account.full_name, account.phone, account.email, account.address, account.kind) == (
        "Nguyễn Thị Hạnh", "0995001111", "hanh@example.vn", "Hà Tĩnh", AccountKind.CITIZEN,
    )  # fmt: skip
    assert account.issuer == "http://testserver/dinh-danh-thu"
    assert signed_in_user(client) == account.user
    assert not account.user.is_staff and not account.user.has_usable_password()
    assert {"/dinh-danh-thu/token", "/dinh-danh-thu/jwks", "/dinh-danh-thu/userinfo"} <= set(oidc_in_process.calls)


def test_second_sign_in_refreshes_the_account(client, citizen_sign_in):
    identity = local_identity()
    citizen_sign_in(client, "042195001111", PASSWORD)
    identity.phone = "0912345678"
    identity.save()
    client.logout()

    citizen_sign_in(client, "042195001111", PASSWORD)

    assert CitizenAccount.objects.count() == 1
    assert CitizenAccount.objects.get().phone == "0912345678"


def test_a_business_signs_in_with_its_tax_code(client, citizen_sign_in):
    local_identity(number="3001234567", full_name="Công ty TNHH Hồng Lĩnh", kind=AccountKind.ORGANIZATION)

    citizen_sign_in(client, "3001234567", PASSWORD)

    assert CitizenAccount.objects.get().kind == AccountKind.ORGANIZATION


def test_next_on_this_site_is_kept(client, citizen_sign_in):
    local_identity()
    response = citizen_sign_in(client, "042195001111", PASSWORD, next_path="/cong-dan/ho-so/ABC?x=1")
    assert response["Location"] == "/cong-dan/ho-so/ABC?x=1"


@pytest.mark.parametrize(
    "next_path", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]
)
def test_next_to_another_host_is_ignored(client, citizen_sign_in, next_path):
    local_identity()
    response = citizen_sign_in(client, "042195001111", PASSWORD, next_path=next_path)
    assert response["Location"] == "/cong-dan/"


def test_sign_in_page_keeps_only_a_same_site_next(client, oidc_in_process):
    page = client.get("/cong-dan/dang-nhap/", {"next": "https://evil.example/"})
    assert page.status_code == 200
    assert b'class="button button--block" href="/cong-dan/oidc/authenticate/"' in page.content
    page = client.get("/cong-dan/dang-nhap/", {"next": "/cong-dan/ho-so/"})
    assert b'href="/cong-dan/oidc/authenticate/?next=%2Fcong-dan%2Fho-so%2F"' in page.content


def test_wrong_password_shows_the_form_again_and_signs_nobody_in(client, oidc_in_process):
    local_identity()
    request_id = start(client)

    response = answer(client, request_id, number="042195001111", password="wrong")

    assert response.status_code == 401
    assert "Số định danh hoặc mật khẩu không đúng".encode() in response.content
    assert signed_in_user(client) is None


def test_cancel_returns_access_denied_and_the_failure_page_explains(client, oidc_in_process):
    local_identity()
    request_id = start(client)

    back = answer(client, request_id, cancel="1")
    assert callback_query(back)["error"] == "access_denied" and callback_query(back)["state"]
    failed = client.get(back["Location"])
    page = client.get(failed["Location"])

    assert failed["Location"] == "/cong-dan/dang-nhap/loi/"
    assert page.status_code == 403
    assert "Bạn đã huỷ đăng nhập".encode() in page.content
    assert b'href="/cong-dan/dang-nhap/"' in page.content
    assert signed_in_user(client) is None and not CitizenAccount.objects.exists()


def test_provider_error_text_is_shown_escaped(client, oidc_in_process):
    start(client)
    state = next(iter(client.session["oidc_states"]))
    client.get(
        "/cong-dan/oidc/callback/", {"error": "server_error", "error_description": "<script>x</script>", "state": state}
    )

    page = client.get("/cong-dan/dang-nhap/loi/")

    assert b"<script>x</script>" not in page.content
    assert b"&lt;script&gt;x&lt;/script&gt;" in page.content
    assert b"server_error" in page.content


def test_sign_out_ends_the_session_and_the_providers(client, citizen_sign_in):
    local_identity()
    citizen_sign_in(client, "042195001111", PASSWORD)

    response = client.post("/cong-dan/dang-xuat/")

    assert response.status_code == 302
    assert response["Location"].startswith("http://testserver/dinh-danh-thu/end_session?")
    assert signed_in_user(client) is None
    back = client.get(response["Location"])
    assert back.status_code == 302 and back["Location"] == "http://testserver/"
    assert "citizens_idp_subject" not in client.session
    assert client.get("/cong-dan/dang-xuat/").status_code == 405
