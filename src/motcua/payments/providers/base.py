"""Payment gateways behind a small registry over an abstract base (docs/architecture.md, "Providers behind a
registry"; docs/payments.md).

A gateway follows the redirect-and-signed-notification pattern of the Vietnamese gateways (VNPay, MoMo, the
national portal's payment platform): :meth:`PaymentProvider.start` gives the URL the applicant's browser is
sent to; the gateway then sends the browser back to our return URL *and* notifies our server directly (the
IPN), both with signed parameters; :meth:`PaymentProvider.query` asks it about one payment when a
notification is late. A provider only speaks the gateway's language (build, verify, parse); what a message
changes is decided in one place, :mod:`motcua.payments.services`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from .. import errors
from ..models import Payment

# What a gateway message may say about a payment. "open": no outcome yet; "unknown": the gateway never saw it.
OUTCOMES = ("paid", "failed", "cancelled", "open", "unknown")


@dataclass(frozen=True)
class GatewayOutcome:
    """One gateway message, verified and parsed: which payment, which transaction, how much, what happened."""

    reference: str
    transaction_no: str
    amount: int
    status: str


class PaymentProvider(ABC):
    """A payment gateway. Subclasses set ``code`` (stored on ``Payment.provider``) through the registry."""

    code: str = ""

    @abstractmethod
    def start(self, payment: Payment, *, return_url: str) -> str:
        """Open ``payment`` at the gateway; return the URL to send the applicant's browser to."""

    @abstractmethod
    def verify(self, params: Mapping[str, str]) -> bool:
        """Whether ``params`` carry the gateway's valid signature."""

    @abstractmethod
    def parse(self, params: Mapping[str, str]) -> GatewayOutcome:
        """What verified ``params`` say; raises ``ValueError`` on anything malformed."""

    @abstractmethod
    def query(self, payment: Payment) -> dict[str, str]:
        """Ask the gateway about ``payment``; its signed answer, to be verified and parsed like a notification."""

    @abstractmethod
    def ipn_reply(self, verdict: str) -> dict[str, str]:
        """The body the gateway expects in answer to its notification, for our ``verdict``."""


P = TypeVar("P", bound=type[PaymentProvider])


class ProviderRegistry:
    """Provider classes by code. Instances are made per use, so they read the settings of the moment."""

    def __init__(self) -> None:
        self._classes: dict[str, type[PaymentProvider]] = {}

    def register(self, code: str) -> Callable[[P], P]:
        def decorate(cls: P) -> P:
            cls.code = code
            self._classes[code] = cls
            return cls

        return decorate

    def get(self, code: str) -> PaymentProvider:
        try:
            return self._classes[code]()
        except KeyError:
            raise errors.payment_provider_unknown(code=code) from None

    def __contains__(self, code: object) -> bool:
        return code in self._classes


providers = ProviderRegistry()


def provider_for(code: str) -> PaymentProvider:
    """The gateway registered as ``code``; raises ``payment_provider_unknown``."""
    return providers.get(code)
