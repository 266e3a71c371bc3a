from .complaints import (
    HANDLER_STEPS,
    complaint_acknowledge,
    complaint_answer,
    complaint_check,
    complaint_close,
    complaint_deadlines,
    complaint_file,
    complaint_refuse,
    complaint_reply,
    complaint_request_info,
)
from .ratings import dossier_rate, rating_check, rating_may_change, rating_open_check
from .watch import complaint_due_flag, complaints_flag

__all__ = [
    "HANDLER_STEPS",
    "complaint_acknowledge",
    "complaint_answer",
    "complaint_check",
    "complaint_close",
    "complaint_deadlines",
    "complaint_due_flag",
    "complaint_file",
    "complaint_refuse",
    "complaint_reply",
    "complaint_request_info",
    "complaints_flag",
    "dossier_rate",
    "rating_check",
    "rating_may_change",
    "rating_open_check",
]
