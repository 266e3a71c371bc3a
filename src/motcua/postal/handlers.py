"""What the post does when the dossier engine says something happened (outbox topics).

A result handed to the post gets its delivery order. Delivered at least once: creating the order is
idempotent (one live delivery per dossier).
"""

from __future__ import annotations

import logging

from motcua.dossiers.models import Dossier, OutboxMessage, ReturnMethod
from motcua.dossiers.outbox import OutboxHandler, outbox_handlers

logger = logging.getLogger("motcua.postal")


@outbox_handlers.register("dossier.send_result_to_post")
class DeliveryOrderForResult(OutboxHandler):
    def handle(self, message: OutboxMessage) -> None:
        dossier = Dossier.objects.filter(code=message.payload.get("code")).first()
        if dossier is None:
            return
        if dossier.return_method != ReturnMethod.POST or not dossier.return_address.strip():
            # Nothing to deliver to: the result waits with the post for the clerk to decide.
            logger.warning("dossier %s sent to the post without a postal return address", dossier.code)
            return
        from .services.delivery import delivery_create_for

        delivery_create_for(dossier=dossier)
