"""``manage.py api_token`` issues and revokes tokens; what it prints works against the API."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from motcua.api.models import ApiToken
from tests.api.support import assert_problem, bearer

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"


def _issue(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_the_printed_token_works_and_is_alone_on_standard_output(client, clerk):
    raw, notice = _issue("lan", "--name", "báo cáo hằng đêm")
    assert raw.startswith("mc_")
    assert "\n" not in raw
    assert raw[:8] in notice
    assert "only once" in notice
    assert client.get(ME, headers=bearer(raw)).json()["username"] == "lan"
    token = ApiToken.objects.get()
    assert token.name == "báo cáo hằng đêm"
    assert token.expires_at is None


def test_expires_days_sets_the_expiry(clerk):
    _issue("lan", "--expires-days", "30")
    expires_at = ApiToken.objects.get().expires_at
    assert expires_at is not None
    assert abs(expires_at - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)


def test_revoke_by_prefix_stops_the_token(client, clerk):
    raw, _ = _issue("lan")
    other, _ = _issue("lan")
    out = StringIO()
    call_command("api_token", "lan", "--revoke", raw[:8], stdout=out)
    assert "1" in out.getvalue()
    assert_problem(client.get(ME, headers=bearer(raw)), status=401, code="api_token_invalid")
    assert client.get(ME, headers=bearer(other)).status_code == 200


def test_revoking_an_unknown_prefix_fails(clerk):
    with pytest.raises(CommandError, match="no active token"):
        call_command("api_token", "lan", "--revoke", "mc_nope")


def test_an_unknown_user_gets_no_token():
    with pytest.raises(CommandError, match="No user named ghost"):
        call_command("api_token", "ghost")


def test_expires_days_must_be_positive(clerk):
    with pytest.raises(CommandError):
        call_command("api_token", "lan", "--expires-days", "0")
    assert not ApiToken.objects.exists()
