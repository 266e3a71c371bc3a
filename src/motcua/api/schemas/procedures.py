"""The public procedure catalogue: summaries in search results, the full published version in the detail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from motcua.procedures.models import ComponentForm, FeeKind, ImplementingLevel, OnlineSubmission, TimeLimitUnit

# Codes and values, never display labels: clients show them in their own language.


class FieldRef(Schema):
    code: str
    name: str


class ProcedureFilters(Schema):
    q: str = Field("", max_length=200, description="Words found in the code, name or field; accents are ignored.")
    field: str | None = Field(None, max_length=40, description="Only this field (its code).")
    level: ImplementingLevel | None = Field(None, description="Only procedures carried out at this level.")


def _fee_total(version: Any) -> int:
    return sum(fee.amount for fee in version.fees.all())


class ProcedureSummary(Schema):
    national_code: str
    name: str
    field: FieldRef
    levels: list[ImplementingLevel] = Field(alias="current_version.levels")
    time_limit: float = Field(alias="current_version.time_limit", description="In time_limit_unit.")
    time_limit_unit: TimeLimitUnit = Field(alias="current_version.time_limit_unit")
    same_day_cutoff: bool = Field(
        alias="current_version.same_day_cutoff", description="Received before the cut-off hour, due the same day."
    )
    online_submission: OnlineSubmission = Field(alias="current_version.online_submission")
    postal_pickup: bool = Field(alias="current_version.postal_pickup")
    postal_return: bool = Field(alias="current_version.postal_return")
    fee_total: int = Field(description="Sum of the fees and charges, in VND.")

    @staticmethod
    def resolve_fee_total(obj: Any) -> int:
        return _fee_total(obj.current_version)


class ComponentOut(Schema):
    order: int
    name: str
    form: ComponentForm
    quantity: int
    mandatory: bool
    condition: str = Field(description="When an optional component is required; empty if mandatory.")
    form_template: str


class FeeOut(Schema):
    order: int
    kind: FeeKind
    description: str
    amount: int = Field(description="In VND.")
    exemptions: str


class StepOut(Schema):
    order: int
    name: str
    role: str
    unit: str
    at_other_agency: bool
    duration: float = Field(description="Share of the time limit, in time_limit_unit.")
    parallel_group: int | None = Field(description="Steps of the same group run at the same time.")


class ProcedureDetail(Schema):
    national_code: str = Field(alias="procedure.national_code")
    name: str
    version: int = Field(alias="number")
    published_at: datetime
    field: FieldRef = Field(alias="procedure.field")
    levels: list[ImplementingLevel]
    competent_authority: str
    time_limit: float
    time_limit_unit: TimeLimitUnit
    same_day_cutoff: bool
    result_kind: str
    online_submission: OnlineSubmission
    postal_pickup: bool
    postal_return: bool
    fee_total: int = Field(description="Sum of the fees and charges, in VND.")
    legal_basis: str
    applicant_requirements: str
    note: str
    components: list[ComponentOut]
    fees: list[FeeOut]
    steps: list[StepOut]

    @staticmethod
    def resolve_fee_total(obj: Any) -> int:
        return _fee_total(obj)
