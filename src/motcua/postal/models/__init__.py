from .counter import TrackingCounter
from .money import Collection, CollectionKind, Remittance
from .order import PICKUP_STEPS, OrderKind, OrderStatus, PickupStep, PostalOrder, Service, TrackingEvent, Zone
from .signature import PaperListSignature, Signer
from .tariff import Payer, Tariff

__all__ = [
    "PICKUP_STEPS",
    "Collection",
    "CollectionKind",
    "OrderKind",
    "OrderStatus",
    "PaperListSignature",
    "Payer",
    "PickupStep",
    "PostalOrder",
    "Remittance",
    "Service",
    "Signer",
    "Tariff",
    "TrackingCounter",
    "TrackingEvent",
    "Zone",
]
