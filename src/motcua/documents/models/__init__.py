from .consent import DataStoreConsent
from .document import Document, DocumentOrigin, DocumentUse, UseKind
from .job import DigitizationJob, JobInput, JobStatus

__all__ = [
    "DataStoreConsent",
    "DigitizationJob",
    "Document",
    "DocumentOrigin",
    "DocumentUse",
    "JobInput",
    "JobStatus",
    "UseKind",
]
