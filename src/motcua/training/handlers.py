"""What training does when the outbox says a procedure version was published (``generated_review``).

Delivered at least once: the refresh is idempotent (questions by ``generated_key``, review messages by version and
holder), so a redelivery changes nothing.
"""

from __future__ import annotations

from motcua.dossiers.models import OutboxMessage
from motcua.dossiers.outbox import OutboxHandler, outbox_handlers

from .generated_review import PUBLISHED_TOPIC, material_refresh


@outbox_handlers.register(PUBLISHED_TOPIC)
class RefreshGeneratedMaterial(OutboxHandler):
    def handle(self, message: OutboxMessage) -> None:
        material_refresh(version_id=int(message.payload["version"]))
