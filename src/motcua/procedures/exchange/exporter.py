"""Reading the published catalogue out as a workbook or a .zip of CSV files."""

from __future__ import annotations

from django.db.models import F, Prefetch

from ..models import Component, Fee, Field, ProcedureVersion, ProcessStep, VersionStatus
from ..specs import ProcedureSpec, spec_from_version
from .convert import specs_to_tables
from .tables import Tables

FORMATS = ("xlsx", "csv")


def procedures_published_specs() -> list[ProcedureSpec]:
    """The current published version of every procedure, by code."""
    versions = (
        ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED, procedure__current_version=F("id"))
        .select_related("procedure__field")
        .prefetch_related(
            Prefetch("components", queryset=Component.objects.order_by("order")),
            Prefetch("fees", queryset=Fee.objects.order_by("order")),
            Prefetch("steps", queryset=ProcessStep.objects.order_by("order")),
        )
        .order_by("procedure__national_code")
    )
    return [spec_from_version(version) for version in versions.iterator(chunk_size=500)]


def procedures_export_tables() -> Tables:
    specs = procedures_published_specs()
    codes = {spec.field_code for spec in specs}
    names = dict(Field.objects.filter(code__in=codes).values_list("code", "name"))
    return specs_to_tables(specs, names)
