"""Staff authenticate with a session or a personal API token; /me shows who they are and what they see."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.utils import timezone

from motcua.api.auth import SessionAuth
from motcua.api.models import ApiToken
from motcua.api.services import api_token_authenticate, api_token_create, api_token_revoke
from motcua.core.errors import ApplicationError
from tests.api.support import assert_problem, bearer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"


def test_me_without_credentials_is_a_401_problem_with_a_challenge(client):
    response = client.get(ME)
    assert_problem(response, status=401, code="authentication_required")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_me_with_a_session_shows_the_user_roles_and_scope(client, clerk):
    client.force_login(clerk)
    response = client.get(ME)
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "lan"
    assert body["full_name"] == "Nguyễn Thị Lan"
    assert body["receiving_points"] == ["BC-A"]  # not post office B
    assert body["agencies"] == []
    (role,) = body["roles"]
    assert role["role"] == "postal_clerk"
    assert role["scope"] == "Bưu cục BC-A"
    assert role["label"] == "nhân viên bưu điện"  # in the request's language, Vietnamese by default
    assert "Receive dossiers and issue receipts with the appointment date" not in role["capabilities"]
    assert len(role["capabilities"]) == 3


def test_me_with_a_bearer_token_shows_the_agencies_in_scope(client, specialist):
    _, raw = api_token_create(user=specialist, name="script")
    response = client.get(ME, headers=bearer(raw))
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "minh"
    assert sorted(body["agencies"]) == ["H42.10", "H42.10.01"]  # the agency and the unit under it
    assert body["receiving_points"] == []


def test_a_user_without_assignment_authenticates_but_sees_nothing(client):
    _, raw = api_token_create(user=UserFactory(username="khach"), name="script")
    body = client.get(ME, headers=bearer(raw)).json()
    assert (body["roles"], body["receiving_points"], body["agencies"]) == ([], [], [])


@pytest.mark.parametrize(
    "header",
    [
        "Bearer mc_not-a-real-token",
        "Bearer abc",
        "Bearer ",
        "Bearer mc_" + "x" * 500,
    ],
)
def test_a_malformed_or_unknown_token_is_a_401_problem(client, clerk, header):
    response = client.get(ME, headers={"Authorization": header})
    assert_problem(response, status=401, code="api_token_invalid")


def test_a_revoked_token_is_refused(client, clerk):
    token, raw = api_token_create(user=clerk, name="script")
    assert client.get(ME, headers=bearer(raw)).status_code == 200
    api_token_revoke(token=token)
    assert_problem(client.get(ME, headers=bearer(raw)), status=401, code="api_token_invalid")


def test_an_expired_token_is_refused(client, clerk):
    _, raw = api_token_create(user=clerk, name="script", expires_at=timezone.now() + timedelta(days=1))
    assert client.get(ME, headers=bearer(raw)).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=1, seconds=1)):
        assert_problem(client.get(ME, headers=bearer(raw)), status=401, code="api_token_invalid")


def test_the_token_of_an_inactive_user_is_refused(client, clerk):
    _, raw = api_token_create(user=clerk, name="script")
    clerk.is_active = False
    clerk.save()
    assert_problem(client.get(ME, headers=bearer(raw)), status=401, code="api_token_invalid")


def test_a_bad_token_is_refused_even_with_a_valid_session(client, clerk):
    client.force_login(clerk)
    assert_problem(client.get(ME, headers=bearer("mc_wrong")), status=401, code="api_token_invalid")


def test_the_token_is_stored_hashed_and_appears_nowhere_in_the_database(clerk):
    token, raw = api_token_create(user=clerk, name="script")
    assert raw.startswith("mc_")
    assert token.prefix == raw[:8]
    assert len(token.token_hash) == 64
    dump = StringIO()
    call_command("dumpdata", stdout=dump)  # every table, the audit chain included
    assert raw not in dump.getvalue()
    assert raw[8:20] not in dump.getvalue()


def test_last_use_is_recorded_at_most_once_a_minute(clerk):
    token, raw = api_token_create(user=clerk, name="script")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert api_token_authenticate(raw=raw) == clerk
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        api_token_authenticate(raw=raw)
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        api_token_authenticate(raw=raw)
    token.refresh_from_db()
    assert token.last_used_at == start + timedelta(seconds=61)


def test_a_token_needs_a_name_an_active_user_and_a_future_expiry(clerk):
    with pytest.raises(ApplicationError) as no_name:
        api_token_create(user=clerk, name="  ")
    assert no_name.value.code == "api_token_name_required"
    with pytest.raises(ApplicationError) as past:
        api_token_create(user=clerk, name="x", expires_at=timezone.now() - timedelta(seconds=1))
    assert past.value.code == "api_token_expiry_in_past"
    clerk.is_active = False
    with pytest.raises(ApplicationError) as inactive:
        api_token_create(user=clerk, name="x")
    assert inactive.value.code == "api_token_user_inactive"
    assert not ApiToken.objects.exists()


def test_revoking_twice_keeps_the_first_revocation_time(clerk):
    token, _ = api_token_create(user=clerk, name="script")
    first = api_token_revoke(token=token).revoked_at
    assert api_token_revoke(token=token).revoked_at == first


class TestSessionCsrf:
    """No unsafe endpoint exists yet; the session authenticator the dossier endpoints will use is tested here."""

    def _request(self, user, *, with_token: bool):
        factory = RequestFactory()
        seed = factory.get("/")
        token = get_token(seed)  # sets the CSRF cookie value on the seed request
        headers = {"X-CSRFToken": token} if with_token else {}
        request = factory.post("/api/v1/anything", headers=headers)
        request.COOKIES["csrftoken"] = seed.META["CSRF_COOKIE"]
        request.user = user
        return request

    def test_an_unsafe_session_request_without_the_csrf_token_is_refused(self, clerk):
        with pytest.raises(ApplicationError) as refused:
            SessionAuth()(self._request(clerk, with_token=False))
        assert refused.value.code == "csrf_failed"

    def test_an_unsafe_session_request_with_the_csrf_token_passes(self, clerk):
        assert SessionAuth()(self._request(clerk, with_token=True)) == clerk

    def test_a_safe_session_request_needs_no_csrf_token(self, clerk):
        request = RequestFactory().get("/api/v1/me")
        request.user = clerk
        assert SessionAuth()(request) == clerk
