"""Helpers shared by the calendar tests: Hanoi instants and a pure engine with the shipped schedule."""

from __future__ import annotations

import importlib
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import motcua.workdays
from motcua.workdays.calendar import WorkCalendar

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
HOURS = "07:00-11:30,13:30-17:00"

shipped = importlib.import_module("motcua.workdays.migrations.0003_announced_schedules_2025_2026")


def shipped_overrides() -> dict[date, bool]:
    return {date.fromisoformat(day): kind == "working" for day, kind, _name, _basis in shipped.ANNOUNCED}


def at(text: str) -> datetime:
    """``"2025-04-25 09:15"`` (optionally with seconds and microseconds) as an instant in Hanoi time."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


# The .mo files are compiled at setup (`make messages`), not committed: without them only English shows.
VIETNAMESE_COMPILED = (Path(motcua.workdays.__file__).parent / "locale/vi/LC_MESSAGES/django.mo").exists()
needs_vietnamese = pytest.mark.skipif(not VIETNAMESE_COMPILED, reason="translations not compiled: run make messages")

# Built once for the whole session: the engine is immutable, and building it takes ~10 ms.
CALENDAR = WorkCalendar(hours=HOURS, overrides=shipped_overrides(), tz=TZ, hours_per_day=8, version="tests")
