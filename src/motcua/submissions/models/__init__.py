from .consent import AssistConsent
from .event import SubmissionEvent
from .paper import SubmissionPaper
from .submission import OnlineSubmission, reference_new

__all__ = ["AssistConsent", "OnlineSubmission", "SubmissionEvent", "SubmissionPaper", "reference_new"]
