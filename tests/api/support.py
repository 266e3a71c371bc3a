"""Assertions shared by the API tests."""

from __future__ import annotations

import json

PROBLEM_KEYS = {"type", "title", "status", "detail", "code", "messages", "instance"}


def assert_problem(response, *, status: int, code: str) -> dict:
    """The response is an RFC 9457 problem with this status and code, in both languages; returns its body."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)  # also for responses built outside the test client
    assert set(body) >= PROBLEM_KEYS, body
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"] == f"urn:motcua:problem:{code}"
    assert body["instance"] == response.wsgi_request.path
    assert set(body["messages"]) == {"vi", "en"}
    assert all(body["messages"].values())
    return body


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
