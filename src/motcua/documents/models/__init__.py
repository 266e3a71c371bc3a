from .document import Document, DocumentOrigin, DocumentUse, UseKind
from .job import DigitizationJob, JobInput, JobStatus

__all__ = ["DigitizationJob", "Document", "DocumentOrigin", "DocumentUse", "JobInput", "JobStatus", "UseKind"]
