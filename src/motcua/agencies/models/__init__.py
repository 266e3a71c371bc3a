from .agency import Agency, AgencyKind, AgencyLevel
from .receiving_point import Counter, ReceivingPoint, ReceivingPointKind
from .staff import Role, StaffAssignment

__all__ = [
    "Agency",
    "AgencyKind",
    "AgencyLevel",
    "Counter",
    "ReceivingPoint",
    "ReceivingPointKind",
    "Role",
    "StaffAssignment",
]
