"""Writing the procedure catalogue. Import from here; the modules are an implementation detail."""

from .catalogue import field_create, field_get, field_rename, procedure_change_field, procedure_refresh_search_text
from .procedures import procedure_create, procedure_register
from .versions import (
    procedure_version_create_draft,
    procedure_version_publish,
    procedure_version_retire,
    procedure_version_update,
)

__all__ = [
    "field_create",
    "field_get",
    "field_rename",
    "procedure_change_field",
    "procedure_create",
    "procedure_refresh_search_text",
    "procedure_register",
    "procedure_version_create_draft",
    "procedure_version_publish",
    "procedure_version_retire",
    "procedure_version_update",
]
