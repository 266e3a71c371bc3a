"""The life of a version: draft → published → retired. One service per transition."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.dispatch import Signal
from django.utils import timezone

from motcua.audit import events as audit

from .. import errors
from ..errors import ProcedureSpecInvalid
from ..models import Procedure, ProcedureVersion, VersionStatus
from ..specs import ProcedureSpec, spec_from_version
from ..validators import spec_issues
from .catalogue import field_get, procedure_change_field, procedure_refresh_search_text
from .parts import guard_draft, version_parts_write

# Sent with ``version`` (and ``previous``, the version it replaces or None) inside the publishing transaction, so
# apps built on the catalogue (training) can react without the catalogue importing them.
version_published = Signal()


def _open_draft(procedure: Procedure) -> ProcedureVersion | None:
    return procedure.versions.filter(status=VersionStatus.DRAFT).order_by("-number").first()


@transaction.atomic
def procedure_version_create_draft(
    *, procedure: Procedure, actor: Any = None, source: ProcedureVersion | None = None
) -> ProcedureVersion:
    """Open a new draft, numbered after the newest version, copying ``source`` (default: the current version).

    A procedure has at most one draft at a time, so two editors do not prepare rival versions unawares.
    Without any version to copy, the draft starts empty under the procedure's name.
    """
    procedure = Procedure.objects.select_for_update().select_related("field").get(pk=procedure.pk)
    draft = _open_draft(procedure)
    if draft is not None:
        raise errors.has_draft(code=procedure.national_code, number=draft.number)
    if source is not None and source.procedure_id != procedure.pk:
        raise errors.version_of_other_procedure(number=source.number, code=procedure.national_code)
    source = source or procedure.current_version or procedure.versions.order_by("-number").first()
    number = (procedure.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    if source is None:
        version = ProcedureVersion.objects.create(
            procedure=procedure, number=number, name=procedure.name, competent_authority="", time_limit=0
        )
    else:
        spec = spec_from_version(source)
        version = ProcedureVersion.objects.create(procedure=procedure, number=number, **spec.version_values())
        version_parts_write(version=version, spec=spec)
    audit.procedure_version_draft_created(version, actor)
    return version


@transaction.atomic
def procedure_version_update(*, version: ProcedureVersion, spec: ProcedureSpec, actor: Any = None) -> ProcedureVersion:
    """Replace the whole content of a draft with ``spec``.

    The spec's field reclassifies the procedure (fields are not versioned). Until a version is published,
    the procedure takes the draft's name.
    """
    version = ProcedureVersion.objects.select_for_update().select_related("procedure__field").get(pk=version.pk)
    guard_draft(version)
    procedure = version.procedure
    if spec.national_code != procedure.national_code:
        raise errors.code_mismatch(given=spec.national_code, code=procedure.national_code)
    issues = spec_issues(spec)
    if issues:
        raise ProcedureSpecInvalid(national_code=spec.national_code, issues=issues)
    if spec.field_code != procedure.field.code:
        procedure_change_field(procedure=procedure, field=field_get(code=spec.field_code), actor=actor)
    for name, value in spec.version_values().items():
        setattr(version, name, value)
    version.save()
    version_parts_write(version=version, spec=spec)
    if procedure.current_version_id is None and procedure.name != spec.name:
        procedure.name = spec.name
        procedure.save(update_fields=["name"])
        procedure_refresh_search_text(procedure=procedure)
    return version


@transaction.atomic
def procedure_version_publish(*, version: ProcedureVersion, actor: Any = None) -> ProcedureVersion:
    """Publish a draft: it becomes immutable and current; the previous current version is retired.

    Dossiers already received keep pointing at the version they were received under.
    """
    version = ProcedureVersion.objects.select_for_update().select_related("procedure__field").get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise errors.version_not_draft(number=version.number, status=version.get_status_display())
    if not version.components.exists():
        raise errors.version_without_components()
    issues = spec_issues(spec_from_version(version))
    if issues:
        raise ProcedureSpecInvalid(national_code=version.procedure.national_code, issues=issues)
    procedure = Procedure.objects.select_for_update().get(pk=version.procedure_id)
    previous = procedure.current_version
    now = timezone.now()
    if previous is not None and previous.pk != version.pk:
        ProcedureVersion.objects.filter(pk=previous.pk).update(status=VersionStatus.RETIRED)
    version.status = VersionStatus.PUBLISHED
    version.published_at = now
    ProcedureVersion.objects.filter(pk=version.pk).update(status=version.status, published_at=now)
    procedure.current_version = version
    procedure.name = version.name
    procedure.save(update_fields=["current_version", "name"])
    procedure_refresh_search_text(procedure=procedure)
    audit.procedure_version_published(version, actor)
    version_published.send(sender=ProcedureVersion, version=version, previous=previous)
    return version


@transaction.atomic
def procedure_version_retire(*, version: ProcedureVersion, actor: Any = None) -> ProcedureVersion:
    """Withdraw a published version. If it was current, the procedure leaves the public catalogue.

    The version and its parts stay as they were: dossiers received under it still point at it.
    """
    version = ProcedureVersion.objects.select_for_update().select_related("procedure").get(pk=version.pk)
    if version.status != VersionStatus.PUBLISHED:
        raise errors.version_not_published(number=version.number, status=version.get_status_display())
    ProcedureVersion.objects.filter(pk=version.pk).update(status=VersionStatus.RETIRED)
    version.status = VersionStatus.RETIRED
    Procedure.objects.filter(pk=version.procedure_id, current_version=version).update(current_version=None)
    audit.procedure_version_retired(version, actor)
    return version
