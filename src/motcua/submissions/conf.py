"""The app's settings, read from ``django.conf.settings`` with the defaults of ``motcua.conf.submissions`` (so the
app works before the settings module is imported by the base settings, and tests override them as usual)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from motcua.conf import national_filings, submissions

_DEFAULTS = (submissions, national_filings)


def setting(name: str) -> Any:
    if hasattr(settings, name):
        return getattr(settings, name)
    for defaults in _DEFAULTS:
        if hasattr(defaults, name):
            return getattr(defaults, name)
    raise AttributeError(name)
