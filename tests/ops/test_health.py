"""`/healthz` and `/readyz`: public, never cached, JSON; readiness says which check failed and never why."""

import json

import pytest
from kombu.exceptions import OperationalError

from motcua.core import health


def test_healthz_answers_without_touching_the_database(client):
    """GIVEN no database access allowed (no `db` fixture) WHEN a probe asks THEN the process answers 200."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_each_check_and_skips_the_broker_when_tasks_run_in_process(client, settings):
    settings.CELERY_BROKER_URL = ""  # no broker configured: the tasks run in process
    response = client.get("/readyz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ready",
        "checks": {"database": "ok", "migrations": "ok", "cache": "ok", "broker": "skipped"},
    }
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_503_naming_the_failed_check_without_its_reason(client, monkeypatch, caplog):
    def broken() -> str:
        raise ConnectionError("redis://:hunter2@10.0.0.7:6379/1 refused")

    monkeypatch.setitem(health.READINESS_CHECKS, "cache", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"] == "error"
    assert body["checks"]["database"] == "ok"
    assert b"hunter2" not in response.content
    assert "hunter2" in caplog.text, "the reason goes to the log"


@pytest.mark.django_db
def test_readyz_is_503_while_a_migration_is_unapplied(client, monkeypatch):
    class PendingExecutor:
        def __init__(self, connection):
            self.loader = type("Loader", (), {"graph": type("Graph", (), {"leaf_nodes": lambda self: []})()})()

        def migration_plan(self, targets):
            return [("dossiers", "9999_not_yet")]

    monkeypatch.setattr(health, "_migrations_seen_applied", False)
    monkeypatch.setattr(health, "MigrationExecutor", PendingExecutor)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["migrations"] == "pending"


def test_probes_answer_only_safe_methods(client):
    assert client.post("/healthz").status_code == 405


def test_the_broker_check_fails_when_the_broker_does_not_answer(settings, monkeypatch):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    monkeypatch.setattr(health, "BROKER_TIMEOUT_SECONDS", 1.0)
    with pytest.raises(OperationalError):
        health.broker_check()
