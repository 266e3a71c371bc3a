"""Writing the stage catalogue: a draft copied from a published version, a draft filled from specs, publishing.

The reads the planner and the indicators call, :func:`catalogue_current` and :func:`stage_get`, live in
:mod:`.selectors` and are re-exported here so that one import serves both.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from motcua.audit.services import audit_event_append

from . import errors
from .models import CatalogueVersion, VersionStatus
from .rules import catalogue_problems
from .selectors import catalogue_current, stage_get
from .specs import StageSpec, specs_of, stages_write

__all__ = [
    "catalogue_current",
    "catalogue_draft_create",
    "catalogue_version_copy",
    "catalogue_version_publish",
    "stage_get",
]


def _audit(version: CatalogueVersion, verb: str, actor: Any, **payload: Any) -> None:
    audit_event_append(
        action=f"stages.catalogue.{verb}",
        actor=actor,
        object_type="stages.catalogueversion",
        object_id=str(version.number),
        payload={"status": version.status, **payload},
    )


def _next_number() -> int:
    return (CatalogueVersion.objects.aggregate(last=Max("number"))["last"] or 0) + 1


@transaction.atomic
def catalogue_draft_create(*, specs: Iterable[StageSpec], note: str = "", actor: Any = None) -> CatalogueVersion:
    """A new draft version holding ``specs`` (checked when it is published, not here)."""
    version = CatalogueVersion.objects.create(number=_next_number(), status=VersionStatus.DRAFT, note=note)
    stages_write(version=version, specs=specs)
    _audit(version, "draft", actor)
    return version


@transaction.atomic
def catalogue_version_copy(*, version: CatalogueVersion, actor: Any = None, note: str = "") -> CatalogueVersion:
    """A new draft with the content of ``version`` (published or retired), to be changed and published."""
    if version.status == VersionStatus.DRAFT:
        raise errors.copy_of_draft(number=version.number)
    return catalogue_draft_create(specs=specs_of(version), note=note or f"copy of v{version.number}", actor=actor)


@transaction.atomic
def catalogue_version_publish(*, version: CatalogueVersion, actor: Any = None) -> CatalogueVersion:
    """Publish the draft ``version`` and retire the version published before, in one transaction.

    Refused, with nothing changed, when ``version`` is not a draft or its content breaks a rule of
    :mod:`.rules` (a required stage missing, a code twice, an event motcua does not record, an unknown slip or
    indicator, a stage without steps): the first problem is raised.
    """
    version = CatalogueVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise errors.not_a_draft(number=version.number)
    problems = catalogue_problems(specs_of(version))
    if problems:
        raise problems[0]
    now = timezone.now()
    previous = list(CatalogueVersion.objects.select_for_update().filter(status=VersionStatus.PUBLISHED))
    for old in previous:
        old.status = VersionStatus.RETIRED
        old.save(update_fields=["status"])
        _audit(old, "retire", actor)
    version.status = VersionStatus.PUBLISHED
    version.published_at = now
    version.save(update_fields=["status", "published_at"])
    _audit(version, "publish", actor, retired=[old.number for old in previous])
    return version
