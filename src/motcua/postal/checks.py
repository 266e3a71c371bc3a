"""``manage.py check --deploy``: no simulated carrier and no published webhook secret (docs/security.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from motcua.conf.guards import forged_event_risks


@register(Tags.security, deploy=True)
def forged_carrier_events_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    return [
        Error(problem, hint="Set POSTAL_CARRIER and POSTAL_WEBHOOK_SECRETS to the operator's own.", id="motcua.E001")
        for problem in forged_event_risks(
            carrier=settings.POSTAL_CARRIER, webhook_secrets=settings.POSTAL_WEBHOOK_SECRETS
        )
    ]
