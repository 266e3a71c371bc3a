"""Changing the calendar: every override write goes through here and leaves an audit event."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from motcua.audit import events as audit

from . import errors
from .models import DayKind, DayOverride


@transaction.atomic
def day_override_save(*, override: DayOverride, actor: Any = None) -> DayOverride:
    """Validate and store one override, new or edited, and audit it in the same transaction."""
    try:
        override.full_clean()
    except ValidationError as exc:
        raise errors.override_invalid(day=override.date, details="; ".join(exc.messages)) from exc
    override.save()
    audit.day_override_changed(override, actor)
    return override


@transaction.atomic
def day_override_set(*, day: date, kind: DayKind | str, name: str, legal_basis: str, actor: Any = None) -> DayOverride:
    """Make ``day`` a day off or a working day, creating or replacing its override. ``legal_basis`` names the
    document that decided it: every holiday row names its source (docs/domain.md, "Holidays")."""
    override = DayOverride.objects.select_for_update().filter(date=day).first() or DayOverride(date=day)
    override.kind, override.name, override.legal_basis = kind, name, legal_basis
    return day_override_save(override=override, actor=actor)


@transaction.atomic
def day_override_delete(*, override: DayOverride, actor: Any = None) -> None:
    """Remove an override, so the date falls back to the statutory calendar. Audited before the row goes."""
    audit.day_override_changed(override, actor, deleted=True)
    override.delete()
