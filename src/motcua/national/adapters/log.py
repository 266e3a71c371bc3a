"""The ``log`` adapter: each record goes to the ``motcua.national`` log and counts as accepted. The offline default:
the exchange runs (deliveries, order, the staff page) with nothing leaving the machine."""

from __future__ import annotations

import json
import logging
from typing import Any

from .base import Adapter, SendOutcome, register

logger = logging.getLogger("motcua.national")


@register
class LogAdapter(Adapter):
    name = "log"

    def send(self, *, record: dict[str, Any], idempotency_key: str) -> SendOutcome:
        logger.info("national record %s %s", idempotency_key, json.dumps(record, ensure_ascii=False, sort_keys=True))
        return SendOutcome(accepted=True)

    def filed_online(self) -> list[dict[str, Any]]:
        return []
