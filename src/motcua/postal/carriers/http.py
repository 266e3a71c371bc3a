"""A real operator's JSON API over HTTP (``urllib.request``: the project has no HTTP client dependency).

The contract motcua expects (see docs/postal.md): ``POST {base}/orders`` → ``{"ref": …}``;
``POST {base}/orders/{ref}/cancel``; ``GET {base}/orders/{ref}/events`` → ``{"events": [event, …]}`` with
events shaped like the webhook's. Every request carries ``Authorization: Bearer <POSTAL_HTTP_API_KEY>``;
order creation also carries ``Idempotency-Key: <tracking number>`` so a retried booking is not doubled.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..models import PostalOrder
from .base import Carrier, CarrierError, CarrierEvent, carriers

logger = logging.getLogger("motcua.postal")
MAX_RESPONSE_BYTES = 5_000_000


@carriers.register("http")
class HttpCarrier(Carrier):
    def __init__(self, *, base_url: str | None = None, api_key: str | None = None, timeout: float | None = None):
        self.base_url = (settings.POSTAL_HTTP_BASE_URL if base_url is None else base_url).rstrip("/")
        self.api_key = settings.POSTAL_HTTP_API_KEY if api_key is None else api_key
        self.timeout = settings.POSTAL_HTTP_TIMEOUT if timeout is None else timeout

    def create_order(self, order: PostalOrder) -> str:
        body = {
            "tracking_number": order.tracking_number,
            "kind": order.kind,
            "service": order.service,
            "recipient": {"name": order.contact_name, "phone": order.contact_phone, "address": order.address},
            "commune_code": order.commune_id,
            "weight_grams": order.weight_grams,
            "cash_on_delivery": order.fees_to_collect,
        }
        answer = self._request("POST", "/orders", body, headers={"Idempotency-Key": order.tracking_number})
        ref = answer.get("ref")
        if not isinstance(ref, str) or not ref:
            raise self._error("the answer has no order reference")
        return ref

    def cancel_order(self, order: PostalOrder) -> None:
        self._request("POST", f"/orders/{quote(self._ref(order), safe='')}/cancel", {}, accept=(409,))

    def poll(self, order: PostalOrder) -> list[CarrierEvent]:
        answer = self._request("GET", f"/orders/{quote(self._ref(order), safe='')}/events")
        events = answer.get("events")
        if not isinstance(events, list):
            raise self._error("the answer has no list of events")
        try:
            parsed = [CarrierEvent.from_json(item) for item in events]
        except ValueError as exc:
            raise self._error(str(exc)) from None
        return sorted(parsed, key=lambda e: e.at)

    # --- plumbing --------------------------------------------------------------------------------------------------

    def _ref(self, order: PostalOrder) -> str:
        return order.carrier_ref or order.tracking_number

    def _request(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        *,
        headers: dict[str, str] | None = None,
        accept: tuple[int, ...] = (),
    ) -> dict[str, Any]:
        if not self.base_url:
            raise CarrierError("postal_carrier_unconfigured", _("The postal operator's address is not configured."))
        if not self.base_url.startswith(("http://", "https://")):
            raise self._error("POSTAL_HTTP_BASE_URL must be an http:// or https:// URL")
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
            self.base_url + path,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={
                "Accept": "application/json",
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.api_key}",
                **(headers or {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - the scheme is checked above
                raw = response.read(MAX_RESPONSE_BYTES)
        except urllib.error.HTTPError as exc:
            if exc.code in accept:
                return {}
            raise self._error(f"HTTP {exc.code} on {method} {path}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise self._error(f"{method} {path}: {exc}") from None
        if not raw.strip():
            return {}
        try:
            answer = json.loads(raw)
        except ValueError:
            raise self._error(f"{method} {path}: the answer is not JSON") from None
        if not isinstance(answer, dict):
            raise self._error(f"{method} {path}: the answer is not a JSON object")
        return answer

    def _error(self, detail: str) -> CarrierError:
        logger.warning("postal operator: %s", detail)
        return CarrierError(
            "postal_carrier_failed",
            _("The postal operator could not be reached or refused the request: %(detail)s"),
            params={"detail": detail},
        )
