"""``manage.py check --deploy``: no built-in identity provider, and an external one fully configured
(docs/citizens.md, "Settings")."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from motcua.conf.citizens import local_provider_risks

_EXTERNAL_REQUIRED = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_ISSUER",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)


@register(Tags.security, deploy=True)
def citizen_identity_provider_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    problems = local_provider_risks(provider=settings.CITIZEN_OIDC_PROVIDER)
    if settings.CITIZEN_OIDC_PROVIDER == "external":
        problems += [f"{name} is not set for the external identity provider." for name in _EXTERNAL_REQUIRED
                     if not getattr(settings, name, "")]  # fmt: skip
    elif settings.CITIZEN_OIDC_PROVIDER != "local":
        problems.append("CITIZEN_OIDC_PROVIDER must be `local` or `external`.")
    return [
        Error(
            problem,
            hint="Set CITIZEN_OIDC_PROVIDER=external and the OIDC_* variables of the provider motcua is registered "
            "with (docs/citizens.md).",
            id="motcua.E141",
        )
        for problem in problems
    ]
