from .code import DossierCodeCounter
from .dossier import ApplicantKind, Completion, Dossier, ReturnMethod
from .event import DossierEvent
from .handover import HandOver
from .outbox import OutboxMessage
from .parts import DossierComponent, DossierStep, StepStatus

__all__ = [
    "ApplicantKind",
    "Completion",
    "Dossier",
    "DossierCodeCounter",
    "DossierComponent",
    "DossierEvent",
    "DossierStep",
    "HandOver",
    "OutboxMessage",
    "ReturnMethod",
    "StepStatus",
]
