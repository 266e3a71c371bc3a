"""E-mail through Django's ``send_mail`` and whatever ``EMAIL_BACKEND`` says (a file per message in the embedded
tier). SMTP knows no idempotency key: the key goes in the ``Message-ID``, so a mail client shows a repeated
message once, and the row lock of the sender (``services.notification_send``) keeps repeats to a crash between
the send and the commit."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.mail import EmailMessage

from .. import errors
from .base import Outgoing, Provider, providers


@providers.register("email", "django")
class DjangoMail(Provider):
    def send(self, message: Outgoing) -> str:
        digest = hashlib.sha256(message.key.encode()).hexdigest()[:32]
        message_id = f"<{digest}@motcua>"
        mail = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to],
            headers={"Message-ID": message_id},
        )
        try:
            mail.send(fail_silently=False)
        except OSError as exc:
            raise errors.provider_refused(channel="email", reason=str(exc)[:200]) from exc
        return message_id
