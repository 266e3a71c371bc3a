"""Built-in SMS and Zalo providers that send nothing: each records what it would have sent as a
:class:`~motcua.notifications.models.SimulatedMessage`, one per idempotency key (a repeated send returns the
first reference and records nothing). ``NOTIFY_SIMULATED_DOWN`` makes a channel's provider answer as if the
gateway were down, so the retries can be tried by hand and in tests."""

from __future__ import annotations

import secrets

from django.conf import settings

from .. import errors
from ..models import SimulatedMessage
from .base import Outgoing, Provider, providers


class Simulated(Provider):
    def send(self, message: Outgoing) -> str:
        if self.channel in settings.NOTIFY_SIMULATED_DOWN:
            raise errors.provider_down(channel=self.channel)
        record, _ = SimulatedMessage.objects.get_or_create(
            key=message.key,
            defaults={
                "channel": self.channel,
                "to": message.to,
                "body": message.body,
                "reference": f"SIM-{self.channel.upper()}-{secrets.token_hex(8)}",
            },
        )
        return record.reference


@providers.register("sms", "simulated")
class SimulatedSms(Simulated):
    pass


@providers.register("zalo", "simulated")
class SimulatedZalo(Simulated):
    pass
