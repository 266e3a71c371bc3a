"""The one-server tier: PostgreSQL, the Redis cache and the Celery broker, as configured in CI."""

import uuid

import pytest
from django.core.cache import cache
from django.db import connection


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_database_is_postgresql_when_database_url_says_so():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        assert int(cursor.fetchone()[0]) >= 130000


@pytest.mark.redis
def test_the_shared_cache_is_redis_and_round_trips_vietnamese_text():
    from django.core.cache import caches

    assert type(caches["default"]).__name__ == "RedisCache"
    key = f"motcua-test-{uuid.uuid4()}"
    cache.set(key, {"tên": "Đăng ký khai sinh"}, timeout=30)
    assert cache.get(key) == {"tên": "Đăng ký khai sinh"}
    cache.delete(key)


@pytest.mark.redis
def test_the_celery_broker_accepts_connections():
    from motcua import celery_app

    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=2)
        assert conn.connected
