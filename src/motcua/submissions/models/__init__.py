from .consent import AssistConsent
from .event import SubmissionEvent
from .paper import SubmissionPaper
from .submission import OnlineSubmission, SubmissionOrigin, reference_new

__all__ = [
    "AssistConsent",
    "OnlineSubmission",
    "SubmissionEvent",
    "SubmissionOrigin",
    "SubmissionPaper",
    "reference_new",
]
