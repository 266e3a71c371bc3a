from .counter import TrackingCounter
from .money import Collection, CollectionKind, Remittance
from .order import OrderKind, OrderStatus, PostalOrder, Service, TrackingEvent, Zone
from .signature import PaperListSignature, Signer
from .tariff import Payer, Tariff

__all__ = [
    "Collection",
    "CollectionKind",
    "OrderKind",
    "OrderStatus",
    "PaperListSignature",
    "Payer",
    "PostalOrder",
    "Remittance",
    "Service",
    "Signer",
    "Tariff",
    "TrackingCounter",
    "TrackingEvent",
    "Zone",
]
