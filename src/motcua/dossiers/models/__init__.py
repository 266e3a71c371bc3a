from .code import DossierCodeCounter
from .dossier import REAL_WORK, ApplicantKind, Completion, Dossier, ReturnMethod
from .event import DossierEvent
from .fee import DossierFee
from .handover import HandOver
from .outbox import OutboxMessage
from .parts import DossierComponent, DossierStep, StepStatus
from .slip_number import SlipNumber

__all__ = [
    "REAL_WORK",
    "ApplicantKind",
    "Completion",
    "Dossier",
    "DossierCodeCounter",
    "DossierComponent",
    "DossierEvent",
    "DossierFee",
    "DossierStep",
    "HandOver",
    "OutboxMessage",
    "ReturnMethod",
    "SlipNumber",
    "StepStatus",
]
