"""Digitization as the API shows it: a job's progress page by page, and the signed documents it stores.

Codes and values, never display labels, except the ``*_display`` fields of a job's progress, which are in the
request's language so a client can show them as they are. Instants are ISO 8601 with Vietnam's offset (+07:00).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from ninja import Field, Schema

from motcua.core.identity import OPTIONAL_ID_NUMBER_PATTERN
from motcua.documents.models import DocumentOrigin, UseKind
from motcua.documents.selectors import document_uses

from .types import LocalDateTime

# Empty, or an ID number (12 digits) or a tax code (10 or 13 digits).
OWNER_PATTERN = OPTIONAL_ID_NUMBER_PATTERN
JobStatus = Literal["queued", "running", "done", "failed", "cancelled"]


class JobProgressOut(Schema):
    uid: str
    status: JobStatus
    status_display: str = Field(description="The status in the request's language.")
    step: str = Field(description="validate, combine, ocr, sign or store; empty before the job starts.")
    step_display: str = Field(description="The step in the request's language.")
    pages_done: int = Field(description="Pages through the current step.")
    pages_total: int = Field(description="Pages in the files given.")
    percent: int = Field(description="0 to 100; 100 once the job is done.")
    error_code: str = Field(description="A stable code when the job failed (document_ocr_failed…), else empty.")
    error: str = Field(description="Why the job failed, in the request's language; empty unless failed.")
    documents: list[str] = Field(description="Uids of the stored documents, once the job is done.")


class DocumentFilters(Schema):
    q: str = Field("", max_length=200, description="Words of the recognized text or title; accents ignored.")
    owner: str = Field(
        "", pattern=OWNER_PATTERN, description="The owner's ID number (12 digits) or tax code (10 or 13 digits)."
    )


class DocumentSummary(Schema):
    uid: str
    owner_id_number: str = Field(description="The owner's ID number or tax code.")
    kind: str = Field(description="The document's type, e.g. the name of the paper it was scanned for.")
    title: str
    origin: DocumentOrigin
    pages: int
    issuer: str
    number: str
    issued_on: date | None
    valid_until: date | None
    receiving_point: str | None = Field(description="Code of the receiving point where it was digitized.")
    created_at: LocalDateTime

    @staticmethod
    def resolve_uid(obj: Any) -> str:
        return str(obj.uid)

    @staticmethod
    def resolve_receiving_point(obj: Any) -> str | None:
        return obj.receiving_point.code if obj.receiving_point_id else None


class DocumentUseOut(Schema):
    dossier: str = Field(description="Code of the dossier.")
    component: int | None = Field(description="Id of the dossier's paper it stands for; null for a result.")
    kind: UseKind
    used_at: LocalDateTime

    @staticmethod
    def resolve_dossier(obj: Any) -> str:
        return obj.dossier.code

    @staticmethod
    def resolve_component(obj: Any) -> int | None:
        return obj.component_id


class DocumentOut(DocumentSummary):
    sha256: str = Field(description="SHA-256 of the signed PDF served at /file.")
    source_sha256: str = Field(description="SHA-256 of what was scanned.")
    signer: str
    signed_at: LocalDateTime | None
    uses: list[DocumentUseOut] = Field(description="The dossiers in the caller's scope it served, newest first.")

    @staticmethod
    def resolve_uses(obj: Any, context: Any) -> list[Any]:
        return list(document_uses(user=context["request"].auth, document=obj))


class VerificationOut(Schema):
    intact: bool = Field(description="The file is unchanged since it was signed.")
    trusted: bool = Field(description="The signer's certificate chains to a trusted root.")
    valid: bool = Field(description="Intact, trusted and without problems.")
    signer: str
    signed_at: LocalDateTime | None
    problems: list[str] = Field(description="What is wrong, in the request's language.")
