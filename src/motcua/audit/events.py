"""Named audit events. Call these, not ``audit_event_append`` with ad-hoc strings.

They accept the domain objects duck-typed (``pk`` and ``str``), so this low layer imports no app above it.
"""

from __future__ import annotations

from typing import Any

from .services import audit_event_append


def _ref(obj: Any) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def procedure_version_published(version: Any, actor: Any) -> None:
    object_type, object_id = _ref(version)
    audit_event_append(
        action="procedure.version_published",
        actor=actor,
        object_type=object_type,
        object_id=object_id,
        payload={"procedure": version.procedure.national_code, "version": version.number},
    )


def procedures_imported(*, actor: Any, source: str, created: int, versions: int) -> None:
    audit_event_append(
        action="procedure.imported",
        actor=actor,
        payload={"source": source, "procedures_created": created, "versions_created": versions},
    )


def day_override_changed(override: Any, actor: Any, *, deleted: bool = False) -> None:
    object_type, object_id = _ref(override)
    audit_event_append(
        action="workdays.override_deleted" if deleted else "workdays.override_saved",
        actor=actor,
        object_type=object_type,
        object_id=object_id,
        payload={"date": override.date.isoformat(), "kind": override.kind, "name": override.name},
    )


def staff_assignment_changed(assignment: Any, actor: Any, *, deleted: bool = False) -> None:
    object_type, object_id = _ref(assignment)
    audit_event_append(
        action="agencies.assignment_deleted" if deleted else "agencies.assignment_saved",
        actor=actor,
        object_type=object_type,
        object_id=object_id,
        payload={"user": assignment.user.username, "role": assignment.role},
    )


def demo_data_loaded(*, summary: dict[str, int]) -> None:
    audit_event_append(action="core.demo_loaded", payload=summary)


def procedure_version_draft_created(version: Any, actor: Any) -> None:
    object_type, object_id = _ref(version)
    audit_event_append(
        action="procedure.draft_created",
        actor=actor,
        object_type=object_type,
        object_id=object_id,
        payload={"procedure": version.procedure.national_code, "version": version.number},
    )


def procedure_version_retired(version: Any, actor: Any) -> None:
    object_type, object_id = _ref(version)
    audit_event_append(
        action="procedure.version_retired",
        actor=actor,
        object_type=object_type,
        object_id=object_id,
        payload={"procedure": version.procedure.national_code, "version": version.number},
    )


def procedure_field_renamed(field: Any, actor: Any, *, old_name: str) -> None:
    object_type, object_id = _ref(field)
    audit_event_append(
        action="procedure.field_renamed",
        actor=actor,
        object_type=object_type,
        object_id=object_id,
        payload={"code": field.code, "old_name": old_name, "name": field.name},
    )
