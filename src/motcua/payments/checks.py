"""``manage.py check --deploy``: no simulated gateway and no published signing secret (docs/payments.md,
"Settings")."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from motcua.conf.payments import payment_forgery_risks


@register(Tags.security, deploy=True)
def forged_payments_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    return [
        Error(problem, hint="Set PAYMENT_PROVIDER and its secret to the gateway's own.", id="motcua.E101")
        for problem in payment_forgery_risks(
            provider=settings.PAYMENT_PROVIDER, secret=settings.PAYMENT_SIMULATOR_SECRET
        )
    ]
