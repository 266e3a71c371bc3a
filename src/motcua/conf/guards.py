"""Settings that must never reach production, checked where settings are loaded and by ``check --deploy``.

Plain functions over values, so the production settings module can call them before Django is set up.
"""

from __future__ import annotations

from collections.abc import Mapping

# Published in the repository, so anyone could sign carrier events with it: the dev and test settings only.
DEVELOPMENT_WEBHOOK_SECRET = "motcua-dev-simulated-webhook"  # noqa: S105 - a published development value


def forged_event_risks(*, carrier: str, webhook_secrets: Mapping[str, str]) -> list[str]:
    """Why these postal settings would let anyone forge carrier events; empty when they would not.

    The simulated carrier invents deliveries (``carrier_tick``) and its webhook secret is published.
    """
    problems = []
    if carrier == "simulated":
        problems.append("POSTAL_CARRIER is `simulated`: the built-in carrier invents deliveries.")
    if "simulated" in webhook_secrets:
        problems.append("POSTAL_WEBHOOK_SECRETS opens a webhook for the simulated carrier.")
    if DEVELOPMENT_WEBHOOK_SECRET in webhook_secrets.values():
        problems.append("POSTAL_WEBHOOK_SECRETS uses the published development secret.")
    return problems
