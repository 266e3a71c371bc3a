"""The planner's scenarios, versions, results and comparisons (see motcua.planner and docs/planner.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from motcua.planner.models import ScenarioStatus


class ScenarioIn(Schema):
    name: str = Field(min_length=1, max_length=200, description="Unique within its province (or the country).")
    province: str | None = Field(
        None, min_length=2, max_length=2, description="GSO code of the province; null: the whole country."
    )
    description: str = Field("", max_length=5000)
    copy_of: int | None = Field(None, ge=1, description="Start from the latest inputs of this scenario.")
    inputs: dict[str, Any] | None = Field(
        None, description="The inputs (as in a version's `inputs`); default: the cited defaults."
    )


class VersionIn(Schema):
    inputs: dict[str, Any] = Field(description="Every input, as a version's `inputs`; checked in full.")
    note: str = Field("", max_length=2000)
    provenance: dict[str, str] = Field(
        default_factory=dict,
        description="Where a changed number comes from, by its dotted key, e.g. "
        "{'fields.DD.dossiers_per_1000': 'measured at Bưu cục Thành Sen from 01/03 to 31/03/2026'}; "
        "a changed key not given here is recorded as edited by the caller.",
    )


class VersionSummary(Schema):
    number: int
    note: str
    created_by: str | None = Field(description="Username, null for the system.")
    created_at: datetime


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


class ScenarioOut(Schema):
    id: int
    name: str
    province: str | None = Field(alias="province_id", description="GSO code; null: the whole country.")
    status: ScenarioStatus
    owner: str | None = Field(description="Username.")
    parent: int | None = Field(alias="parent_id", description="The scenario this one was copied from.")
    description: str
    created_at: datetime
    latest_version: int

    @staticmethod
    def resolve_owner(scenario: Any) -> str | None:
        return _username(scenario.owner)

    @staticmethod
    def resolve_latest_version(scenario: Any) -> int:
        return max((version.number for version in scenario.versions.all()), default=0)


class ScenarioDetail(ScenarioOut):
    versions: list[VersionSummary]

    @staticmethod
    def resolve_versions(scenario: Any) -> list[dict[str, Any]]:
        return [
            {
                "number": version.number,
                "note": version.note,
                "created_by": _username(version.created_by),
                "created_at": version.created_at,
            }
            for version in sorted(scenario.versions.all(), key=lambda version: -version.number)
        ]


class InputSource(Schema):
    key: str = Field(description="Dotted key, e.g. queue.service_level.")
    value: Any
    unit: str
    label_vi: str
    label_en: str
    source: str = Field(description="The default's source, or where this version's value came from.")
    as_of: str


class VersionOut(VersionSummary):
    scenario: int
    inputs: dict[str, Any]
    sources: list[InputSource]


class ProvinceResult(Schema):
    code: str
    name: str
    figures: dict[str, float]
    baseline_staff_by_hour: list[int] = Field(description="168 values: Monday 00:00 first.")
    postal_staff_by_hour: list[int]


class ResultOut(Schema):
    scenario: int
    version: int
    scope: str = Field(description="Province code; empty: the country.")
    figures: dict[str, float] = Field(description="Totals of the scope (per year unless the name says week).")
    open_hours: list[float] = Field(description="168 values: the open part of each hour of the week.")
    provinces: list[ProvinceResult]
    communes: list[dict[str, Any]]


class CompareQuery(Schema):
    a: int = Field(ge=1, description="Scenario A.")
    b: int = Field(ge=1, description="Scenario B.")
    a_version: int | None = Field(None, ge=1, le=1_000_000, description="Default: A's latest.")
    b_version: int | None = Field(None, ge=1, le=1_000_000, description="Default: B's latest.")
    province: str | None = Field(None, min_length=2, max_length=2)


class ComparisonRowOut(Schema):
    kind: str = Field(description="'indicator' (a result of the plan) or 'input' (an input that differs).")
    key: str
    a: Any
    b: Any
    difference: float | None = Field(description="b − a, for numbers.")
