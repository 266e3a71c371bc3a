"""Probes for load balancers and supervisors: ``/healthz`` (the process answers) and ``/readyz`` (it can serve).

Both are public, answer JSON, and are never cached. They say which check failed, never why: the reason (an
address, a driver's message) goes to the log, not to whoever asks (docs/operations.md, "Health and readiness").
A probe needs a ``Host`` header that ``ALLOWED_HOSTS`` accepts, like any request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from motcua import celery_app

logger = logging.getLogger("motcua.health")

BROKER_TIMEOUT_SECONDS = 2.0

# Once every migration is applied, a process keeps its code and the database keeps its schema: the migration
# graph, which costs a few hundred milliseconds to load, is not read again on every probe.
_migrations_seen_applied = False


@login_not_required
@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. Touches nothing else, so a database outage does not restart the web."""
    return JsonResponse({"status": "ok"})


@login_not_required
@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: the database answers with no unapplied migration, the cache answers, the broker answers.

    200 when every check is ``ok`` (or ``skipped``: no broker on the embedded tier), 503 otherwise.
    """
    checks = {name: _run(name, check) for name, check in READINESS_CHECKS.items()}
    ready = all(outcome in {"ok", "skipped"} for outcome in checks.values())
    return JsonResponse({"status": "ready" if ready else "unavailable", "checks": checks}, status=200 if ready else 503)


def _run(name: str, check: Callable[[], str]) -> str:
    try:
        return check()
    except Exception:
        logger.warning("readiness check %s failed", name, exc_info=True)
        return "error"


def database_check() -> str:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def migrations_check() -> str:
    global _migrations_seen_applied
    if not _migrations_seen_applied:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            return "pending"
        _migrations_seen_applied = True
    return "ok"


def cache_check() -> str:
    # A key of its own per probe: probes of several workers at once must not read each other's value.
    key = f"motcua:readyz:{get_random_string(16)}"
    cache.set(key, "ok", timeout=10)
    answer = cache.get(key)
    cache.delete(key)
    return "ok" if answer == "ok" else "error"


def broker_check() -> str:
    if not settings.CELERY_BROKER_URL:
        return "skipped"
    with celery_app.connection_for_write(url=settings.CELERY_BROKER_URL) as connection:
        connection.ensure_connection(max_retries=1, interval_start=0, timeout=BROKER_TIMEOUT_SECONDS)
    return "ok"


READINESS_CHECKS: dict[str, Callable[[], str]] = {
    "database": database_check,
    "migrations": migrations_check,
    "cache": cache_check,
    "broker": broker_check,
}
