"""Existing receiving points say whom they receive for and how (docs/domain.md "Channels").

A centre's or one-stop's own point receives directly, for the unit operating it. A post office receives
through the public postal service, for the service centre of its commune when there is exactly one;
otherwise it is left empty (reception then falls back to the lead agency's one-stop unit) for an
administrator to set.
"""

from django.db import migrations

ONE_STOP_KINDS = ("one_stop", "service_centre")


def fill(apps, schema_editor):
    ReceivingPoint = apps.get_model("agencies", "ReceivingPoint")
    Agency = apps.get_model("agencies", "Agency")
    for point in ReceivingPoint.objects.select_related("operator").iterator():
        if point.kind == "post_office":
            point.channel = "postal"
            if point.one_stop_unit_id is None:
                centres = list(
                    Agency.objects.filter(kind="service_centre", commune_id=point.commune_id, is_active=True)[:2]
                )
                if len(centres) == 1:
                    point.one_stop_unit = centres[0]
        else:
            point.channel = "counter"
            if point.one_stop_unit_id is None and point.operator.kind in ONE_STOP_KINDS:
                point.one_stop_unit = point.operator
        point.save(update_fields=["channel", "one_stop_unit"])


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0002_signers_one_stop_unit_channel"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
