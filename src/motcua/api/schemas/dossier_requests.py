"""What staff send: list filters, a reception, and the body of an action.

Inputs refuse unknown fields (422), so a misspelt field is an error rather than silently ignored.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Field, Schema
from pydantic import ConfigDict, field_validator

from motcua.core.input_guard import LARGEST_INTEGER
from motcua.dossiers.actions import ACTION_FIELDS
from motcua.dossiers.lifecycle import Channel, Status
from motcua.dossiers.models import ApplicantKind, ReturnMethod

from .types import LocalDateTime


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


# --- lists -----------------------------------------------------------------------------------------------------


class DossierFilters(Schema):
    status: Status | None = Field(None, description="Only dossiers in this status.")
    procedure: str | None = Field(None, max_length=20, description="Only this procedure (its national code).")
    receiving_point: str | None = Field(None, max_length=40, description="Only those received at this point (code).")
    lead_agency: str | None = Field(None, max_length=35, description="Only those this agency leads (code).")
    agency: str | None = Field(
        None, max_length=35, description="Only those this agency leads or has a step in progress for (code)."
    )
    received_from: date | None = Field(None, description="Received on or after this day (local time).")
    received_to: date | None = Field(None, description="Received on or before this day (local time).")
    due: Literal["overdue", "due_soon"] | None = Field(
        None, description="Open dossiers whose clock runs and whose appointment has passed, or is near."
    )
    assignee: Literal["me"] | None = Field(
        None, description="Only dossiers with a step assigned to the caller (a step is assigned when completed)."
    )
    step: str | None = Field(None, max_length=255, description="Only those with a step of this name in progress.")
    step_order: int | None = Field(
        None, ge=1, le=LARGEST_INTEGER, description="Only those with the step of this order in progress."
    )


# --- reception -------------------------------------------------------------------------------------------------


class ApplicantIn(Strict):
    kind: ApplicantKind = ApplicantKind.CITIZEN
    name: str = Field(min_length=1, max_length=255)
    id_number: str = Field(
        max_length=14, description="12-digit citizen ID; an organization's 10- or 13-digit tax code."
    )
    birth_date: date | None = Field(None, description="ISO 8601 date, e.g. 1990-05-17.")
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)
    address: str = Field(min_length=1, max_length=255)
    commune_code: str | None = Field(None, max_length=5, description="The commune of the address, on today's map.")
    representative_name: str = Field("", max_length=255, description="The authorized representative, if any.")
    representative_id_number: str = Field("", max_length=12)
    representative_address: str = Field("", max_length=255, description="The representative's address.")
    representative_phone: str = Field("", max_length=20)
    representative_email: str = Field("", max_length=254)
    authorization_document: str = Field("", max_length=255, description="The paper that authorizes them.")

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value:
            try:
                validate_email(value)
            except DjangoValidationError as error:
                raise ValueError("not a valid e-mail address") from error
        return value


class ReceivedComponentIn(Strict):
    order: int | None = Field(None, ge=1, description="Order of the checklist item it answers (procedure detail).")
    id: int | None = Field(None, ge=1, description="Or the checklist item's id. Neither: an extra paper.")
    name: str = Field("", max_length=500, description="Defaults to the checklist item's name.")
    form: str = Field("", max_length=20, description="Original, copy…; defaults to the checklist item's form.")
    count: int = Field(1, ge=1, le=999)
    document_ref: str = Field("", max_length=255, description="The stored document, when there is one.")
    reused: bool = Field(False, description="Reused from the data store rather than handed in.")
    digitized: bool = False


class FeeLineIn(Strict):
    """A fee line of the procedure that applies to this dossier (see the procedure detail's `fees`)."""

    order: int = Field(ge=1, description="Order of the fee line in the procedure detail.")
    quantity: int = Field(1, ge=1, le=99, description="Units asked for a per-unit line (copies…); 1 otherwise.")


class ReceptionIn(Strict):
    procedure: str = Field(max_length=20, description="National code; its current published version is used.")
    receiving_point: str = Field(max_length=40, description="Code of the receiving point.")
    lead_agency: str = Field(max_length=35, description="Code of the agency that will decide.")
    channel: Channel = Channel.COUNTER
    applicant: ApplicantIn
    components: list[ReceivedComponentIn] = Field(default_factory=list, max_length=100)
    return_method: ReturnMethod = ReturnMethod.COUNTER
    return_address: str = Field("", max_length=255, description="Needed when the result is returned by post.")
    fees_paid: int = Field(0, ge=0, description="In VND; at most the fees charged.")
    fee_lines: list[FeeLineIn] = Field(
        default_factory=list,
        max_length=50,
        description=(
            "The fee lines that apply: the one alternative of each group (required), the optional lines asked "
            "for, and the units of per-unit lines. Lines that stand alone apply without being named; optional "
            "lines are never charged unless named."
        ),
    )
    fee_exemption: str = Field(
        "", max_length=255, description="Why the applicant is exempt from the lines that provide for an exemption."
    )


# --- actions ---------------------------------------------------------------------------------------------------


def _used_by(name: str, what: str) -> str:
    """The field's description, with the actions that take it (from the engine's ACTION_FIELDS)."""
    uses = [
        f"{action.value}{'' if field.required else ' (optional)'}"
        for action, fields in ACTION_FIELDS.items()
        for field in fields
        if field.name == name
    ]
    return f"{what} Used by: {', '.join(uses)}."


class ResultFileIn(Strict):
    """A file sent inside a JSON body."""

    name: str = Field(..., min_length=1, max_length=255, description="The file's name, e.g. `quyet-dinh.pdf`.")
    content_base64: str = Field(..., min_length=1, description="The file's bytes, base64-encoded (RFC 4648).")


class ActionIn(Strict):
    """Every field any action takes; send only those of the action (see `allowed_actions[].fields`)."""

    expected_seq: int | None = Field(
        None,
        ge=0,
        le=2**31 - 1,
        description=(
            "Any action: the dossier's `seq` as the client last saw it. If the dossier has changed since, nothing "
            "is done and the answer is 412 `dossier_changed`. The same as sending its ETag in `If-Match`."
        ),
    )
    note: str | None = Field(None, max_length=2000, description=_used_by("note", "A remark for the history."))
    reason: str | None = Field(None, max_length=2000, description=_used_by("reason", "Why, for the applicant."))
    reasons: str | None = Field(None, max_length=2000, description=_used_by("reasons", "Why it is refused (slip 03)."))
    items: list[str] | None = Field(
        None, max_length=50, description=_used_by("items", "The papers or corrections asked for (slip 02).")
    )
    amount: int | None = Field(None, ge=0, description=_used_by("amount", "In VND."))
    description: str | None = Field(
        None, max_length=2000, description=_used_by("description", "What the obligation is.")
    )
    assignee: str | None = Field(
        None, max_length=150, description=_used_by("assignee", "Username of the colleague who takes the step.")
    )
    next_agency: str | None = Field(
        None,
        max_length=35,
        description=_used_by("next_agency", "Code of the agency for the next step, when it is at another agency."),
    )
    step_agencies: dict[int, str] | None = Field(
        None,
        description=_used_by("step_agencies", "Agency code by step order, for the steps at other agencies."),
    )
    result_reference: str | None = Field(
        None, max_length=100, description=_used_by("result_reference", "Number of the signed result document.")
    )
    result_file: ResultFileIn | None = Field(
        None,
        description=_used_by(
            "result_file",
            "The result document as signed by the agency: a PDF with a valid PAdES signature by a certificate of a "
            "trusted authority; anything else is refused (`document_result_*` problems).",
        ),
    )
    collector_name: str | None = Field(
        None,
        max_length=255,
        description=_used_by(
            "collector_name",
            "Who collected the result at the counter; needed to return it (`collector_name_required`).",
        ),
    )
    collector_id_number: str | None = Field(
        None,
        max_length=13,
        description=_used_by(
            "collector_id_number",
            "ID number of who collected the result: a 12-digit citizen ID or a 10/13-digit tax code "
            "(`collector_id_number_required`, `dossier_invalid_id_number`).",
        ),
    )
    identity_checked: bool | None = Field(
        None,
        description=_used_by(
            "identity_checked",
            "The collector's identity paper was checked; must be true (`collector_identity_not_checked`).",
        ),
    )
    collector_relation: str | None = Field(
        None,
        max_length=100,
        description=_used_by(
            "collector_relation",
            "The collector's relation to the applicant; needed when `collector_id_number` is not the applicant's "
            "(`collector_relation_required`).",
        ),
    )
    collector_authorization: str | None = Field(
        None,
        max_length=255,
        description=_used_by(
            "collector_authorization",
            "The authorization paper shown by a collector who is not the applicant "
            "(`collector_authorization_required`).",
        ),
    )
    new_appointment: LocalDateTime | None = Field(
        None, description=_used_by("new_appointment", "ISO 8601; later than the current appointment.")
    )
