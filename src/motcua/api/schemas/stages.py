"""The stage catalogue: codes and values, never display labels (clients show them in their own language)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from motcua.stages.models import Boundary, EventKind, Performer, TimeBasis


class StageStepOut(Schema):
    order: int
    text_vi: str
    text_en: str
    actor: Performer


class StageEventOut(Schema):
    kind: EventKind = Field(description="dossier: an action of the dossier's history; postal: a postal order's event.")
    name: str = Field(description="Spelled exactly as motcua stores it (docs/stages.md, “Events”).")


def _events(obj: Any, boundary: str) -> list[Any]:
    return [event for event in obj.events.all() if event.boundary == boundary]


class StageOut(Schema):
    code: str = Field(description="Stable across catalogue versions.")
    name_vi: str
    name_en: str
    performer: Performer
    reference_only: bool = Field(description="Done by the agency: listed for reference, not staffed by the post.")
    sort_order: int
    time_standard_minutes: int = Field(description="A default to calibrate, in minutes per time_basis.")
    time_basis: TimeBasis
    inputs: list[str]
    outputs: list[str]
    quality_checks: list[str]
    slips: list[str] = Field(description="Codes of the slips produced: 01–07 (Circular 03/2025), guidance, handover…")
    indicators: list[str] = Field(description="Decision 766/QĐ-TTg groups: transparency, progress, online…")
    steps: list[StageStepOut]
    start_events: list[StageEventOut]
    end_events: list[StageEventOut]

    @staticmethod
    def resolve_steps(obj: Any) -> list[Any]:
        return list(obj.steps.all())

    @staticmethod
    def resolve_start_events(obj: Any) -> list[Any]:
        return _events(obj, Boundary.START)

    @staticmethod
    def resolve_end_events(obj: Any) -> list[Any]:
        return _events(obj, Boundary.END)


class CatalogueOut(Schema):
    version: int = Field(alias="number")
    published_at: datetime | None
    note: str
    stages: list[StageOut]

    @staticmethod
    def resolve_stages(obj: Any) -> list[Any]:
        return list(obj.stages.all())
