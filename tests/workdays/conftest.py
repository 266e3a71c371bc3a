"""Fixtures for the calendar: the pure engine, a clean calendar cache per test, the shipped rows."""

from __future__ import annotations

import pytest
from django.apps import apps as django_apps

from motcua.workdays import cache
from motcua.workdays.calendar import WorkCalendar

from .support import CALENDAR, shipped


@pytest.fixture
def calendar() -> WorkCalendar:
    return CALENDAR


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """Rolled-back test transactions fire no signals, so each test starts without memoised calendars."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def announced(db) -> None:
    """The shipped 2025–2026 rows, re-applied in case a transactional test elsewhere flushed them."""
    shipped.load_announced(django_apps, None)
    cache.clear()
