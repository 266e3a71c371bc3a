"""Reading the procedure catalogue."""

from __future__ import annotations

from django.db.models import F, Prefetch, Q, QuerySet

from motcua.core.text import fold

from . import errors
from .models import Component, Fee, Field, Procedure, ProcedureVersion, ProcessStep, VersionStatus


def procedure_search(
    *, query: str = "", field_code: str | None = None, level: str | None = None
) -> QuerySet[Procedure]:
    """Procedures with a published version whose code, name or field contain every word of ``query``.

    Matching is on the folded (lower-case, accent-free) ``search_text``, so "dang ky khai sinh" finds
    "Đăng ký khai sinh" alike on SQLite and PostgreSQL.
    """
    procedures = Procedure.objects.filter(current_version__status=VersionStatus.PUBLISHED).select_related(
        "field", "current_version"
    )
    for word in fold(query).split():
        procedures = procedures.filter(search_text__contains=word)
    if field_code:
        procedures = procedures.filter(field__code=field_code)
    if level:
        # JSON containment differs per database; the levels list is short, so match its text.
        procedures = procedures.filter(Q(current_version__levels__icontains=f'"{level}"'))
    # Vietnamese alphabetical order ("Cấp…" before "Đăng ký…"), the same on every database (docs/architecture.md,
    # "Vietnamese alphabetical order").
    return procedures.order_by("sort_key", "national_code")


def procedure_get_published(*, national_code: str) -> ProcedureVersion:
    """The current published version of a procedure, with its checklist, fees and steps loaded."""
    version = (
        ProcedureVersion.objects.filter(
            procedure__national_code=national_code,
            procedure__current_version=F("id"),
            status=VersionStatus.PUBLISHED,
        )
        .select_related("procedure", "procedure__field")
        .prefetch_related(
            Prefetch("components", queryset=Component.objects.order_by("order")),
            Prefetch("fees", queryset=Fee.objects.order_by("order")),
            Prefetch("steps", queryset=ProcessStep.objects.order_by("order")),
        )
        .first()
    )
    if version is None:
        raise errors.procedure_not_found(code=national_code)
    return version


def field_list() -> QuerySet[Field]:
    """Fields that have at least one published procedure."""
    return Field.objects.filter(procedures__current_version__status=VersionStatus.PUBLISHED).distinct().order_by("name")
