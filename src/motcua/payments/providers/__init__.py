"""Payment gateways: the registry and the built-in simulated gateway (imported here so that it registers)."""

from . import simulated
from .base import GatewayOutcome, PaymentProvider, provider_for, providers

__all__ = ["GatewayOutcome", "PaymentProvider", "provider_for", "providers", "simulated"]
