"""Adapters to the National Public Service Portal behind a small registry over an abstract base (docs/architecture.md,
"Providers behind a registry"; docs/national-portal.md).

An adapter sends one national record (built by :func:`motcua.national.record.national_record`) with the
delivery's idempotency key, and tells how it went as a :class:`SendOutcome`: accepted (also when the portal
already held that key), refused for good with the portal's reasons (the record is malformed: sending it again
cannot help), or failed for now (the portal is down or answered 5xx: try again later). It also lists the dossiers
filed online on the portal, for ``manage.py national_pull``.

Built in: ``log`` (the default: writes to the log, accepts everything, pulls nothing) and ``simulated`` (HTTP to
the simulated portal of ``manage.py national_portal_sim``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings

from motcua.core.registry import Registry

from ..errors import adapter_unknown


@dataclass(frozen=True)
class SendOutcome:
    accepted: bool
    permanent: bool = False  # a refusal sending again cannot change
    reason: str = ""


class Adapter(ABC):
    name: str = ""

    @abstractmethod
    def send(self, *, record: dict[str, Any], idempotency_key: str) -> SendOutcome:
        """Send one record; never raise for what the portal answers (say it in the outcome)."""

    @abstractmethod
    def filed_online(self) -> list[dict[str, Any]]:
        """The dossiers filed on the portal and not yet fetched; raises ``ApplicationError`` when unreachable."""


A = TypeVar("A", bound=type[Adapter])
adapters: Registry[Adapter] = Registry(unknown=lambda name: adapter_unknown(name=name))


def register(cls: A) -> A:
    """Class decorator: register the adapter under its ``name``."""
    return adapters.register(cls.name)(cls)


def adapter_for(name: str | None = None) -> Adapter:
    """The adapter called ``name`` (default: ``NATIONAL_PORTAL_ADAPTER``)."""
    return adapters.get(name or settings.NATIONAL_PORTAL_ADAPTER)
