from .procedure import Field, Procedure
from .version import (
    Component,
    ComponentForm,
    Fee,
    FeeKind,
    ImplementingLevel,
    OnlineSubmission,
    ProcedureVersion,
    ProcessStep,
    TimeLimitUnit,
    VersionStatus,
)

__all__ = [
    "Component",
    "ComponentForm",
    "Fee",
    "FeeKind",
    "Field",
    "ImplementingLevel",
    "OnlineSubmission",
    "Procedure",
    "ProcedureVersion",
    "ProcessStep",
    "TimeLimitUnit",
    "VersionStatus",
]
