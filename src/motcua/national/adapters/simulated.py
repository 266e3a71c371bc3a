"""The ``simulated`` adapter: JSON over HTTP to the simulated portal (:mod:`motcua.national.simulator`).

``POST /api/records`` with the record as body, the delivery's key in ``Idempotency-Key`` and the credential as a
bearer token: 200/201 is accepted (201 new, 200 already held), 4xx refused with the reasons the portal gives, 5xx or
no answer a failure to try again. ``GET /api/filed-online`` lists the dossiers filed online.
"""

from __future__ import annotations

from typing import Any

import requests
from django.conf import settings

from ..errors import portal_unreachable
from .base import Adapter, SendOutcome, register

# Published in the repository: the simulator's default, refused by ``check --deploy`` (motcua.national.checks).
DEVELOPMENT_NATIONAL_TOKEN = "motcua-dev-national-portal"  # noqa: S105 - a published development value
REASON_LENGTH = 2000


def portal_token() -> str:
    return settings.NATIONAL_PORTAL_TOKEN or DEVELOPMENT_NATIONAL_TOKEN


def _reasons(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code}: {response.text[:200]}"
    reasons = body.get("reasons") if isinstance(body, dict) else None
    if isinstance(reasons, list) and reasons:
        return "; ".join(str(r) for r in reasons)[:REASON_LENGTH]
    message = body.get("message", "") if isinstance(body, dict) else ""
    return f"HTTP {response.status_code}: {message}"[:REASON_LENGTH]


@register
class SimulatedAdapter(Adapter):
    name = "simulated"

    def _url(self, path: str) -> str:
        return settings.NATIONAL_PORTAL_URL.rstrip("/") + path

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {portal_token()}", "Accept": "application/json"}

    def send(self, *, record: dict[str, Any], idempotency_key: str) -> SendOutcome:
        try:
            response = requests.post(
                self._url("/api/records"),
                json=record,
                headers={**self._headers(), "Idempotency-Key": idempotency_key},
                timeout=settings.NATIONAL_PORTAL_TIMEOUT_SECONDS,
            )
        except requests.RequestException as exc:
            return SendOutcome(accepted=False, reason=f"{type(exc).__name__}: {exc}"[:REASON_LENGTH])
        if response.status_code in (200, 201):
            return SendOutcome(accepted=True)
        # 408 and 429 say "later", like a 5xx; other 4xx say the record itself is wrong.
        permanent = 400 <= response.status_code < 500 and response.status_code not in (408, 429)
        return SendOutcome(accepted=False, permanent=permanent, reason=_reasons(response))

    def filed_online(self) -> list[dict[str, Any]]:
        try:
            response = requests.get(
                self._url("/api/filed-online"),
                headers=self._headers(),
                timeout=settings.NATIONAL_PORTAL_TIMEOUT_SECONDS,
            )
            response.raise_for_status()
            body = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise portal_unreachable(reason=f"{type(exc).__name__}: {exc}"[:200]) from exc
        items = body.get("filings") if isinstance(body, dict) else None
        return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []
