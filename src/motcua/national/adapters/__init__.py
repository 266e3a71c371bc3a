"""Adapters to the national portal: the registry and the built-in adapters (imported here so that they register)."""

from . import log, simulated
from .base import Adapter, SendOutcome, adapter_for, adapters

__all__ = ["Adapter", "SendOutcome", "adapter_for", "adapters", "log", "simulated"]
