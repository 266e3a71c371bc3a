"""Certifications: codes and values, never display labels (clients show them in their own language)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema


class CertificationOut(Schema):
    id: int
    stage_code: str = Field(description="A stage code of the catalogue (GET /stages).")
    field_code: str
    field_name: str
    issued_at: datetime
    valid_until: date = Field(description="The last day the certification is valid.")
    basis: Literal["exam", "practical", "command"]
    state: Literal["valid", "expiring", "expired", "revoked"] = Field(
        description="expiring: within the first reminder (CERTIFICATION_REMINDER_DAYS) of its last day."
    )
    verification_url: str = Field(description="The public verification page its QR code opens.")
