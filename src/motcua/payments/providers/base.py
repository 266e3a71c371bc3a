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
from collections.abc import Mapping
from dataclasses import dataclass

from motcua.core.registry import Registry

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


providers: Registry[PaymentProvider] = Registry(unknown=lambda code: errors.payment_provider_unknown(code=code))


def provider_for(code: str) -> PaymentProvider:
    """The gateway registered as ``code``; raises ``payment_provider_unknown``."""
    return providers.get(code)
