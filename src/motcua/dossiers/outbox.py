"""Delivering the transactional outbox, at least once, to the handlers registered for each topic.

Services write :class:`OutboxMessage` rows in the transaction that changes a dossier
(:mod:`motcua.dossiers.services.history`), so an event exists exactly when its change does. This
module hands them on: :func:`outbox_dispatch` claims a batch of undelivered messages, calls every
handler whose pattern matches the topic, and marks the message dispatched, or counts the attempt
and keeps the error for a later run.

**At least once.** A crash between a handler's work and the commit of ``dispatched_at`` delivers the
message again on the next run, and a message with two handlers is retried whole when one of them
fails. Handlers must therefore be idempotent by ``message.key`` (a consumer records the keys it has
handled, or its remote side deduplicates on it).

**Concurrency.** On PostgreSQL the batch is claimed with ``SELECT … FOR UPDATE SKIP LOCKED`` and kept
locked until its outcome is committed, so parallel dispatchers (workers, beat and cron) share the
queue without delivering one message twice. SQLite serialises writers and needs no claim.

Handlers plug in through a small registry over an abstract base (docs/architecture.md, "Providers behind a
registry"); the built-in :class:`LogHandler` writes every message to the application log and needs no network.
"""

from __future__ import annotations

import json
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable
from fnmatch import fnmatchcase
from typing import TypeVar

from django.db import connection, transaction
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger("motcua.outbox")

# A message that failed this many times stays undelivered (visible in the admin) until someone acts.
MAX_ATTEMPTS = 20
ERROR_LENGTH = 2000


class OutboxHandler(ABC):
    """Consumes outbox messages of the topics it is registered for. Must be idempotent by ``message.key``."""

    @abstractmethod
    def handle(self, message: OutboxMessage) -> None:
        """Deliver ``message``; raise to have it retried later."""


H = TypeVar("H", bound=type[OutboxHandler])


class HandlerRegistry:
    """Handlers by topic pattern (``fnmatch`` style: ``dossier.*``, ``dossier.overdue``, ``*``)."""

    def __init__(self) -> None:
        self._entries: list[tuple[str, OutboxHandler]] = []

    def add(self, pattern: str, handler: OutboxHandler) -> None:
        self._entries.append((pattern, handler))

    def register(self, pattern: str) -> Callable[[H], H]:
        """Class decorator: register one instance of the handler class for ``pattern``."""

        def decorate(cls: H) -> H:
            self.add(pattern, cls())
            return cls

        return decorate

    def for_topic(self, topic: str) -> list[OutboxHandler]:
        return [handler for pattern, handler in self._entries if fnmatchcase(topic, pattern)]

    def __len__(self) -> int:
        return len(self._entries)


outbox_handlers = HandlerRegistry()


@outbox_handlers.register("*")
class LogHandler(OutboxHandler):
    """Writes each message to the ``motcua.outbox`` log: the offline default, idempotent by nature (a
    repeated line carries the same key)."""

    def handle(self, message: OutboxMessage) -> None:
        logger.info(
            "outbox %s %s %s", message.topic, message.key, json.dumps(message.payload, ensure_ascii=False, default=str)
        )


def outbox_dispatch(*, batch: int = 100, registry: HandlerRegistry | None = None) -> int:
    """Deliver up to ``batch`` undelivered messages, oldest and least-tried first. Returns how many were
    delivered; the failures keep ``dispatched_at`` empty, count the attempt and record the error."""
    handlers = registry if registry is not None else outbox_handlers
    delivered = 0
    with transaction.atomic():
        pending = OutboxMessage.objects.filter(dispatched_at__isnull=True, attempts__lt=MAX_ATTEMPTS).order_by(
            "attempts", "id"
        )
        if connection.features.has_select_for_update_skip_locked:
            pending = pending.select_for_update(skip_locked=True)
        for message in list(pending[:batch]):
            delivered += _deliver(message=message, handlers=handlers)
    return delivered


def _deliver(*, message: OutboxMessage, handlers: HandlerRegistry) -> bool:
    message.attempts += 1
    try:
        # A savepoint: a handler that breaks the database loses its own work, not the batch's.
        with transaction.atomic():
            for handler in handlers.for_topic(message.topic):
                handler.handle(message)
    except Exception as exc:
        logger.warning("outbox %s attempt %d failed: %s", message.key, message.attempts, exc)
        message.last_error = f"{type(exc).__name__}: {exc}"[:ERROR_LENGTH]
        message.save(update_fields=["attempts", "last_error"])
        return False
    message.dispatched_at = timezone.now()
    message.last_error = ""
    message.save(update_fields=["attempts", "dispatched_at", "last_error"])
    return True


def outbox_kick() -> None:
    """Have the outbox delivered once the current transaction commits (in-process when Celery is eager).

    For services that want their events out at once; the periodic sweep delivers the rest anyway.
    ``robust``: a failure to enqueue is logged and never undoes or fails the committed change.
    """
    transaction.on_commit(_enqueue_dispatch, robust=True)


def _enqueue_dispatch() -> None:
    from .tasks import outbox_dispatch_task  # the tasks module imports this one

    outbox_dispatch_task.delay()
