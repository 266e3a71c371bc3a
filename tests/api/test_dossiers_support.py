"""Shared by the dossier API tests (no tests here): the world of tests/dossiers, and its staff calling the API
with personal tokens, as a script would."""

from __future__ import annotations

import json
from typing import Any

import pytest

from motcua.api.services import api_token_create
from tests.api.support import bearer
from tests.dossiers.conftest import World, at
from tests.dossiers.conftest import world as dossier_world  # a fixture, under a name the tests do not take

__all__ = ["at", "dossier_world", "staff_fixture", "world_fixture"]  # test modules import the fixtures

DOSSIERS = "/api/v1/dossiers"


class Caller:
    """One member of staff with a Bearer token."""

    def __init__(self, client, user) -> None:
        self.client, self.user = client, user
        _, self.token = api_token_create(user=user, name="tests")

    def _headers(self, language: str | None, key: str | None) -> dict[str, str]:
        headers = bearer(self.token)
        if language:
            headers["Accept-Language"] = language
        if key:
            headers["Idempotency-Key"] = key
        return headers

    def get(self, path: str, *, language: str | None = None, **params: Any):
        return self.client.get(path, params, headers=self._headers(language, None))

    def post(self, path: str, body: Any = None, *, key: str | None = None, language: str | None = None):
        data = "" if body is None else json.dumps(body)
        return self.client.post(path, data, content_type="application/json", headers=self._headers(language, key))

    def act(self, code: str, action: str, body: Any = None, **kwargs: Any):
        return self.post(f"{DOSSIERS}/{code}/actions/{action}", body, **kwargs)

    def act_ok(self, code: str, action: str, body: Any = None, **kwargs: Any) -> dict:
        response = self.act(code, action, body, **kwargs)
        assert response.status_code == 200, response.content.decode()
        return response.json()


class Staff:
    """``staff.clerk``, ``staff.leader``…: the world's users, each calling with their own token."""

    def __init__(self, client, world: World) -> None:
        self._client, self._world, self._callers = client, world, {}

    def __getattr__(self, name: str) -> Caller:
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._callers:
            self._callers[name] = Caller(self._client, getattr(self._world, name))
        return self._callers[name]


@pytest.fixture(name="world")
def world_fixture(dossier_world) -> World:
    """The world of tests/dossiers: agencies, post offices, staff in every role, a published procedure."""
    return dossier_world


@pytest.fixture(name="staff")
def staff_fixture(client, world) -> Staff:
    return Staff(client, world)


def reception_body(world: World, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "procedure": world.version.procedure.national_code,
        "receiving_point": world.office.code,
        "lead_agency": world.committee.code,
        "channel": "counter",
        "applicant": {
            "kind": "citizen",
            "name": "Nguyễn Văn An",
            "id_number": "042098001234",
            "birth_date": "1998-05-17",
            "phone": "0912345678",
            "email": "an@example.vn",
            "address": "12 Trần Phú, Phường Thành Sen",
            "commune_code": "18073",
        },
        "components": [{"order": 1}],
        "return_method": "counter",
        "fees_paid": 50000,
    }
    body.update(overrides)
    return body


def received(staff: Staff, world: World, **overrides: Any) -> dict:
    """A dossier received through the API by the world's clerk: its representation."""
    response = staff.clerk.post(DOSSIERS, reception_body(world, **overrides))
    assert response.status_code == 201, response.content.decode()
    return response.json()


def actions_of(representation: dict) -> set[str]:
    return {item["action"] for item in representation["allowed_actions"]}
