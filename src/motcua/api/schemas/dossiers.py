"""Dossiers as staff see them: a summary in lists, the full representation with what the caller may do now.

Codes and values, never display labels (clients show them in their own language), except ``allowed_actions``,
whose ``label`` is in the request's language so a client can put it on a button as it is. Instants are
ISO 8601 with Vietnam's offset (+07:00).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from ninja import Field, Schema

from motcua.dossiers.actions import dossier_allowed_actions
from motcua.dossiers.lifecycle import NATIONAL_CHANNEL_CODE, NATIONAL_STATUS_CODE, Action, Channel, Status
from motcua.dossiers.models import ApplicantKind, Completion, ReturnMethod, StepStatus
from motcua.dossiers.privacy import applicant_card
from motcua.dossiers.selectors import dossier_content_readable, dossier_due_flag, dossier_needs_apology
from motcua.dossiers.services.act import dossier_last_seq

from .types import LocalDateTime

DueFlag = Literal["overdue", "due_soon", "on_track", "paused", "ended"]
DUE_DESCRIPTION = (
    "Against the appointment, in working time, now: overdue, due_soon, on_track; paused while the applicant "
    "supplements or pays; ended once processing has ended."
)


def _caller(context: Any) -> Any:
    return context["request"].auth


class UnitRef(Schema):
    code: str
    name: str


class ProcedureRef(Schema):
    national_code: str = Field(alias="procedure.national_code")
    name: str
    version: int = Field(alias="number")


class ApplicantOut(Schema):
    kind: ApplicantKind = Field(alias="applicant_kind")
    name: str = Field(alias="applicant_name")
    id_number: str = Field(alias="applicant_id_number", description="12-digit citizen ID, or a tax code.")
    birth_date: date | None = Field(alias="applicant_birth_date")
    phone: str = Field(alias="applicant_phone")
    email: str = Field(alias="applicant_email")
    address: str = Field(alias="applicant_address")
    commune_code: str | None = Field(alias="applicant_commune_id")
    representative_name: str
    representative_id_number: str
    representative_address: str
    representative_phone: str
    representative_email: str
    authorization_document: str


class DossierComponentOut(Schema):
    id: int
    checklist_order: int | None = Field(description="Order of the checklist item it answers; null for an extra paper.")
    name: str
    form: str
    count: int
    document_ref: str = Field(description="The stored document, when there is one.")
    reused: bool = Field(description="Reused from the data store rather than handed in.")
    digitized: bool

    @staticmethod
    def resolve_checklist_order(obj: Any) -> int | None:
        return obj.component.order if obj.component_id else None


class DossierStepOut(Schema):
    order: int
    name: str
    role: str
    agency: str | None = Field(description="Code of the agency doing the step; null until it is routed.")
    parallel_group: int | None = Field(description="Steps of the same group run at the same time.")
    status: StepStatus
    assignee: str | None = Field(description="Username of who completed the step.")
    budget_hours: float = Field(alias="duration_hours", description="Working hours allotted to the step.")
    started_at: LocalDateTime | None
    due_at: LocalDateTime | None
    finished_at: LocalDateTime | None

    @staticmethod
    def resolve_agency(obj: Any) -> str | None:
        return obj.agency.code if obj.agency_id else None

    @staticmethod
    def resolve_assignee(obj: Any) -> str | None:
        return obj.assignee.username if obj.assignee_id else None


class ActionFieldOut(Schema):
    name: str
    type: str = Field(
        description="string, string[], integer, datetime (ISO 8601), agency_code, object or file "
        "(`{name, content_base64}`)."
    )
    required: bool


class AllowedActionOut(Schema):
    action: Action
    label: str = Field(description="The action's name in the request's language.")
    fields: list[ActionFieldOut] = Field(description="What to send in the body of the action.")

    @staticmethod
    def resolve_label(obj: Any) -> str:
        return str(Action(obj.action).label)


class DossierSummary(Schema):
    code: str
    status: Status
    national_status_code: int = Field(description="The status in the National Public Service Portal's codes.")
    channel: Channel
    procedure: ProcedureRef = Field(alias="procedure_version")
    applicant_name: str
    receiving_point: UnitRef
    lead_agency: UnitRef
    received_at: LocalDateTime
    appointment_at: LocalDateTime
    due: DueFlag = Field(description=DUE_DESCRIPTION)
    completion: Completion | None = Field(description="Early, on time or late; null until processing ends.")

    @staticmethod
    def resolve_national_status_code(obj: Any) -> int:
        return NATIONAL_STATUS_CODE[obj.status]

    @staticmethod
    def resolve_due(obj: Any) -> str:
        return dossier_due_flag(dossier=obj)

    @staticmethod
    def resolve_completion(obj: Any) -> str | None:
        return obj.completion or None


class DossierOut(DossierSummary):
    national_channel_code: int = Field(description="The channel in the National Public Service Portal's codes.")
    applicant: ApplicantOut
    received_by: str = Field(alias="received_by.username")
    original_appointment_at: LocalDateTime = Field(description="The appointment given at reception.")
    extension_reason: str = Field(description="Why the appointment was reset (once, with an apology); or empty.")
    needs_apology: bool = Field(
        description="Less than a working day is left, or none, and the appointment has not been reset yet."
    )
    supplement_requests: int
    processed_at: LocalDateTime | None
    returned_at: LocalDateTime | None
    fees_charged: int = Field(description="In VND.")
    fees_paid: int = Field(description="In VND.")
    return_method: ReturnMethod
    return_address: str
    components: list[DossierComponentOut]
    steps: list[DossierStepOut]
    allowed_actions: list[AllowedActionOut] = Field(description="What the caller may do now, with the fields needed.")
    seq: int = Field(
        description="The number of the dossier's latest history event, also its `ETag`: send it back as an action's "
        "`expected_seq` (or the ETag in `If-Match`): a dossier changed since is not acted on (412 `dossier_changed`)."
    )

    @staticmethod
    def resolve_national_channel_code(obj: Any) -> int:
        return NATIONAL_CHANNEL_CODE[obj.channel]

    @staticmethod
    def resolve_applicant(obj: Any, context: Any) -> Any:
        # ApplicantOut reads the applicant_* fields, cut for a reader without the content (motcua.dossiers.privacy).
        return applicant_card(obj, complete=dossier_content_readable(user=_caller(context), dossier=obj))

    @staticmethod
    def resolve_return_address(obj: Any, context: Any) -> str:
        return applicant_card(obj, complete=dossier_content_readable(user=_caller(context), dossier=obj)).return_address

    @staticmethod
    def resolve_needs_apology(obj: Any) -> bool:
        return dossier_needs_apology(dossier=obj)

    @staticmethod
    def resolve_components(obj: Any) -> Any:
        return obj.components.all()

    @staticmethod
    def resolve_steps(obj: Any) -> Any:
        return obj.steps.all()

    @staticmethod
    def resolve_seq(obj: Any) -> int:
        return dossier_last_seq(dossier=obj)

    @staticmethod
    def resolve_allowed_actions(obj: Any, context: Any) -> Any:
        return dossier_allowed_actions(dossier=obj, user=_caller(context))
