from .agency import Agency, AgencyKind, AgencyLevel
from .receiving_point import Counter, PointChannel, ReceivingPoint, ReceivingPointKind
from .staff import Role, StaffAssignment

__all__ = [
    "Agency",
    "AgencyKind",
    "AgencyLevel",
    "Counter",
    "PointChannel",
    "ReceivingPoint",
    "ReceivingPointKind",
    "Role",
    "StaffAssignment",
]
