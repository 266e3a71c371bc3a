"""``manage.py check --deploy``: no simulated portal and no published credential in production
(docs/national-portal.md, "Settings")."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from .adapters.simulated import DEVELOPMENT_NATIONAL_TOKEN


def national_portal_risks(*, adapter: str, token: str) -> list[str]:
    """Why these settings would send dossier statuses nowhere real, or with a published credential."""
    problems = []
    if adapter == "simulated":
        problems.append("NATIONAL_PORTAL_ADAPTER is `simulated`: statuses go to the simulated portal.")
    if token == DEVELOPMENT_NATIONAL_TOKEN:
        problems.append("NATIONAL_PORTAL_TOKEN is the simulator's published development token.")
    return problems


@register(Tags.security, deploy=True)
def national_portal_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    return [
        Error(
            problem, hint="Set NATIONAL_PORTAL_ADAPTER and NATIONAL_PORTAL_TOKEN for the real portal.", id="motcua.E021"
        )
        for problem in national_portal_risks(
            adapter=settings.NATIONAL_PORTAL_ADAPTER, token=settings.NATIONAL_PORTAL_TOKEN
        )
    ]
