"""Postal carriers: the registry and the built-in carriers (imported here so that they register)."""

from . import http, simulated
from .base import Carrier, CarrierError, CarrierEvent, carrier_for, carriers

__all__ = ["Carrier", "CarrierError", "CarrierEvent", "carrier_for", "carriers", "http", "simulated"]
