"""The outbox consumer of the national exchange: every ``dossier.*`` message becomes a delivery (once per message
key: the outbox delivers at least once), and the push runs once the transaction commits."""

from __future__ import annotations

from django.db import transaction

from motcua.dossiers.models import OutboxMessage
from motcua.dossiers.outbox import OutboxHandler, outbox_handlers

from .services import delivery_record


@outbox_handlers.register("dossier.*")
class NationalPortalHandler(OutboxHandler):
    def handle(self, message: OutboxMessage) -> None:
        if delivery_record(message_key=message.key, payload=message.payload) is not None:
            transaction.on_commit(_enqueue_push, robust=True)


def _enqueue_push() -> None:
    from .tasks import national_push_task  # the tasks module imports the services this module does

    national_push_task.delay()
