"""Services of online submission: filing (the citizen's steps), deciding (the one-stop's online inbox) and consent
(assisted filing). One function per transition; guard clauses first."""

from .consent import consent_confirm, consent_request, consent_valid
from .decide import (
    decision_check,
    submission_accept,
    submission_refuse,
    submission_request_supplement,
    submission_slip_draft,
)
from .filing import (
    submission_applicant_save,
    submission_paper_remove,
    submission_paper_reuse,
    submission_paper_upload,
    submission_point_choose,
    submission_problems,
    submission_quote,
    submission_result_save,
    submission_start,
    submission_submit,
)
from .national import national_filing_settle, submission_file_national

__all__ = [
    "consent_confirm",
    "consent_request",
    "consent_valid",
    "decision_check",
    "national_filing_settle",
    "submission_accept",
    "submission_applicant_save",
    "submission_file_national",
    "submission_paper_remove",
    "submission_paper_reuse",
    "submission_paper_upload",
    "submission_point_choose",
    "submission_problems",
    "submission_quote",
    "submission_refuse",
    "submission_request_supplement",
    "submission_result_save",
    "submission_slip_draft",
    "submission_start",
    "submission_submit",
]
