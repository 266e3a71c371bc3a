"""Value types shared by the API's schemas."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from django.utils import timezone
from pydantic import AfterValidator


def _local(value: datetime) -> datetime:
    """An instant in Vietnam's time zone: a naive input is read as local time, an aware one is converted."""
    if timezone.is_naive(value):
        return timezone.make_aware(value)
    return timezone.localtime(value)


# ISO 8601 in and out; out always with the +07:00 offset, whatever zone the database hands back.
LocalDateTime = Annotated[datetime, AfterValidator(_local)]
