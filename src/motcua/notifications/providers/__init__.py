"""Notification providers: the registry and the built-in providers (imported here so that they register)."""

from . import email, simulated
from .base import Outgoing, Provider, provider_for, providers

__all__ = ["Outgoing", "Provider", "email", "provider_for", "providers", "simulated"]
