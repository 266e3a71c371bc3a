"""Administrators see tokens (never the token itself) and revoke them; they cannot create one in the admin."""

from __future__ import annotations

import pytest

from motcua.api.models import ApiToken
from motcua.api.services import api_token_create
from motcua.audit.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/api/apitoken/"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_the_list_shows_prefix_and_state_in_vietnamese(admin_client, clerk):
    api_token_create(user=clerk, name="báo cáo")
    body = admin_client.get(CHANGELIST).content.decode()
    assert "Mã truy cập API" in body or "mã truy cập API" in body
    assert "còn hiệu lực" in body
    assert ApiToken.objects.get().prefix in body


def test_tokens_cannot_be_added_in_the_admin(admin_client):
    assert admin_client.get(f"{CHANGELIST}add/").status_code == 403


def test_the_hash_is_read_only(admin_client, clerk):
    token, _ = api_token_create(user=clerk, name="báo cáo")
    page = admin_client.get(f"{CHANGELIST}{token.pk}/change/").content.decode()
    assert token.token_hash in page
    assert 'name="token_hash"' not in page


def test_the_revoke_action_revokes_and_is_audited(admin_client, clerk):
    token, _ = api_token_create(user=clerk, name="báo cáo")
    response = admin_client.post(CHANGELIST, {"action": "revoke", "_selected_action": [token.pk]}, follow=True)
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None
    event = AuditEvent.objects.filter(action="api.token_revoked").get()
    assert event.actor_label == "root" or event.actor_id is not None
