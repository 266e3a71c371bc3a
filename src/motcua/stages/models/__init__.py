from .catalogue import (
    REQUIRED_STAGE_CODES,
    Boundary,
    CatalogueVersion,
    EventKind,
    Performer,
    Stage,
    StageCode,
    StageEvent,
    StageStep,
    TimeBasis,
    VersionStatus,
)

__all__ = [
    "REQUIRED_STAGE_CODES",
    "Boundary",
    "CatalogueVersion",
    "EventKind",
    "Performer",
    "Stage",
    "StageCode",
    "StageEvent",
    "StageStep",
    "TimeBasis",
    "VersionStatus",
]
