"""The outbox topics the applicant is told of (``texts.TOPIC_EVENTS``): each message becomes its notifications,
idempotently by the message's key, and the sending is kicked once the dispatch commits."""

from __future__ import annotations

from motcua.dossiers.models import OutboxMessage
from motcua.dossiers.outbox import OutboxHandler, outbox_handlers

from .services import notifications_plan


@outbox_handlers.register("dossier.*")
@outbox_handlers.register("postal.delivery_failed")
class ApplicantNotices(OutboxHandler):
    def handle(self, message: OutboxMessage) -> None:
        payload = message.payload if isinstance(message.payload, dict) else {}
        notifications_plan(key=message.key, topic=message.topic, payload=payload)
