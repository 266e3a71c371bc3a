"""Certification per stage × field, the waivers a supervisor grants, the gaps ``warn`` records, the reminders sent."""

from .assessment import Assessment, AssessmentKind
from .certification import Certification, CertificationBasis, ReminderSent
from .gate import GateGap, Waiver

__all__ = ["Assessment", "AssessmentKind", "Certification", "CertificationBasis", "GateGap", "ReminderSent", "Waiver"]
