"""``Idempotency-Key`` on POST: a retried request gets the first response again, and nothing is done twice.

A client that may not have seen the answer (timeout, lost connection) sends the same request with the same key.
The first request stores its response with the key, in the transaction that does the work, so either both are
committed or neither is. Two requests racing with the same key are serialised by the unique (user, key) row: on
PostgreSQL the second waits for the first to commit, then replays its response. A failed request (any error)
stores nothing, so it may be retried with the same key.

The same key with another method, path or body is refused (422 ``idempotency_key_reused``). Keys belong to one
user and are forgotten after :data:`RETENTION`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import DatabaseError, IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from . import errors
from .models import IdempotencyRecord

logger = logging.getLogger(__name__)

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
RETENTION = timedelta(hours=24)
JSON_CONTENT_TYPE = "application/json; charset=utf-8"  # as ninja answers the other endpoints
KEY = re.compile(r"^[\x21-\x7e]{1,255}$")  # visible ASCII: a UUID is the usual choice
HEADER_DESCRIPTION = (
    "Any unique string up to 255 visible ASCII characters (a UUID is the usual choice). Retrying the same request "
    "with the same key within 24 hours returns the first response (with `Idempotent-Replayed: true`) and does "
    "not act again; the same key with another request is refused with 422 `idempotency_key_reused`."
)


@dataclass(frozen=True)
class Outcome:
    """A successful response, already rendered: what is stored and replayed."""

    status: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)


def respond_once(
    request: HttpRequest,
    *,
    user: Any,
    key: str | None,
    perform: Callable[[], Outcome],
    body: bytes | None = None,
) -> HttpResponse:
    """``perform()`` as a response; with a key, at most once per (user, key) within :data:`RETENTION`.

    ``body`` stands for the request's body when that cannot be compared across retries (a multipart upload:
    each client picks its own boundary, and Django has consumed it): a description of the same content.
    """
    if key is None:
        return _response(perform())
    key = _checked(key)
    fingerprint = _fingerprint(request.body if body is None else body)
    now = timezone.now()
    with transaction.atomic():
        _forget_expired(user=user, before=now - RETENTION)
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    user=user,
                    key=key,
                    method=request.method or "",
                    path=request.path,
                    fingerprint=fingerprint,
                    status=0,
                    body="",
                    created_at=now,
                )
        except IntegrityError:
            earlier = IdempotencyRecord.objects.filter(user=user, key=key).first()
            return _replay(request, earlier, fingerprint=fingerprint)
        outcome = perform()  # any error rolls the record back with the work
        record.status, record.body, record.headers = outcome.status, outcome.body, outcome.headers
        record.save(update_fields=["status", "body", "headers"])
    return _response(outcome)


def _checked(key: str) -> str:
    if not KEY.match(key):
        raise errors.idempotency_key_invalid()
    return key


def _fingerprint(body: bytes) -> str:
    """The same JSON however it is spaced or ordered; any other body byte for byte."""
    try:
        canonical = json.dumps(json.loads(body or b"null"), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        canonical = body
    return hashlib.sha256(canonical).hexdigest()


def _forget_expired(*, user: Any, before: datetime) -> None:
    """Delete the user's expired records. Best effort: a lock conflict with a concurrent purge is not an error."""
    try:
        with transaction.atomic():
            IdempotencyRecord.objects.filter(user=user, created_at__lte=before).delete()
    except DatabaseError:  # pragma: no cover - only when two purges deadlock on PostgreSQL
        logger.warning("Expired idempotency records of user %s not purged this time", user.pk, exc_info=True)


def _replay(request: HttpRequest, earlier: IdempotencyRecord | None, *, fingerprint: str) -> HttpResponse:
    if earlier is None or not earlier.status:  # pragma: no cover - purged or rolled back in between: try again
        raise errors.idempotency_key_in_use()
    if (earlier.method, earlier.path, earlier.fingerprint) != (request.method, request.path, fingerprint):
        raise errors.idempotency_key_reused(method=earlier.method, path=earlier.path)
    response = _response(Outcome(earlier.status, earlier.body, earlier.headers))
    response[REPLAYED_HEADER] = "true"
    return response


def _response(outcome: Outcome) -> HttpResponse:
    response = HttpResponse(outcome.body.encode("utf-8"), status=outcome.status, content_type=JSON_CONTENT_TYPE)
    for name, value in outcome.headers.items():
        response[name] = value
    return response
