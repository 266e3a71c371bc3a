"""What a dossier went through: its history events, and the processing control record (slip 06)."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from motcua.dossiers.lifecycle import Status
from motcua.dossiers.models import Completion

from .dossiers import UnitRef
from .types import LocalDateTime


class DossierEventOut(Schema):
    seq: int = Field(description="1, 2, 3… in the order things happened; never reused.")
    at: LocalDateTime
    actor: str | None = Field(description="Username of who acted; null for the system.")
    action: str = Field(description="'receive', or one of the actions of POST /dossiers/{code}/actions/{action}.")
    from_status: Status | None = Field(description="Null for the reception.")
    to_status: Status
    agency: str | None = Field(description="Code of the unit the event concerns (it acted for, or received the work).")
    note: str
    payload: dict[str, Any] = Field(description="Details of the event, e.g. the items asked for in a supplement.")

    @staticmethod
    def resolve_actor(obj: Any) -> str | None:
        return obj.actor.username if obj.actor_id else None

    @staticmethod
    def resolve_from_status(obj: Any) -> str | None:
        return obj.from_status or None

    @staticmethod
    def resolve_agency(obj: Any) -> str | None:
        return obj.agency.code if obj.agency_id else None


class HandOverOut(Schema):
    no: int
    action: str
    giver: UnitRef = Field(description="The unit handing over; for the applicant, an empty code and their name.")
    giver_actor: str = Field(description="Who handed over, as printed on the slip.")
    receiver: UnitRef
    at: LocalDateTime
    due_at: LocalDateTime | None = Field(description="The deadline of the work handed over; null for round trips.")
    result: Completion | None = Field(description="Whether the giver was early, on time or late; null if not judged.")
    note: str

    @staticmethod
    def resolve_result(obj: Any) -> str | None:
        return obj.result or None


class ControlRecordOut(Schema):
    """Slip 06 (Circular 03/2025, Annex I): every hand-over between units, with times, actors and timeliness."""

    code: str
    procedure: str
    applicant: str
    receiving_point: UnitRef
    lead_agency: UnitRef
    co_agencies: list[UnitRef]
    received_at: LocalDateTime
    appointment_at: LocalDateTime
    original_appointment_at: LocalDateTime | None = Field(description="Before it was reset with an apology, if it was.")
    extension_reason: str
    completion: Completion | None
    rows: list[HandOverOut]

    @staticmethod
    def resolve_completion(obj: Any) -> str | None:
        return obj.completion or None
