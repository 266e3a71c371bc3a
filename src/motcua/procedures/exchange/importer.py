"""Importing a catalogue file: all or nothing, in one transaction.

Everything is checked before anything is written: the file's own rules (:mod:`.parse`), then what depends on
the database (fields). If anything is wrong, :class:`ImportRejected` lists every problem and nothing is
written. A procedure whose content equals its current version is left alone, so re-importing the same file
changes nothing; changed content becomes a new version, published (the old one is retired and dossiers keep
theirs) unless ``publish=False``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Prefetch

from motcua.audit import events as audit

from .. import errors as catalogue_errors
from ..errors import ImportIssue, ImportRejected
from ..models import Component, Fee, Field, Procedure, ProcedureVersion, ProcessStep, VersionStatus
from ..services import (
    field_create,
    procedure_change_field,
    procedure_create,
    procedure_version_create_draft,
    procedure_version_publish,
    procedure_version_update,
)
from ..specs import ProcedureSpec, spec_from_version
from . import errors
from .columns import PROCEDURES
from .parse import ParsedCatalogue, parse_catalogue, sort_issues
from .tables import Tables, read_tables

CREATED, NEW_VERSION, DRAFT_SAVED, UNCHANGED = "created", "new_version", "draft_saved", "unchanged"


@dataclass
class ImportSummary:
    """What an import did (or, in a dry run, would do)."""

    source: str
    dry_run: bool = False
    procedures: int = 0
    procedures_created: int = 0
    versions_created: int = 0
    versions_published: int = 0
    drafts_saved: int = 0
    unchanged: int = 0
    reclassified: int = 0
    fields_created: int = 0
    outcomes: dict[str, str] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(
            (
                self.procedures_created,
                self.versions_created,
                self.versions_published,
                self.drafts_saved,
                self.reclassified,
                self.fields_created,
            )
        )

    def counts(self) -> dict[str, int]:
        return {key: value for key, value in asdict(self).items() if isinstance(value, int) and key != "dry_run"}


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _parts() -> list[Prefetch]:
    return [
        Prefetch("components", queryset=Component.objects.order_by("order")),
        Prefetch("fees", queryset=Fee.objects.order_by("order")),
        Prefetch("steps", queryset=ProcessStep.objects.order_by("order")),
    ]


@dataclass
class _Existing:
    procedure: Procedure
    current: ProcedureSpec | None
    draft: ProcedureVersion | None
    draft_spec: ProcedureSpec | None


def _load_existing(codes: list[str]) -> dict[str, _Existing]:
    """The procedures of the file already in the catalogue, locked, with their current version and open draft."""
    procedures: dict[str, Procedure] = {}
    for chunk in _chunks(codes):
        # Lock first (a nullable join cannot be locked on PostgreSQL), then read with the joins.
        list(Procedure.objects.select_for_update().filter(national_code__in=chunk).values_list("pk", flat=True))
        procedures.update(
            (p.national_code, p) for p in Procedure.objects.filter(national_code__in=chunk).select_related("field")
        )
    ids = [p.pk for p in procedures.values()]
    versions: dict[int, ProcedureVersion] = {}
    drafts: dict[int, ProcedureVersion] = {}
    for chunk in _chunks(ids):
        in_chunk = set(chunk)
        current_ids = [p.current_version_id for p in procedures.values() if p.pk in in_chunk and p.current_version_id]
        for version in (
            ProcedureVersion.objects.filter(pk__in=current_ids)
            .select_related("procedure__field")
            .prefetch_related(*_parts())
        ):
            versions[version.procedure_id] = version
        for draft in (
            ProcedureVersion.objects.filter(procedure_id__in=chunk, status=VersionStatus.DRAFT)
            .select_related("procedure__field")
            .prefetch_related(*_parts())
            .order_by("number")
        ):
            drafts[draft.procedure_id] = draft  # the newest wins
    return {
        code: _Existing(
            procedure=p,
            current=spec_from_version(versions[p.pk]) if p.pk in versions else None,
            draft=drafts.get(p.pk),
            draft_spec=spec_from_version(drafts[p.pk]) if p.pk in drafts else None,
        )
        for code, p in procedures.items()
    }


def _field_issues(parsed: ParsedCatalogue, fields: dict[str, Field]) -> list[ImportIssue]:
    issues = []
    for rows in parsed.rows.values():
        values = rows.procedure.values
        code, name = values["field_code"], values["field_name"]
        if not code or "field_code" in rows.procedure.failed:
            continue
        known = fields.get(code)
        if known is None and not parsed.field_names.get(code):
            error = catalogue_errors.field_unknown(code=code, creatable=True)
            issues.append(ImportIssue.of(error, sheet=PROCEDURES, row=rows.procedure.number, column="field_code"))
        elif known is not None and name and name != known.name and "field_name" not in rows.procedure.failed:
            error = errors.field_name_mismatch(code=code, name=known.name)
            issues.append(ImportIssue.of(error, sheet=PROCEDURES, row=rows.procedure.number, column="field_name"))
    return issues


@dataclass
class _Plan:
    """What the import does to one procedure."""

    spec: ProcedureSpec
    existing: _Existing | None
    outcome: str
    reclassify: bool = False
    open_draft: bool = False  # a new draft is opened (otherwise the open draft is reused)
    write_draft: bool = False  # the draft receives the file's content


def _plan(spec: ProcedureSpec, existing: _Existing | None, *, publish: bool) -> _Plan:
    if existing is None:
        return _Plan(spec, existing, CREATED)
    reclassify = existing.procedure.field.code != spec.field_code
    if existing.current is not None and existing.current.same_content(spec):
        return _Plan(spec, existing, UNCHANGED, reclassify)
    draft_matches = existing.draft_spec is not None and existing.draft_spec.same_content(spec)
    if draft_matches and not publish:
        return _Plan(spec, existing, UNCHANGED, reclassify)
    return _Plan(
        spec,
        existing,
        NEW_VERSION if publish else DRAFT_SAVED,
        reclassify,
        open_draft=existing.draft is None,
        write_draft=not draft_matches,
    )


def _count(plan: _Plan, summary: ImportSummary, *, publish: bool) -> None:
    summary.outcomes[plan.spec.national_code] = plan.outcome
    summary.unchanged += plan.outcome == UNCHANGED
    summary.procedures_created += plan.outcome == CREATED
    summary.versions_created += plan.outcome == CREATED or plan.open_draft
    summary.drafts_saved += plan.write_draft and not plan.open_draft
    summary.versions_published += publish and plan.outcome in (CREATED, NEW_VERSION)
    summary.reclassified += plan.reclassify


def _apply(plan: _Plan, fields: dict[str, Field], *, actor: Any, publish: bool) -> None:
    spec, existing = plan.spec, plan.existing
    if existing is None:
        procedure_create(spec=spec, actor=actor, publish=publish)
        return
    if plan.reclassify:
        procedure_change_field(procedure=existing.procedure, field=fields[spec.field_code], actor=actor)
    if plan.outcome == UNCHANGED:
        return
    draft = existing.draft
    if plan.open_draft or draft is None:
        draft = procedure_version_create_draft(procedure=existing.procedure, actor=actor)
    if plan.write_draft:
        procedure_version_update(version=draft, spec=spec, actor=actor)
    if publish:
        procedure_version_publish(version=draft, actor=actor)


@transaction.atomic
def procedures_import_tables(
    *, tables: Tables, source: str, actor: Any = None, dry_run: bool = False, publish: bool = True
) -> ImportSummary:
    """Import the catalogue in ``tables``; see the module documentation. ``dry_run`` checks and counts only."""
    parsed = parse_catalogue(tables)
    codes = sorted({rows.procedure.values["field_code"] for rows in parsed.rows.values()} - {""})
    fields = {f.code: f for f in Field.objects.filter(code__in=codes)}
    issues = parsed.issues + _field_issues(parsed, fields)
    if issues:
        raise ImportRejected(sort_issues(issues))
    existing = _load_existing([spec.national_code for spec in parsed.specs])
    plans = [_plan(spec, existing.get(spec.national_code), publish=publish) for spec in parsed.specs]
    missing_fields = sorted({spec.field_code for spec in parsed.specs} - set(fields))
    summary = ImportSummary(source=source, dry_run=dry_run, procedures=len(plans), fields_created=len(missing_fields))
    for plan in plans:
        _count(plan, summary, publish=publish)
    if dry_run or not summary.changed:
        return summary
    try:
        for code in missing_fields:
            fields[code] = field_create(code=code, name=parsed.field_names[code], actor=actor)
        for plan in plans:
            _apply(plan, fields, actor=actor, publish=publish)
    except IntegrityError as error:
        # Only a concurrent writer can get here: everything was checked above, under lock for known procedures.
        raise errors.import_conflict() from error
    audit.procedures_imported(
        actor=actor, source=source, created=summary.procedures_created, versions=summary.versions_created
    )
    return summary


def procedures_import_file(
    *, data: bytes, source: str, actor: Any = None, dry_run: bool = False, publish: bool = True
) -> ImportSummary:
    """Import an .xlsx workbook or a .zip of CSV files (see :mod:`.columns` for the format)."""
    return procedures_import_tables(
        tables=read_tables(data), source=source, actor=actor, dry_run=dry_run, publish=publish
    )
