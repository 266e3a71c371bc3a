"""The payments app's tables: a payment, its append-only log, and the simulated gateway's own store."""

from .event import PaymentEvent, Source, Verdict
from .payment import FINAL_STATUSES, Payment, PaymentStatus
from .simulator import SimulatedTransaction, SimulatedTransactionStatus

__all__ = [
    "FINAL_STATUSES",
    "Payment",
    "PaymentEvent",
    "PaymentStatus",
    "SimulatedTransaction",
    "SimulatedTransactionStatus",
    "Source",
    "Verdict",
]
