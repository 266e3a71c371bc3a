from .counter import TrackingCounter
from .money import Collection, CollectionKind, Remittance
from .order import OrderKind, OrderStatus, PostalOrder, Service, TrackingEvent, Zone
from .tariff import Payer, Tariff

__all__ = [
    "Collection",
    "CollectionKind",
    "OrderKind",
    "OrderStatus",
    "Payer",
    "PostalOrder",
    "Remittance",
    "Service",
    "Tariff",
    "TrackingCounter",
    "TrackingEvent",
    "Zone",
]
