"""The app's settings, read from ``django.conf.settings`` with the defaults of ``motcua.conf.submissions`` (so the
app works before the settings module is imported by the base settings, and tests override them as usual)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from motcua.conf import submissions as defaults


def setting(name: str) -> Any:
    return getattr(settings, name, getattr(defaults, name))
