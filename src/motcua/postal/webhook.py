"""The carriers' tracking webhook: ``POST /buu-chinh/webhook/<carrier>/``.

Authentication (docs/postal.md has the full contract):

* ``X-Motcua-Timestamp``: Unix time in seconds; refused outside ±5 minutes of the server's clock;
* ``X-Motcua-Signature: sha256=<hex>``: HMAC-SHA256, keyed with the carrier's secret
  (``POSTAL_WEBHOOK_SECRETS``), of ``<timestamp>.<raw body>``. The timestamp is signed with the body so
  that a captured request cannot be replayed later with a fresh timestamp; within the window a replay
  is harmless because events are deduplicated by id.

Body: one event object or ``{"events": [...]}`` (at most :data:`MAX_BATCH`). Answers: 200 with counts and
a per-event outcome (with a ``code`` for ``refused`` and ``rejected`` events: an event dated in the future
or before its order existed is refused, see :func:`motcua.postal.tracking.event_time_refusal`); 400 malformed
(nothing ingested); 401 bad or missing signature or timestamp; 404
for a carrier without webhook, or when no event of the request names a known order of that carrier.
Unknown orders are looked up among the authenticated carrier's own orders only, so the answer reveals
nothing about other carriers' orders.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .carriers.base import CarrierEvent
from .tracking import Outcome, tracking_event_ingest

SIGNATURE_HEADER = "X-Motcua-Signature"
TIMESTAMP_HEADER = "X-Motcua-Timestamp"
REPLAY_WINDOW_SECONDS = 300
MAX_BATCH = 500


def sign(*, secret: str, timestamp: str, body: bytes) -> str:
    """The signature header value for ``body`` sent at ``timestamp`` (also used by tests and the benchmark)."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def _problem(status: int, title: str, detail: str = "") -> JsonResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    return JsonResponse(body, status=status, content_type="application/problem+json")


def _authentic(request: HttpRequest, secret: str) -> bool:
    timestamp = request.headers.get(TIMESTAMP_HEADER, "")
    signature = request.headers.get(SIGNATURE_HEADER, "")
    if not timestamp.isascii() or not timestamp.isdigit() or len(timestamp) > 12:
        return False
    if abs(time.time() - int(timestamp)) > REPLAY_WINDOW_SECONDS:
        return False
    expected = sign(secret=secret, timestamp=timestamp, body=request.body)
    return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))


def parse_events(body: bytes) -> list[CarrierEvent]:
    """The events of a webhook body; raises ``ValueError`` for anything malformed."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise ValueError("the body is not JSON") from None
    items = data.get("events") if isinstance(data, dict) and "events" in data else [data]
    if not isinstance(items, list) or not items:
        raise ValueError("events: a non-empty list")
    if len(items) > MAX_BATCH:
        raise ValueError(f"events: at most {MAX_BATCH} in one request")
    events = []
    for index, item in enumerate(items):
        try:
            events.append(CarrierEvent.from_json(item))
        except ValueError as exc:
            raise ValueError(f"event {index}: {exc}") from None
    return events


@csrf_exempt
@require_POST
def tracking_webhook(request: HttpRequest, carrier: str) -> HttpResponse:
    secret = settings.POSTAL_WEBHOOK_SECRETS.get(carrier)
    if not secret:
        return _problem(404, "No webhook for this carrier")
    if not _authentic(request, secret):
        return _problem(401, "Bad signature or timestamp")
    try:
        events = parse_events(request.body)
    except ValueError as exc:
        return _problem(400, "Malformed events", str(exc))
    results = [(event, tracking_event_ingest(carrier=carrier, event=event)) for event in events]
    counts = {outcome.value: 0 for outcome in Outcome}
    for _event, result in results:
        counts[result.outcome.value] += 1
    if counts[Outcome.UNKNOWN_ORDER] == len(results):
        return _problem(404, "Unknown order", "No event names an order of this carrier; nothing was stored.")
    return JsonResponse(
        {
            **counts,
            "results": [
                {"event_id": e.event_id, "outcome": r.outcome.value, **({"code": r.error_code} if r.error_code else {})}
                for e, r in results
            ],
        }
    )
