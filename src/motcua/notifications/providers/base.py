"""Notification providers behind a small registry over an abstract base (docs/architecture.md, "Providers behind
a registry"), one registry for every channel: a provider is registered under ``(channel, code)`` and the setting
``NOTIFY_<CHANNEL>_PROVIDER`` picks the code.

A provider sends one message and returns its reference, or raises :class:`~motcua.notifications.errors.
ProviderError` to have it retried later. It receives the notification's idempotency key: a provider whose remote
side deduplicates on it (the simulated ones do; most SMS gateways take a client reference) turns the
at-least-once retries into one message.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings

from .. import errors


@dataclass(frozen=True)
class Outgoing:
    key: str
    to: str
    subject: str
    body: str


class Provider(ABC):
    channel: str = ""
    code: str = ""

    @abstractmethod
    def send(self, message: Outgoing) -> str:
        """Send ``message``; return the provider's reference for it."""


P = TypeVar("P", bound=type[Provider])


class ProviderRegistry:
    """Provider classes by (channel, code). Instances are made per use, so they read the settings of the moment."""

    def __init__(self) -> None:
        self._classes: dict[tuple[str, str], type[Provider]] = {}

    def register(self, channel: str, code: str) -> Callable[[P], P]:
        def decorate(cls: P) -> P:
            cls.channel, cls.code = channel, code
            self._classes[(channel, code)] = cls
            return cls

        return decorate

    def get(self, channel: str, code: str) -> Provider:
        try:
            return self._classes[(channel, code)]()
        except KeyError:
            raise errors.provider_unknown(channel=channel, code=code) from None

    def codes(self, channel: str) -> list[str]:
        return sorted(code for kind, code in self._classes if kind == channel)


providers = ProviderRegistry()


def provider_for(channel: str) -> Provider:
    """The provider the settings choose for ``channel`` (``NOTIFY_EMAIL_PROVIDER``, ``NOTIFY_SMS_PROVIDER``…)."""
    return providers.get(channel, getattr(settings, f"NOTIFY_{channel.upper()}_PROVIDER", ""))
