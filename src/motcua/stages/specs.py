"""A catalogue's content as plain values: what the default catalogue, the workbook import and export, the
copy of a version and the comparison of two versions share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import CatalogueVersion, Stage


@dataclass(frozen=True)
class StepSpec:
    order: int
    text_vi: str
    text_en: str
    actor: str


@dataclass(frozen=True)
class EventSpec:
    boundary: str  # start or end
    order: int
    kind: str  # dossier or postal
    name: str


@dataclass(frozen=True)
class StageSpec:
    code: str
    name_vi: str
    name_en: str
    performer: str
    sort_order: int
    time_standard_minutes: int
    time_basis: str = "dossier"
    reference_only: bool = False
    inputs: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()
    quality_checks: tuple[str, ...] = ()
    slips: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    steps: tuple[StepSpec, ...] = field(default_factory=tuple)
    events: tuple[EventSpec, ...] = field(default_factory=tuple)

    LIST_FIELDS = ("inputs", "outputs", "quality_checks", "slips", "indicators")
    VALUE_FIELDS = ("name_vi", "name_en", "performer", "reference_only", "time_standard_minutes", "time_basis")


def spec_from_stage(stage: Stage) -> StageSpec:
    """The stage as values; its steps and events are read through ``all()`` so a prefetch serves them."""
    return StageSpec(
        code=stage.code,
        name_vi=stage.name_vi,
        name_en=stage.name_en,
        performer=stage.performer,
        sort_order=stage.sort_order,
        time_standard_minutes=stage.time_standard_minutes,
        time_basis=stage.time_basis,
        reference_only=stage.reference_only,
        inputs=tuple(stage.inputs),
        outputs=tuple(stage.outputs),
        quality_checks=tuple(stage.quality_checks),
        slips=tuple(stage.slips),
        indicators=tuple(stage.indicators),
        steps=tuple(
            StepSpec(order=s.order, text_vi=s.text_vi, text_en=s.text_en, actor=s.actor)
            for s in sorted(stage.steps.all(), key=lambda s: s.order)
        ),
        events=tuple(
            EventSpec(boundary=e.boundary, order=e.order, kind=e.kind, name=e.name)
            for e in sorted(stage.events.all(), key=lambda e: (e.boundary != "start", e.order))
        ),
    )


def specs_of(version: CatalogueVersion) -> list[StageSpec]:
    """Every stage of ``version`` as values, in sort order (three queries)."""
    stages = version.stages.prefetch_related("steps", "events").order_by("sort_order")
    return [spec_from_stage(stage) for stage in stages]


def stages_write(*, version: CatalogueVersion, specs: Iterable[StageSpec]) -> None:
    """Store ``specs`` as the stages of ``version`` (a draft with no stages yet), in bulk."""
    from .models import StageEvent, StageStep

    specs = list(specs)
    stages = Stage.objects.bulk_create(
        Stage(
            version=version,
            code=spec.code,
            sort_order=spec.sort_order,
            **{name: getattr(spec, name) for name in StageSpec.VALUE_FIELDS},
            **{name: list(getattr(spec, name)) for name in StageSpec.LIST_FIELDS},
        )
        for spec in specs
    )
    if any(stage.pk is None for stage in stages):  # a backend that returns no keys from a bulk insert
        stages = list(Stage.objects.filter(version=version).order_by("sort_order"))
    by_code = {stage.code: stage for stage in stages}
    StageStep.objects.bulk_create(
        StageStep(stage=by_code[spec.code], order=s.order, text_vi=s.text_vi, text_en=s.text_en, actor=s.actor)
        for spec in specs
        for s in spec.steps
    )
    StageEvent.objects.bulk_create(
        StageEvent(stage=by_code[spec.code], boundary=e.boundary, order=e.order, kind=e.kind, name=e.name)
        for spec in specs
        for e in spec.events
    )
