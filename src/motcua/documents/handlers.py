"""What digitization does when the dossier engine says something happened (outbox topics).

An approval that carries the signed result document sends it to the owner's data store, on the OCR
queue. Delivered at least once: the task stores a dossier's result once however often it runs.
"""

from __future__ import annotations

from motcua.dossiers.models import Dossier, OutboxMessage
from motcua.dossiers.outbox import OutboxHandler, outbox_handlers


@outbox_handlers.register("dossier.approve")
class ResultToDataStore(OutboxHandler):
    def handle(self, message: OutboxMessage) -> None:
        if not message.payload.get("result_file"):
            return
        dossier_id = Dossier.objects.filter(code=message.payload["code"]).values_list("pk", flat=True).first()
        if dossier_id is None:
            return
        from .tasks import store_result_task

        store_result_task.delay(dossier_id)
