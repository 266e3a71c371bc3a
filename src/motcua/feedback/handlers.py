"""The invitation to rate, sent when a result is returned (docs/feedback.md, "Three ways in").

Registered for the outbox topic ``dossier.return_result``, beside the status notice the notifications app sends
for the same message: this one carries the signed rating link. Idempotent by the message's key (the rows'
keys derive from it), sent only to the dossier's own contacts, never for a training dossier.
"""

from __future__ import annotations

from django.conf import settings

from motcua.dossiers.lifecycle import Status
from motcua.dossiers.models import Dossier, OutboxMessage
from motcua.dossiers.outbox import OutboxHandler, outbox_handlers
from motcua.notifications.models import EventKind
from motcua.notifications.services import dossier_contacts, notifications_send_to

from .links import rating_url


@outbox_handlers.register("dossier.return_result")
class RatingInvitation(OutboxHandler):
    def handle(self, message: OutboxMessage) -> None:
        payload = message.payload if isinstance(message.payload, dict) else {}
        dossier = (
            Dossier.objects.real()
            .select_related("procedure_version__procedure")
            .filter(code=str(payload.get("code", "")))
            .first()
        )
        if dossier is None or dossier.status != Status.RETURNED:
            return
        notifications_send_to(
            key=f"{message.key}:rating",
            event=EventKind.RATING,
            topic=message.topic,
            contacts=dossier_contacts(dossier=dossier),
            context={
                "code": dossier.code,
                "name": dossier.representative_name or dossier.applicant_name,
                "procedure": dossier.procedure_version.procedure.name,
                "url": rating_url(code=dossier.code),
                "days": settings.FEEDBACK_RATING_OPEN_DAYS,
            },
            dossier=dossier,
            subject_ref=dossier.code,
        )
