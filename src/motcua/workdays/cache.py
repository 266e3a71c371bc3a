"""Keeping built calendars per process, and knowing when the overrides changed.

A built :class:`WorkCalendar` is memoised per process under (office hours, settings, overrides
version). The version is a fingerprint of the ``DayOverride`` table (row count, newest change, highest
id) kept in Django's cache:

* a change through the admin, the services or any ``Model.save``/``delete`` drops the stamp at once
  and again on commit (signals, for cache invalidation only), so the next lookup re-reads the table;
* with a shared cache (Redis, ``CACHE_URL``) every process sees that at once; with the per-process
  memory cache other processes notice within :data:`VERSION_TTL` seconds, when their stamp expires and
  they fingerprint the table again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max

from .calendar import WorkCalendar
from .models import DayOverride

VERSION_KEY = "motcua:workdays:overrides-version"
#: Seconds a process trusts its stamp before fingerprinting the table again.
VERSION_TTL = 60
_MAX_CALENDARS = 16

_calendars: OrderedDict[Hashable, WorkCalendar] = OrderedDict()
_lock = threading.Lock()


def overrides_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        stats = DayOverride.objects.aggregate(count=Count("id"), newest=Max("updated_at"), top=Max("id"))
        newest = stats["newest"].isoformat() if stats["newest"] else "-"
        version = f"{stats['count']}:{stats['top'] or 0}:{newest}"
        cache.set(VERSION_KEY, version, VERSION_TTL)
    return version


def overrides_changed() -> None:
    """Drop the stamp now (this transaction sees its own change) and after commit (everyone else does)."""
    cache.delete(VERSION_KEY)
    transaction.on_commit(lambda: cache.delete(VERSION_KEY))


def memoised(key: Hashable, build: Callable[[], WorkCalendar]) -> WorkCalendar:
    with _lock:
        found = _calendars.get(key)
        if found is not None:
            _calendars.move_to_end(key)
            return found
    built = build()  # outside the lock: two threads may both build, the result is the same
    with _lock:
        _calendars[key] = built
        while len(_calendars) > _MAX_CALENDARS:
            _calendars.popitem(last=False)
    return built


def clear() -> None:
    """Forget every built calendar and the stamp (tests, and after restoring a database)."""
    with _lock:
        _calendars.clear()
    cache.delete(VERSION_KEY)
