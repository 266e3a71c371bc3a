"""Suite-wide fixtures and the rules for tests that need the PostgreSQL or Redis tier."""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.db import connection

REQUIRE_SERVICES = os.environ.get("MOTCUA_REQUIRE_SERVICES") == "1"


def pytest_collection_modifyitems(config, items):
    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    on_redis = bool(settings.CACHE_URL)
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            if REQUIRE_SERVICES:
                raise pytest.UsageError("MOTCUA_REQUIRE_SERVICES=1 but DATABASE_URL is not PostgreSQL")
            item.add_marker(pytest.mark.skip(reason="needs the PostgreSQL tier: set DATABASE_URL"))
        if "redis" in item.keywords and not on_redis:
            if REQUIRE_SERVICES:
                raise pytest.UsageError("MOTCUA_REQUIRE_SERVICES=1 but CACHE_URL is not set")
            item.add_marker(pytest.mark.skip(reason="needs the Redis tier: set CACHE_URL"))


@pytest.fixture
def db_vendor(db) -> str:
    return connection.vendor


@pytest.fixture(autouse=True)
def _audit_unlocked_for_flush(request):
    """Transactional tests end with a flush that deletes audit events; the append-only trigger allows
    it only while ``audit_unlock`` has a row. Lock before the test, unlock just before the flush."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("serialized_rollback")))
    if not (transactional or {"transactional_db", "live_server"} & set(request.fixturenames)):
        yield
        return
    request.getfixturevalue("transactional_db")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_unlock")
    yield
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO audit_unlock (reason) VALUES ('test flush')")
