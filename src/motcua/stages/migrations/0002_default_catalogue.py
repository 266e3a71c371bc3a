"""Load version 1 of the stage catalogue, published (content and sources: motcua.stages.default_v1)."""

from django.db import migrations
from django.utils import timezone


def load(apps, schema_editor):
    from motcua.stages.default_v1 import STAGES

    CatalogueVersion = apps.get_model("stages", "CatalogueVersion")
    Stage = apps.get_model("stages", "Stage")
    StageStep = apps.get_model("stages", "StageStep")
    StageEvent = apps.get_model("stages", "StageEvent")
    if CatalogueVersion.objects.exists():
        return
    version = CatalogueVersion.objects.create(
        number=1,
        status="published",
        published_at=timezone.now(),
        note="Default catalogue: nine stages; time standards are defaults to calibrate (docs/stages.md).",
    )
    for spec in STAGES:
        stage = Stage.objects.create(
            version=version,
            code=spec.code,
            name_vi=spec.name_vi,
            name_en=spec.name_en,
            performer=spec.performer,
            reference_only=spec.reference_only,
            inputs=list(spec.inputs),
            outputs=list(spec.outputs),
            time_standard_minutes=spec.time_standard_minutes,
            time_basis=spec.time_basis,
            quality_checks=list(spec.quality_checks),
            slips=list(spec.slips),
            indicators=list(spec.indicators),
            sort_order=spec.sort_order,
        )
        for step in spec.steps:
            StageStep.objects.create(
                stage=stage, order=step.order, text_vi=step.text_vi, text_en=step.text_en, actor=step.actor
            )
        for event in spec.events:
            StageEvent.objects.create(
                stage=stage, boundary=event.boundary, order=event.order, kind=event.kind, name=event.name
            )


def unload(apps, schema_editor):
    apps.get_model("stages", "CatalogueVersion").objects.filter(number=1).delete()


class Migration(migrations.Migration):
    dependencies = [("stages", "0001_catalogue")]

    operations = [migrations.RunPython(load, unload)]
