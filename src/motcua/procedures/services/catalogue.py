"""Fields, classification and search text of the catalogue."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from motcua.audit import events as audit
from motcua.core.text import fold, vietnamese_sort_key

from .. import errors
from ..models import Field, Procedure
from ..validators import validate_field_code, validate_max_length, validate_required


def procedure_refresh_search_text(*, procedure: Procedure) -> None:
    """Recompute the folded search text from the code, the current name and the field, and the name's sort key."""
    parts = [procedure.national_code, procedure.name, procedure.field.name]
    procedure.search_text = fold(" ".join(parts))
    procedure.sort_key = vietnamese_sort_key(procedure.name)
    Procedure.objects.filter(pk=procedure.pk).update(search_text=procedure.search_text, sort_key=procedure.sort_key)


def field_get(*, code: str) -> Field:
    field = Field.objects.filter(code=code).first()
    if field is None:
        raise errors.field_unknown(code=code)
    return field


@transaction.atomic
def field_create(*, code: str, name: str, actor: Any = None) -> Field:
    """Add a field (lĩnh vực) to the catalogue."""
    code, name = code.strip(), name.strip()
    validate_field_code(code)
    validate_required(name)
    validate_max_length(name, 255)
    if Field.objects.filter(code=code).exists():
        raise errors.field_exists(code=code)
    return Field.objects.create(code=code, name=name)


@transaction.atomic
def field_rename(*, field: Field, name: str, actor: Any = None) -> Field:
    """Rename a field and refresh the search text of its procedures, which includes the field's name."""
    name = name.strip()
    validate_required(name)
    validate_max_length(name, 255)
    old_name = Field.objects.select_for_update().values_list("name", flat=True).get(pk=field.pk)
    if old_name == name:
        return field
    field.name = name
    field.save(update_fields=["name"])
    for procedure in Procedure.objects.filter(field=field).select_related("field"):
        procedure_refresh_search_text(procedure=procedure)
    audit.procedure_field_renamed(field, actor, old_name=old_name)
    return field


@transaction.atomic
def procedure_change_field(*, procedure: Procedure, field: Field, actor: Any = None) -> Procedure:
    """Classify a procedure under another field. Fields are not versioned: this applies to every version."""
    stored_field_id = Procedure.objects.select_for_update().values_list("field_id", flat=True).get(pk=procedure.pk)
    if stored_field_id == field.pk:
        return procedure
    procedure.field = field
    procedure.save(update_fields=["field"])
    procedure_refresh_search_text(procedure=procedure)
    return procedure
