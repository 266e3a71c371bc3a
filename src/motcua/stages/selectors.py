"""Reading the stage catalogue: the published version, one stage by its code, a version by number.

The planner, training and the indicators look stages up here by their stable code (docs/stages.md).
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from . import errors
from .models import CatalogueVersion, Stage, StageEvent, StageStep, VersionStatus

__all__ = ["catalogue_current", "catalogue_version_get", "catalogue_versions", "stage_get", "stages_of"]


def stages_of(version: CatalogueVersion) -> QuerySet[Stage]:
    """The stages of ``version`` in sort order, with their steps and events prefetched in order."""
    return (
        Stage.objects.filter(version=version)
        .order_by("sort_order")
        .prefetch_related(
            Prefetch("steps", queryset=StageStep.objects.order_by("order")),
            Prefetch("events", queryset=StageEvent.objects.order_by("boundary", "order")),
        )
    )


def _with_stages(queryset: QuerySet[CatalogueVersion]) -> QuerySet[CatalogueVersion]:
    return queryset.prefetch_related(
        Prefetch(
            "stages",
            queryset=Stage.objects.order_by("sort_order").prefetch_related(
                Prefetch("steps", queryset=StageStep.objects.order_by("order")),
                Prefetch("events", queryset=StageEvent.objects.order_by("boundary", "order")),
            ),
        )
    )


def catalogue_current() -> CatalogueVersion:
    """The published catalogue version.

    Returns a :class:`~motcua.stages.models.CatalogueVersion` whose ``stages.all()`` is prefetched: a list of
    :class:`~motcua.stages.models.Stage` in ``sort_order``, each with ``steps.all()`` (``StageStep`` by order)
    and ``events.all()`` (``StageEvent``, filter on ``boundary``: start or end) prefetched too — four queries in all.
    Raises ``ApplicationError`` ``stages_catalogue_not_found`` (404) when none is published.
    """
    version = _with_stages(CatalogueVersion.objects.filter(status=VersionStatus.PUBLISHED)).first()
    if version is None:
        raise errors.no_published_catalogue()
    return version


def stage_get(code: str, *, version: CatalogueVersion | None = None) -> Stage:
    """The stage ``code`` of the published catalogue (or of ``version``).

    Returns a :class:`~motcua.stages.models.Stage` with ``steps.all()`` and ``events.all()`` prefetched in order;
    its useful fields: ``code``, ``name_vi``, ``name_en``, ``performer``, ``reference_only``,
    ``time_standard_minutes`` with ``time_basis`` (``dossier`` or ``page``), ``inputs``, ``outputs``,
    ``quality_checks``, ``slips``, ``indicators`` (lists of strings), ``sort_order``.
    Raises ``stages_stage_not_found`` (404) for an unknown code, ``stages_catalogue_not_found`` without a catalogue.
    """
    if version is None:
        version = CatalogueVersion.objects.filter(status=VersionStatus.PUBLISHED).first()
        if version is None:
            raise errors.no_published_catalogue()
    stage = stages_of(version).filter(code=code).first()
    if stage is None:
        raise errors.stage_not_found(code=code)
    return stage


def catalogue_version_get(*, number: int) -> CatalogueVersion:
    version = _with_stages(CatalogueVersion.objects.filter(number=number)).first()
    if version is None:
        raise errors.version_not_found(number=number)
    return version


def catalogue_versions() -> QuerySet[CatalogueVersion]:
    """Every version, newest first."""
    return CatalogueVersion.objects.order_by("-number")
